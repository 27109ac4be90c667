package firelog_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/firelog"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFirelog(t *testing.T) {
	analysistest.Run(t, testdata(t), finding.Standalone(firelog.Analyzer), "firelog/...")
}

// TestSyncFix checks the fix that drops the go keyword of a log call.
func TestSyncFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), finding.Standalone(firelog.Analyzer),
		"firelogfix")
}
