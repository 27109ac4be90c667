package policydoc

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

// Analyzer is the policydoc rule.
var Analyzer = &analysis.Analyzer{
	Name:       "policydoc",
	Doc:        finding.Doc(doc, "policydoc"),
	URL:        finding.URL("policydoc"),
	Requires:   []*analysis.Analyzer{inspect.Analyzer, config.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	c := finding.NewCollector("policydoc")
	if !cfg.Enabled("policydoc") {
		return c.Result(), nil
	}
	return c.Result(), nil
}
