package flowlint

import (
	_ "embed"
	"fmt"
	"go/token"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/accumulator"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/firelog"
	"github.com/flowlint/flowlint/analyzers/policydoc"
	"github.com/flowlint/flowlint/analyzers/respawn"
	"github.com/flowlint/flowlint/analyzers/spawnloop"
	"github.com/flowlint/flowlint/analyzers/unbounded"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

// Rules are the rule analyzers, by rule name.
var Rules = map[string]*analysis.Analyzer{
	"policydoc":   policydoc.Analyzer,
	"spawnloop":   spawnloop.Analyzer,
	"unbounded":   unbounded.Analyzer,
	"firelog":     firelog.Analyzer,
	"accumulator": accumulator.Analyzer,
	"respawn":     respawn.Analyzer,
}

// Analyzer is the root analyzer: the one drivers run and print.
var Analyzer = &analysis.Analyzer{
	Name:       "flowlint",
	Doc:        finding.Doc(doc, "flowlint"),
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/rules/README.md",
	Requires:   requires(),
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// Result is what the root analyzer hands to drivers beyond its diagnostics.
// go vet and golangci-lint ignore it; flowlint's own reports (SARIF) use it
// to show silenced findings as suppressed rather than leave them out.
type Result struct {
	// Suppressed are the findings a suppression comment silenced, in
	// source order.
	Suppressed []Suppressed
}

// Suppressed is a finding silenced by a suppression comment.
type Suppressed struct {
	analysis.Diagnostic

	// Kind is the form of the comment: "ignore", "file-ignore" or "nolint".
	Kind string

	// Reason is the justification the comment gives; it may be empty for
	// //nolint, which does not demand one.
	Reason string
}

func init() {
	config.CommandFlags.Register(&Analyzer.Flags)

	// A panic in one rule must not cost the user every other rule's
	// findings: each rule's Run reports its own failure instead.
	for name, a := range Rules {
		a.Run = finding.Guard(name, a.Run)
	}
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

func run(pass *analysis.Pass) (_ any, err error) {
	// The rules guard themselves; this guards the reporting around them
	// (suppressions, ordering), whose failure must not crash the command.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error reporting package %s: %v; please report it with this "+
				"package's code", pass.Pkg.Path(), r)
		}
	}()

	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	if cfg.Err != nil {
		return nil, cfg.Err
	}

	var all finding.Findings
	for _, name := range config.Rules {
		a, ok := Rules[name]
		if !ok || !cfg.Enabled(name) {
			continue
		}
		all = append(all, pass.ResultOf[a].(finding.Findings)...)
	}

	sup := collectSuppressions(pass, cfg)
	kept, silenced := sup.filter(all)
	kept = append(kept, sup.problems(cfg)...)

	kept = dropGenerated(pass, kept)
	kept = preferSpecific(kept)

	// Positions order findings within a file, but files get their bases in
	// whatever order they were parsed: sort by name so output is stable.
	sort.SliceStable(kept, func(i, j int) bool {
		pi, pj := pass.Fset.Position(kept[i].Pos), pass.Fset.Position(kept[j].Pos)
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		if pi.Offset != pj.Offset {
			return pi.Offset < pj.Offset
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
	sort.SliceStable(silenced, func(i, j int) bool { return silenced[i].Pos < silenced[j].Pos })
	return &Result{Suppressed: silenced}, nil
}

// preferSpecific keeps one finding where policydoc and a pattern rule
// report the same place (a log edge whose default drops without counting
// is both a shed edge that does not count and fire-and-forget logging): the
// pattern rule names what the code does, which is the more useful word.
func preferSpecific(list finding.Findings) finding.Findings {
	byPattern := map[token.Pos]bool{}
	for _, d := range list {
		if d.Category != "policydoc" && d.Category != suppressRule {
			byPattern[d.Pos] = true
		}
	}
	kept := list[:0]
	for _, d := range list {
		if d.Category == "policydoc" && byPattern[d.Pos] {
			continue
		}
		kept = append(kept, d)
	}
	return kept
}

// dropGenerated removes findings in generated files: their code is fixed
// where it is generated, and a suppression written there would be lost on
// the next generation. Files cgo rewrote keep their findings but lose
// their suggested fixes, which would apply to the rewrite in the build
// cache.
func dropGenerated(pass *analysis.Pass, list finding.Findings) finding.Findings {
	generated, rewritten := map[*token.File]bool{}, map[*token.File]bool{}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		switch {
		case finding.CgoRewrite(pass.Fset, f):
			rewritten[tf] = true // findings stand, fixes would edit the build cache
		case finding.IsGenerated(pass.Fset, f):
			generated[tf] = true
		}
	}
	for i, d := range list {
		if rewritten[pass.Fset.File(d.Pos)] && len(d.SuggestedFixes) > 0 {
			list[i].SuggestedFixes = nil
		}
	}
	if len(generated) == 0 {
		return list
	}
	kept := list[:0]
	for _, d := range list {
		// A rule that failed says so wherever it could point, even in a
		// generated file: dropping that would hide that it did not run.
		if !generated[pass.Fset.File(d.Pos)] || finding.IsInternalError(d) {
			kept = append(kept, d)
		}
	}
	return kept
}

// A Rule describes one kind of finding for reports that list the rules
// (SARIF): its name, which is every finding's Category, its documentation
// and its page.
type Rule struct {
	Name string
	Doc  string // a one-line summary, a blank line, then the longer text
	URL  string
}

// Catalog lists the rules that can produce findings, in documentation
// order, ending with suppress, the rule about suppression comments.
func Catalog() []Rule {
	var rules []Rule
	for _, name := range config.Rules {
		if a, ok := Rules[name]; ok {
			rules = append(rules, Rule{Name: name, Doc: a.Doc, URL: a.URL})
		}
	}
	return append(rules, Rule{Name: suppressRule, Doc: suppressDoc, URL: finding.URL(suppressRule)})
}

// suppressDoc documents the findings the root analyzer makes itself.
const suppressDoc = `check that suppressions name a rule, give a reason and silence something

A //flowlint:ignore, //flowlint:file-ignore or //nolint:flowlint comment
hides the next real finding in its reach as well as the one it was written
for, so each must name a known rule, say why the finding does not apply,
and still be needed.`
