package policydoc_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/policydoc"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPolicydoc(t *testing.T) {
	analysistest.Run(t, testdata(t), finding.Standalone(policydoc.Analyzer),
		"policydoc/annotations", "policydoc/sends", "policydoc/exempt", "policydoc/silent",
		"policydoc/registry", "policydoc/strict")
}

func TestCapacityFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), finding.Standalone(policydoc.Analyzer), "policydoc/capacity")
}

func TestInferredAnnotationFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), finding.Standalone(policydoc.Analyzer), "policydoc/infer")
}

// A timeout on an edge that is not timed is reported at the timeout field,
// not at the start of the annotation.
func TestStrayTimeoutColumn(t *testing.T) {
	results := analysistest.Run(t, testdata(t), finding.Standalone(policydoc.Analyzer), "policydoc/annotations")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "applies only to policy=timed") {
				continue
			}
			posn := r.Pass.Fset.Position(d.Pos)
			if posn.Column != 26 {
				t.Errorf("reported at column %d, want 26 where timeout= starts", posn.Column)
			}
			return
		}
	}
	t.Error("no finding for a timeout on a shed edge")
}
