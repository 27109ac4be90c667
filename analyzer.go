package flowlint

import (
	_ "embed"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/accumulator"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/policydoc"
	"github.com/flowlint/flowlint/analyzers/respawn"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

// Rules are the rule analyzers, by rule name.
var Rules = map[string]*analysis.Analyzer{
	"policydoc":   policydoc.Analyzer,
	"accumulator": accumulator.Analyzer,
	"respawn":     respawn.Analyzer,
}

// Analyzer is the root analyzer: the one drivers run and print.
var Analyzer = &analysis.Analyzer{
	Name:     "flowlint",
	Doc:      finding.Doc(doc, "flowlint"),
	URL:      "https://github.com/flowlint/flowlint/blob/main/docs/rules/README.md",
	Requires: requires(),
	Run:      run,
}

func init() {
	config.CommandFlags.Register(&Analyzer.Flags)
}

func requires() []*analysis.Analyzer {
	reqs := []*analysis.Analyzer{config.Analyzer}
	for _, name := range config.Rules {
		if a, ok := Rules[name]; ok {
			reqs = append(reqs, a)
		}
	}
	return reqs
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)

	var all finding.Findings
	for _, name := range config.Rules {
		a, ok := Rules[name]
		if !ok || !cfg.Enabled(name) {
			continue
		}
		all = append(all, pass.ResultOf[a].(finding.Findings)...)
	}

	sup := collectSuppressions(pass, cfg)
	kept := sup.filter(pass, all)
	kept = append(kept, sup.problems(cfg)...)

	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Pos != kept[j].Pos {
			return kept[i].Pos < kept[j].Pos
		}
		return kept[i].Message < kept[j].Message
	})
	var last analysis.Diagnostic
	for i, d := range kept {
		if i > 0 && d.Pos == last.Pos && d.Message == last.Message {
			continue
		}
		pass.Report(d)
		last = d
	}
	return nil, nil
}
