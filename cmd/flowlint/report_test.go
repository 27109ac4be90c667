package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSARIFCommand(t *testing.T) {
	bin := build(t)
	mod := module(t)

	out, code := run(t, mod, bin, "-sarif", "./...")
	if code != 3 {
		t.Errorf("-sarif on the leaky module: exit %d, want 3\n%s", code, out)
	}
	var log struct {
		Version string
		Runs    []struct{ Results []struct{ RuleID string } }
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("-sarif output is not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 2 {
		t.Errorf("want one SARIF 2.1.0 run with the 2 findings, got %+v", log)
	}

	out, code = run(t, mod, bin, "-sarif", "-policydoc=false", "./...")
	if code != 0 || !strings.Contains(out, `"results": []`) {
		t.Errorf("-sarif with the rule off: exit %d, want 0 and no results\n%s", code, out)
	}
}

func TestBaselineCommand(t *testing.T) {
	bin := build(t)
	mod := module(t)
	baseline := filepath.Join(mod, "flowlint.baseline.json")

	out, code := run(t, mod, bin, "-baseline="+baseline, "./...")
	if code != 1 || !strings.Contains(out, "does not exist; create it with -baseline-write") ||
		strings.Count(out, "\n") != 1 {
		t.Errorf("missing baseline: exit %d, want 1 and one line\n%s", code, out)
	}

	out, code = run(t, mod, bin, "-baseline="+baseline, "-baseline-write", "./...")
	if code != 0 || !strings.Contains(out, "recorded 2 findings") {
		t.Fatalf("-baseline-write: exit %d\n%s", code, out)
	}
	out, code = run(t, mod, bin, "-baseline="+baseline, "./...")
	if code != 0 || out != "" {
		t.Errorf("every finding baselined: exit %d, want 0 and silence\n%s", code, out)
	}

	// A run over part of the module speaks only for that part's entries.
	out, code = run(t, mod, bin, "-baseline="+baseline, "./clean")
	if code != 0 || out != "" {
		t.Errorf("-baseline on ./clean alone: exit %d, want 0 and no stale entries\n%s", code, out)
	}

	// A new finding fails the run; one whose code went away is reported
	// stale, so the baseline shrinks.
	leaky := filepath.Join(mod, "leaky", "leaky.go")
	src, _ := os.ReadFile(leaky)
	offer := strings.Index(string(src), "func Offer")
	edited := string(src[:offer]) + "var spare = make(chan Event, 4)\n"
	os.WriteFile(leaky, []byte(edited), 0o644)
	out, code = run(t, mod, bin, "-baseline="+baseline, "./...")
	want := "leaky.go:9:13: policydoc: channel of Event has no //flow:edge"
	if code != 3 || !strings.Contains(out, want) {
		t.Errorf("new finding: exit %d, want 3 and the finding\n%s", code, out)
	}
	want = "stale baseline entry leaky/leaky.go (Offer): policydoc: default case drops"
	if !strings.Contains(out, want) {
		t.Errorf("the fixed finding should be reported as a stale entry\n%s", out)
	}

	os.WriteFile(baseline, []byte("{\"version\": 1, \"findings\": [\n"), 0o644)
	out, code = run(t, mod, bin, "-baseline="+baseline, "./...")
	if code != 1 || !strings.Contains(out, "is not valid: line 2") ||
		strings.Contains(out, "panic") {
		t.Errorf("corrupt baseline: exit %d, want 1 and the line\n%s", code, out)
	}

	out, code = run(t, mod, bin, "-baseline-write", "./...")
	if code != 1 || !strings.Contains(out, "-baseline-write needs -baseline=FILE") {
		t.Errorf("-baseline-write alone: exit %d\n%s", code, out)
	}
}
