// Package report turns a flowlint analysis into the reports CI systems
// consume: SARIF for code-scanning dashboards, and a baseline that lets a
// project adopt flowlint without fixing every old finding first.
//
// It works on the action graph of golang.org/x/tools/go/analysis/checker,
// which, unlike the printing drivers, exposes the root analyzer's result:
// the findings that suppression comments silenced.
package report

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
)

// A Finding is one diagnostic of the root analyzer, resolved to file
// positions and to the context a fingerprint needs.
type Finding struct {
	Rule    string // the diagnostic's category
	Message string
	URL     string

	File      string // absolute path, as the driver loaded it
	ModuleDir string // root of the module that holds File, or ""
	Start     Position
	End       Position

	Func     string // enclosing function or declaration, e.g. "Stage.Submit"
	LineText string // the source line of Start, trimmed

	Fixes []Fix

	// Suppression is set when a comment silenced the finding.
	Suppression *Suppression

	// Fingerprint identifies the finding across edits that move it; see
	// Fingerprints.
	Fingerprint string
}

// A Position is a 1-based line and byte column.
type Position struct{ Line, Col int }

// A Fix is a suggested fix: a message and the edits that apply it.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the text between Start and End of File with NewText.
type Edit struct {
	File       string
	Start, End Position
	NewText    string
}

// A Suppression records the comment that silenced a finding.
type Suppression struct {
	Kind   string // "ignore", "file-ignore" or "nolint"
	Reason string
}

// Path is the finding's file relative to its module root, with forward
// slashes, or the absolute path when it lies outside any module.
func (f *Finding) Path() string { return relPath(f.ModuleDir, f.File) }

// String is the finding as the plain-text driver prints it.
func (f *Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Start.Line, f.Start.Col, f.Message)
}

func relPath(root, file string) string {
	if root != "" {
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(file)
}

// Collect gathers the root analyzer's findings, silenced ones included, and
// the errors of every action. A file that belongs to a package and to its
// test variant yields its findings once.
func Collect(g *checker.Graph) ([]*Finding, []error) {
	src := newSources()
	seen := map[string]bool{}
	var out []*Finding
	add := func(act *checker.Action, d analysis.Diagnostic, sup *Suppression) {
		f := resolve(act, d, src)
		f.Suppression = sup
		key := fmt.Sprintf("%s:%d:%d:%s:%v",
			f.File, f.Start.Line, f.Start.Col, f.Message, sup != nil)
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}

	var errs []error
	errSeen := map[string]bool{}
	for act := range g.All() {
		if act.Err != nil {
			// A failed dependency fails its dependents too; report the cause.
			msg := act.Err.Error()
			if !errSeen[msg] && !strings.HasPrefix(msg, "failed prerequisites") {
				errSeen[msg] = true
				errs = append(errs, act.Err)
			}
			continue
		}
		if !act.IsRoot || act.Analyzer != flowlint.Analyzer {
			continue
		}
		for _, d := range act.Diagnostics {
			add(act, d, nil)
		}
		if res, ok := act.Result.(*flowlint.Result); ok {
			for _, s := range res.Suppressed {
				add(act, s.Diagnostic, &Suppression{Kind: s.Kind, Reason: s.Reason})
			}
		}
	}
	sortFindings(out)
	Fingerprints(out)
	return out, errs
}

func sortFindings(list []*Finding) {
	slices.SortStableFunc(list, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Start.Line, b.Start.Line),
			cmp.Compare(a.Start.Col, b.Start.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// resolve turns a diagnostic of act's package into a Finding.
func resolve(act *checker.Action, d analysis.Diagnostic, src *sources) *Finding {
	fset := act.Package.Fset
	start := fset.Position(d.Pos)
	end := start
	if d.End.IsValid() && d.End >= d.Pos {
		end = fset.Position(d.End)
	}
	f := &Finding{
		Rule:     d.Category,
		Message:  d.Message,
		URL:      d.URL,
		File:     start.Filename,
		Start:    Position{start.Line, start.Column},
		End:      Position{end.Line, end.Column},
		Func:     enclosing(act.Package.Syntax, fset, d.Pos),
		LineText: strings.TrimSpace(src.line(start.Filename, start.Line)),
	}
	if m := act.Package.Module; m != nil {
		f.ModuleDir = m.Dir
	}
	for _, sf := range d.SuggestedFixes {
		fix := Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			from, to := fset.Position(e.Pos), fset.Position(e.Pos)
			if e.End.IsValid() {
				to = fset.Position(e.End)
			}
			fix.Edits = append(fix.Edits, Edit{
				File:    from.Filename,
				Start:   Position{from.Line, from.Column},
				End:     Position{to.Line, to.Column},
				NewText: string(e.NewText),
			})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// enclosing names the top-level declaration that holds pos: "Func",
// "Type.Method", or "var name" and "type name" outside functions. A name
// survives edits elsewhere in the file, which is why fingerprints use it
// instead of a line number.
func enclosing(files []*ast.File, fset *token.FileSet, pos token.Pos) string {
	for _, file := range files {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		for _, decl := range file.Decls {
			if pos < decl.Pos() || pos > decl.End() {
				continue
			}
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				return flowtypes.FuncDeclName(decl)
			case *ast.GenDecl:
				return genDeclName(decl, pos)
			}
		}
	}
	return ""
}

func genDeclName(decl *ast.GenDecl, pos token.Pos) string {
	for _, spec := range decl.Specs {
		if pos < spec.Pos() || pos > spec.End() {
			continue
		}
		switch spec := spec.(type) {
		case *ast.TypeSpec:
			return "type " + spec.Name.Name
		case *ast.ValueSpec:
			return decl.Tok.String() + " " + spec.Names[0].Name
		}
	}
	return decl.Tok.String()
}

// sources reads source files once each, for the lines fingerprints and
// SARIF columns need.
type sources struct{ lines map[string][]string }

func newSources() *sources { return &sources{lines: map[string][]string{}} }

// line returns line n (1-based) of file, or "" when it cannot be read.
func (s *sources) line(file string, n int) string {
	lines, ok := s.lines[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		s.lines[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}
