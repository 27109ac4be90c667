package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowlint/flowlint/internal/report"
)

func edit(t *testing.T, path string, change func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := change(string(data))
	if changed == string(data) {
		t.Fatal("the edit changed nothing")
	}
	write(t, path, changed)
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := copyModule(t)
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := report.NewBaseline(analyze(t, dir)).Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := report.ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Findings) != 4 {
		t.Errorf("baseline holds %d entries, want the 4 standing findings", len(b.Findings))
	}
	fresh, stale := b.Compare(analyze(t, dir), nil)
	if len(fresh) != 0 || len(stale) != 0 {
		t.Errorf("unchanged code: %d new, %d stale; want none", len(fresh), len(stale))
	}
}

// TestBaselineSurvivesMovedLines edits the file the way unrelated work
// does: code added above every finding, reindented lines, a new function
// in between. No finding may look new and no entry stale.
func TestBaselineSurvivesMovedLines(t *testing.T) {
	dir := copyModule(t)
	b := report.NewBaseline(analyze(t, dir))
	file := filepath.Join(dir, "ingest", "ingest.go")
	edit(t, file, func(s string) string {
		s = strings.Replace(s, "type Event struct{ ID int }",
			"type Event struct{ ID int }\n\n// Size is new.\nconst Size = 3\n\n"+
				"func helper() int {\n\treturn Size\n}", 1)
		s = strings.Replace(s, "\tdefault:\n", "\t\tdefault:\n", 1)
		s = strings.Replace(s, "var queue = make(chan Event, 64)",
			"var queue  =  make(chan Event, 64)", 1)
		return s
	})
	list := analyze(t, dir)
	if list[0].Start.Line == 8 {
		t.Fatal("the edit did not move the findings")
	}
	fresh, stale := b.Compare(list, nil)
	for _, f := range fresh {
		t.Errorf("moved finding looks new: %s", f)
	}
	for _, e := range stale {
		t.Errorf("moved finding left a stale entry: %s", e)
	}
}

func TestBaselineNewAndStale(t *testing.T) {
	dir := copyModule(t)
	b := report.NewBaseline(analyze(t, dir))
	file := filepath.Join(dir, "ingest", "ingest.go")
	edit(t, file, func(s string) string {
		// Fix one finding, and copy another into a second function.
		s = strings.Replace(s, "make(chan Event, 1000)", "make(chan Event, 1500)", 1)
		return s + "\nfunc Offer2(ev Event) {\n" +
			"\tselect {\n\tcase queue <- ev:\n\tdefault:\n\t}\n}\n"
	})
	fresh, stale := b.Compare(analyze(t, dir), nil)
	if len(fresh) != 1 || fresh[0].Func != "Offer2" {
		t.Errorf("new findings = %v, want the one in Offer2", fresh)
	}
	if len(stale) != 1 || stale[0].Func != "New" {
		t.Fatalf("stale entries = %v, want the fixed one in New", stale)
	}
	want := "stale baseline entry ingest/ingest.go (New): policydoc: capacity 1000"
	if msg := stale[0].String(); !strings.HasPrefix(msg, want) {
		t.Errorf("stale message = %q", msg)
	}
}

// TestBaselineCountsCopies: a second identical finding in the same function
// is new even though it fingerprints like the first but for its rank. The
// copy sends a fresh value, so the first select's value is not used after it
// and both defaults drop silently.
func TestBaselineCountsCopies(t *testing.T) {
	dir := copyModule(t)
	b := report.NewBaseline(analyze(t, dir))
	edit(t, filepath.Join(dir, "ingest", "ingest.go"), func(s string) string {
		return strings.Replace(s, "\tcase queue <- ev:\n\tdefault:\n\t}\n",
			"\tcase queue <- ev:\n\tdefault:\n\t}\n"+
				"\tselect {\n\tcase queue <- Event{}:\n\tdefault:\n\t}\n", 1)
	})
	fresh, stale := b.Compare(analyze(t, dir), nil)
	if len(fresh) != 1 || len(stale) != 0 {
		t.Errorf("copy of a baselined finding: %d new, %d stale; want 1 and 0",
			len(fresh), len(stale))
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, text, want string }{
		{"missing", "", "does not exist; create it with -baseline-write"},
		{"corrupt", "{\n  \"version\": 1,\n  \"findings\": [\n",
			"is not valid: line 4: unexpected end"},
		{"wrong type", "{\"version\": \"one\"}",
			"is not valid: line 1: version holds a JSON string"},
		{"version", "{\"version\": 7, \"findings\": []}",
			"has version 7; this flowlint reads version 1"},
		{"no fingerprint", "{\"version\": 1, \"findings\": [{\"rule\": \"policydoc\"}]}",
			"entry 1 has no fingerprint"},
		{"array", "[]", "is not valid: line 1: the file holds a JSON array"},
		{"no findings", "{\"version\": 1, \"findings\": null}", "has no findings list"},
		{"bare entry", "{\"version\": 1, \"findings\": [{\"fingerprint\": \"x\"}]}",
			"entry 1 lacks its rule or file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			if tc.text != "" {
				write(t, path, tc.text)
			}
			_, err := report.ReadBaseline(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), path) {
				t.Errorf("error should be one line naming the file: %q", err)
			}
		})
	}
}
