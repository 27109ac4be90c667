package main_test

import (
	"strings"
	"testing"
)

// TestGraphCommand runs the graph subcommand on the scratch module: both
// formats, and the one-line errors for a bad format and a bad pattern.
func TestGraphCommand(t *testing.T) {
	bin := build(t)
	mod := module(t)

	out, code := run(t, mod, bin, "graph", "./...")
	if code != 0 || !strings.HasPrefix(out, "digraph flowlint {") {
		t.Errorf("graph ./...: exit %d, want 0 and DOT\n%s", code, out)
	}
	if !strings.Contains(out, "BREAK: no //flow:edge") {
		t.Errorf("graph of the leaky package does not mark its unannotated edge:\n%s", out)
	}

	out, code = run(t, mod, bin, "graph", "-format=mermaid", "./...")
	if code != 0 || !strings.HasPrefix(out, "flowchart LR\n") {
		t.Errorf("graph -format=mermaid: exit %d, want 0 and a flowchart\n%s", code, out)
	}

	for _, args := range [][]string{
		{"graph", "-format=svg", "./..."},
		{"graph", "./nothere"},
	} {
		out, code = run(t, mod, bin, args...)
		if code != 1 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "flowlint graph: ") {
			t.Errorf("%v: exit %d, output %q; want 1 and one line of error", args, code, out)
		}
	}
}
