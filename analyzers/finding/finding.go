// Package finding is how flowlint's rules speak: every finding names its
// rule in its text and category and links to the rule's page. Rules return
// their findings as results; the root analyzer applies suppressions and
// reports them, since drivers print only the root's diagnostics.
package finding

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// DocBase is where the rule pages live.
const DocBase = "https://github.com/flowlint/flowlint/blob/main/docs/rules/"

// URL is the page of a rule.
func URL(rule string) string { return DocBase + rule + ".md" }

// Findings is the result of every rule analyzer.
type Findings []analysis.Diagnostic

// ResultType is the reflect type rule analyzers declare.
var ResultType = reflect.TypeFor[Findings]()

// Collector gathers one rule's findings in one package.
type Collector struct {
	rule string
	list Findings
}

// NewCollector starts the findings of rule.
func NewCollector(rule string) *Collector { return &Collector{rule: rule} }

// Reportf records a finding spanning rng. The text is prefixed with the
// rule's name, since go vet prints no analyzer name.
func (c *Collector) Reportf(rng analysis.Range, format string, args ...any) {
	c.Report(rng, fmt.Sprintf(format, args...))
}

// Report records a finding with optional suggested fixes.
func (c *Collector) Report(rng analysis.Range, msg string, fixes ...analysis.SuggestedFix) {
	c.list = append(c.list, analysis.Diagnostic{
		Pos:            rng.Pos(),
		End:            rng.End(),
		Category:       c.rule,
		Message:        c.rule + ": " + msg,
		URL:            URL(c.rule),
		SuggestedFixes: fixes,
	})
}

// Result returns the findings in source order.
func (c *Collector) Result() Findings {
	sort.SliceStable(c.list, func(i, j int) bool { return c.list[i].Pos < c.list[j].Pos })
	return c.list
}

// Span is a range given by two positions.
type Span struct{ From, To token.Pos }

func (s Span) Pos() token.Pos { return s.From }
func (s Span) End() token.Pos { return s.To }

// IsTestFile reports whether f is a _test.go file. Rules leave test code
// alone: a test that spawns per case or buffers everything is not a pipeline.
func IsTestFile(fset *token.FileSet, f *ast.File) bool {
	return strings.HasSuffix(fset.File(f.Pos()).Name(), "_test.go")
}

// IsGenerated reports whether f carries the standard generated-code header.
func IsGenerated(f *ast.File) bool { return ast.IsGenerated(f) }

// Standalone wraps one rule analyzer into an analyzer that reports its
// findings as they are, with no suppression: what a rule's own tests need.
func Standalone(rule *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     rule.Name + "only",
		Doc:      "report the findings of " + rule.Name + " alone",
		URL:      rule.URL,
		Requires: []*analysis.Analyzer{rule},
		Run: func(pass *analysis.Pass) (any, error) {
			for _, d := range pass.ResultOf[rule].(Findings) {
				pass.Report(d)
			}
			return nil, nil
		},
	}
}

// Doc extracts an analyzer's documentation from the text of its doc.go,
// embedded by the analyzer's package, so that the package comment is the
// one source of the text go doc, -help and the rule pages show. The comment
// holds a "# Analyzer NAME" heading followed by "NAME: summary" and the
// longer text; Doc returns "summary\n\nlonger text".
func Doc(docGo, name string) string {
	var lines []string
	in := false
	for _, line := range strings.Split(docGo, "\n") {
		if !strings.HasPrefix(line, "//") {
			if in {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if text == "# Analyzer "+name {
			in = true
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	doc := strings.TrimSpace(strings.Join(lines, "\n"))
	summary, rest, _ := strings.Cut(doc, "\n")
	summary, ok := strings.CutPrefix(summary, name+": ")
	if !ok {
		panic(fmt.Sprintf("doc.go of %s lacks a \"# Analyzer %s\" heading and a %q line", name, name, name+": "))
	}
	return strings.TrimSpace(summary + "\n" + rest)
}

// Guard wraps a rule's Run so that a panic becomes one finding at the
// package clause of the package it failed on, instead of a crash that takes
// every other rule's findings with it. The finding says which rule failed
// and where, so it can be reported and fixed.
func Guard(rule string, run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			c := NewCollector(rule)
			var at analysis.Range = Span{}
			if len(pass.Files) > 0 {
				at = pass.Files[0].Name
			}
			c.Reportf(at, "internal error analyzing package %s: %v (%s); please report it with this "+
				"package's code, and switch the rule off with -%s=false meanwhile",
				pass.Pkg.Path(), r, panicSite(), rule)
			result, err = c.Result(), nil
		}()
		return run(pass)
	}
}

// panicSite names the function and line a panic came from, skipping the
// runtime's own frames.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("%s at %s:%d", f.Function, filepath.Base(f.File), f.Line)
		}
		if !more {
			return "unknown site"
		}
	}
}
