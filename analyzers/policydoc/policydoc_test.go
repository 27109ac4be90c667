package policydoc_test

import (
	"path/filepath"
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
