package finding_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/finding"
)

func TestGuard(t *testing.T) {
	var nilMap map[string]int
	broken := &analysis.Analyzer{
		Name:       "broken",
		Doc:        "a rule that panics",
		ResultType: finding.ResultType,
		Run: finding.Guard("broken", func(pass *analysis.Pass) (any, error) {
			nilMap["boom"]++ // a rule bug: writing to a nil map panics
			return finding.Findings{}, nil
		}),
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(t, dir, finding.Standalone(broken), "guard")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !finding.IsInternalError(d) {
				t.Errorf("a failed rule's finding is not known as an internal error: %q", d.Message)
			}
		}
	}

	c := finding.NewCollector("spawnloop")
	c.Reportf(finding.Span{From: 1, To: 2}, "go f() starts a goroutine per event")
	if finding.IsInternalError(c.Result()[0]) {
		t.Error("an ordinary finding is taken for an internal error")
	}
}

func TestCollector(t *testing.T) {
	c := finding.NewCollector("spawnloop")
	c.Reportf(finding.Span{From: 20, To: 25}, "second %d", 2)
	c.Reportf(finding.Span{From: 10, To: 12}, "first")
	got := c.Result()
	if len(got) != 2 || got[0].Pos != 10 || got[1].Message != "spawnloop: second 2" {
		t.Fatalf("Result = %+v", got)
	}
	for _, d := range got {
		if d.Category != "spawnloop" || !strings.HasSuffix(d.URL, "/docs/rules/spawnloop.md") {
			t.Errorf("finding %+v lacks its rule's category or page", d)
		}
	}
}

func TestDoc(t *testing.T) {
	const src = "// Package x does things.\n//\n// # Analyzer x\n//\n// x: find the things\n//\n// Longer text.\npackage x\n"
	if got, want := finding.Doc(src, "x"), "find the things\n\nLonger text."; got != want {
		t.Errorf("Doc = %q, want %q", got, want)
	}
}
