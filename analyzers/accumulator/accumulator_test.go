package accumulator_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/accumulator"
	"github.com/flowlint/flowlint/analyzers/finding"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, finding.Standalone(accumulator.Analyzer), "accumulator/...")
}
