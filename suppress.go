package flowlint

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/config"
)

// suppressRule is the category of findings about suppressions themselves.
const suppressRule = "suppress"

// A suppression silences findings of some rules within a span of a file.
type suppression struct {
	comment *ast.Comment
	kind    string   // "ignore", "file-ignore" or "nolint"
	rules   []string // rule names; empty for nolint, which covers them all
	from    token.Pos
	to      token.Pos
	used    bool
	problem string // set when the comment itself is malformed
	reason  string // the justification the comment gives, if any
}

type suppressions struct {
	list []*suppression
}

func collectSuppressions(pass *analysis.Pass, cfg *config.Config) *suppressions {
	s := &suppressions{}
	for _, file := range pass.Files {
		tf := pass.Fset.File(file.Pos())
		if tf == nil {
			continue
		}
		// Which node starts on which line is needed only to place a line
		// suppression; most files have none, so it is worked out the
		// first time one is found.
		var starts map[int]ast.Node
		for _, group := range file.Comments {
			for _, c := range group.List {
				sup := parseSuppression(c.Text)
				if sup == nil {
					continue
				}
				sup.comment = c
				if sup.kind == "file-ignore" {
					sup.from, sup.to = file.FileStart, file.FileEnd
				} else {
					if starts == nil {
						starts = nodeStarts(pass.Fset, file)
					}
					sup.from, sup.to = spanOf(pass.Fset, tf, c, starts)
				}
				s.list = append(s.list, sup)
			}
		}
	}
	return s
}

// parseSuppression reads one comment, or returns nil when it is not one.
func parseSuppression(text string) *suppression {
	if rest, ok := strings.CutPrefix(text, "//nolint:"); ok {
		linters, _, _ := strings.Cut(rest, " ")
		for _, l := range strings.Split(linters, ",") {
			if l = strings.TrimSpace(l); l == "flowlint" || l == "all" {
				return &suppression{kind: "nolint", reason: nolintReason(rest)}
			}
		}
		return nil
	}
	if text == "//nolint" || strings.HasPrefix(text, "//nolint ") {
		return &suppression{kind: "nolint", reason: nolintReason(text)}
	}

	var kind, rest string
	switch {
	case strings.HasPrefix(text, "//flowlint:ignore"):
		kind, rest = "ignore", strings.TrimPrefix(text, "//flowlint:ignore")
	case strings.HasPrefix(text, "//flowlint:file-ignore"):
		kind, rest = "file-ignore", strings.TrimPrefix(text, "//flowlint:file-ignore")
	case strings.HasPrefix(text, "//flowlint:"):
		verb, _, _ := strings.Cut(strings.TrimPrefix(text, "//flowlint:"), " ")
		return &suppression{kind: "ignore", problem: fmt.Sprintf(
			"unknown directive //flowlint:%s; write //flowlint:ignore RULE reason or //flowlint:file-ignore RULE reason", verb)}
	default:
		return nil
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return &suppression{kind: kind, problem: fmt.Sprintf("malformed //flowlint:%s; write //flowlint:%s RULE reason", kind, kind)}
	}
	// As in annotations, a // ends the directive: what follows is for
	// other tools, not the reason.
	if i := strings.Index(rest, "//"); i >= 0 {
		rest = rest[:i]
	}
	fields := strings.Fields(rest)
	sup := &suppression{kind: kind}
	if len(fields) == 0 {
		sup.problem = fmt.Sprintf("//flowlint:%s names no rule; write //flowlint:%s RULE reason", kind, kind)
		return sup
	}
	for _, r := range strings.Split(fields[0], ",") {
		if !slices.Contains(config.Rules, r) {
			sup.problem = fmt.Sprintf("//flowlint:%s names unknown rule %q (want one of %s)",
				kind, r, strings.Join(config.Rules, ", "))
			return sup
		}
		sup.rules = append(sup.rules, r)
	}
	sup.reason = strings.Join(fields[1:], " ")
	if len(fields) == 1 {
		sup.problem = fmt.Sprintf("//flowlint:%s %s has no reason; say why the finding does not apply, "+
			"so the next reader can judge", kind, fields[0])
	}
	return sup
}

// nolintReason is the explanation golangci-lint's convention puts after a
// second //, as in //nolint:flowlint // drained by the harness.
func nolintReason(text string) string {
	_, reason, _ := strings.Cut(strings.TrimPrefix(text, "//"), "//")
	return strings.TrimSpace(reason)
}

// nodeStarts maps each line to the outermost node that starts on it.
func nodeStarts(fset *token.FileSet, file *ast.File) map[int]ast.Node {
	starts := map[int]ast.Node{}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.File, *ast.Comment, *ast.CommentGroup:
			return true
		}
		line := flowtypes.Line(fset, n.Pos())
		if _, ok := starts[line]; !ok {
			starts[line] = n
		}
		return true
	})
	return starts
}

// spanOf is what a line suppression covers: its own line, and when it stands
// alone on its line, the whole of the syntax that starts on the next line.
func spanOf(fset *token.FileSet, tf *token.File, c *ast.Comment, starts map[int]ast.Node) (token.Pos, token.Pos) {
	line := flowtypes.Line(fset, c.Pos())
	from := tf.LineStart(line)
	to := c.End()
	if line < tf.LineCount() {
		to = tf.LineStart(line+1) - 1
	}
	if n, ok := starts[line]; ok && n.Pos() < c.Pos() {
		return from, to // the comment trails code: it covers its own line
	}
	if n, ok := starts[line+1]; ok {
		return from, n.End()
	}
	if line+1 < tf.LineCount() {
		to = tf.LineStart(line+2) - 1
	} else {
		to = token.Pos(tf.Base() + tf.Size())
	}
	return from, to
}

// filter splits the findings into those that stand and those a suppression
// silenced; the first suppression that covers a finding is the one its
// record names.
func (s *suppressions) filter(all finding.Findings) (kept finding.Findings, silenced []Suppressed) {
	for _, d := range all {
		var by *suppression
		for _, sup := range s.list {
			if sup.problem != "" || d.Pos < sup.from || d.Pos > sup.to {
				continue
			}
			if sup.kind == "nolint" || slices.Contains(sup.rules, d.Category) {
				sup.used = true
				if by == nil {
					by = sup
				}
			}
		}
		if by == nil {
			kept = append(kept, d)
			continue
		}
		silenced = append(silenced, Suppressed{Diagnostic: d, Kind: by.kind, Reason: by.reason})
	}
	return kept, silenced
}

// problems are findings about the suppressions themselves: malformed ones,
// and ones that silence nothing, which hide the next real finding.
func (s *suppressions) problems(cfg *config.Config) finding.Findings {
	c := finding.NewCollector(suppressRule)
	for _, sup := range s.list {
		switch {
		case sup.problem != "":
			c.Reportf(sup.comment, "%s", sup.problem)
		case !sup.used && sup.kind == "nolint" && strings.Contains(sup.comment.Text, "flowlint"):
			c.Reportf(sup.comment, "//nolint:flowlint silences no flowlint finding here; remove it")
		case !sup.used && sup.kind != "nolint" && anyEnabled(cfg, sup.rules):
			c.Reportf(sup.comment, "//flowlint:%s %s silences no finding; remove it, or move it to the line it meant",
				sup.kind, strings.Join(sup.rules, ","))
		}
	}
	return c.Result()
}

func anyEnabled(cfg *config.Config, rules []string) bool {
	for _, r := range rules {
		if cfg.Enabled(r) {
			return true
		}
	}
	return false
}
