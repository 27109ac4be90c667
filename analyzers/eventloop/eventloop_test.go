package eventloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/eventloop"
)

// loops reports every event loop the analyzer finds, so that the testdata
// can say which loops are and are not driven by events.
var loops = &analysis.Analyzer{
	Name:     "loops",
	Doc:      "report event loops",
	Requires: []*analysis.Analyzer{eventloop.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		info := pass.ResultOf[eventloop.Analyzer].(*eventloop.Info)
		for _, l := range info.Loops {
			pass.Reportf(l.Stmt.Pos(), "event loop: %s", l.Why)
		}
		return nil, nil
	},
}

func TestSources(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, loops, "eventloop/...")
}
