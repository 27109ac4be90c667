package spawnloop

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/spawn"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

const name = "spawnloop"

// Analyzer is the spawnloop rule.
var Analyzer = &analysis.Analyzer{
	Name:       name,
	Doc:        finding.Doc(doc, name),
	URL:        finding.URL(name),
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer, spawn.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

func run(pass *analysis.Pass) (any, error) {
	c := finding.NewCollector(name)
	if !pass.ResultOf[config.Analyzer].(*config.Config).Enabled(name) {
		return c.Result(), nil
	}

	starts := pass.ResultOf[spawn.Analyzer].(*spawn.Info).Of(spawn.Work)
	f := &fixer{pass: pass, ix: pass.ResultOf[syntax.Analyzer].(*syntax.Index)}
	fixes := f.plan(starts)
	for _, st := range starts {
		msg := fmt.Sprintf("%s starts a goroutine per event %s, so goroutines grow with load; %s",
			st.Text(), st.Place.Why(), fix(st))
		if sf, ok := fixes[st]; ok {
			c.Report(st.Report, msg, sf)
		} else {
			c.Report(st.Report, msg)
		}
	}
	return c.Result(), nil
}

// fix names the bound that suits the way the goroutine is started.
func fix(st *spawn.Start) string {
	switch st.Kind {
	case spawn.GroupGo:
		return "call SetLimit on an errgroup, or hand events to a fixed worker pool"
	case spawn.AfterFunc:
		return "drive delayed work from one timer loop, or bound it with a semaphore"
	}
	return "acquire a semaphore before the go statement, or hand events to a fixed worker pool"
}
