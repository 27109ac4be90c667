package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixable is the file of the fixable module that has one finding with a
// fix from each of policydoc, firelog and spawnloop.
const fixable = "stream/stream.go"

// fixedEdits are lines of the diff that each rule's fix produces.
var fixedEdits = []string{
	"+\tbuf := make(chan Event, 27000)",             // policydoc: the capacity the burst documents
	"+\t\tlog.Printf(\"queued %d\", ev.ID)",         // firelog: log synchronously
	"+\tsem := make(chan struct{}, maxInFlight)",    // spawnloop: a semaphore
	"+\t\t\tdefer func() { <-sem }()",               // spawnloop: the slot given back
	"+\tconst maxInFlight = 64",                     // spawnloop: a named starting point
	"+\t// flowlint: a starting point, not a measu", // ... that says it is one
}

// checkFixed compares the fixed file with the golden one and checks that
// flowlint has nothing left to say about it.
func checkFixed(t *testing.T, bin, mod, how string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(mod, fixable))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(mod, fixable+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s: fixed file differs from the golden one:\n%s", how, got)
	}
	if out, code := run(t, mod, bin, "./..."); code != 0 {
		t.Errorf("%s: flowlint on the fixed module: exit %d, want 0\n%s", how, code, out)
	}
}

// unchanged fails the test when the module's file was edited.
func unchanged(t *testing.T, mod, how string) {
	t.Helper()
	got, _ := os.ReadFile(filepath.Join(mod, fixable))
	orig, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "modules", "fixable", fixable))
	if string(got) != string(orig) {
		t.Errorf("%s edited the file:\n%s", how, got)
	}
}

func checkDiff(t *testing.T, how, out string) {
	t.Helper()
	for _, line := range fixedEdits {
		if !strings.Contains(out, line) {
			t.Errorf("%s: diff lacks %q:\n%s", how, line, out)
		}
	}
}

// TestFix applies the suggested fixes with flowlint -fix, after looking at
// them with -fix -diff.
func TestFix(t *testing.T) {
	bin := build(t)
	mod := moduleNamed(t, "fixable")

	if out, code := run(t, mod, bin, "./..."); code != 3 || strings.Count(out, "\n") != 3 {
		t.Fatalf("before fixing: exit %d, want 3 with three findings\n%s", code, out)
	}

	out, code := run(t, mod, bin, "-fix", "-diff", "./...")
	if code != 0 {
		t.Errorf("flowlint -fix -diff: exit %d, want 0\n%s", code, out)
	}
	checkDiff(t, "flowlint -fix -diff", out)
	unchanged(t, mod, "flowlint -fix -diff")

	out, code = run(t, mod, bin, "-fix", "./...")
	if code != 0 || out != "" {
		t.Errorf("flowlint -fix: exit %d, want 0 and nothing printed\n%s", code, out)
	}
	checkFixed(t, bin, mod, "flowlint -fix")
}

// TestGoFixTool runs flowlint as go fix's fix tool: go fix hands it a
// vet.cfg and -fix, and the analysis driver inside applies the fixes.
func TestGoFixTool(t *testing.T) {
	bin := build(t)
	mod := moduleNamed(t, "fixable")

	out, code := run(t, mod, "go", "fix", "-fixtool="+bin, "-diff", "./...")
	if code == 0 {
		t.Errorf("go fix -diff: exit 0, want non-zero for a non-empty diff\n%s", out)
	}
	checkDiff(t, "go fix -diff", out)
	unchanged(t, mod, "go fix -diff")

	// A broken configuration stops go fix, with its file and line.
	os.WriteFile(filepath.Join(mod, "flowlint.toml"), []byte("bogus = 1\n"), 0o644)
	out, code = run(t, mod, "go", "fix", "-fixtool="+bin, "./...")
	if code == 0 || !strings.Contains(out, `flowlint.toml:1: unknown key "bogus"`) {
		t.Errorf("go fix with a broken flowlint.toml: exit %d\n%s", code, out)
	}
	unchanged(t, mod, "go fix with a broken flowlint.toml")

	// Rule flags pass through: with spawnloop off, its fix is not applied.
	os.Remove(filepath.Join(mod, "flowlint.toml"))
	out, code = run(t, mod, "go", "fix", "-fixtool="+bin, "-diff", "-spawnloop=false", "./...")
	if code == 0 || strings.Contains(out, "maxInFlight") || !strings.Contains(out, "27000") {
		t.Errorf("go fix -diff -spawnloop=false: exit %d\n%s", code, out)
	}

	out, code = run(t, mod, "go", "fix", "-fixtool="+bin, "./...")
	if code != 0 {
		t.Errorf("go fix: exit %d, want 0\n%s", code, out)
	}
	checkFixed(t, bin, mod, "go fix")
}
