package policydoc

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/config"
	"github.com/flowlint/flowlint/policy"
)

// An annotation is one //flow:edge comment and what became of it.
type annotation struct {
	comment  *ast.Comment
	spec     policy.Spec
	bad      bool // malformed or incomplete: already reported
	attached bool // found the make, field or variable it describes
	inTest   bool // in a _test.go file: checked for form, not attached
}

// annotations indexes a package's //flow:edge comments by the line of code
// they describe: the line after their comment group, or their own line
// when they trail code.
type annotations struct {
	all   []*annotation
	above map[lineKey][]*annotation // describes the line after the group
	trail map[lineKey][]*annotation // sits at the end of a line of code
}

type lineKey struct {
	file *token.File
	line int
}

func collectAnnotations(fset *token.FileSet, files []*ast.File, cfg *config.Config, c *finding.Collector) *annotations {
	a := &annotations{above: map[lineKey][]*annotation{}, trail: map[lineKey][]*annotation{}}
	for _, file := range files {
		tf := fset.File(file.Pos())
		if tf == nil {
			continue
		}
		inTest := finding.IsTestFile(fset, file)
		var codeLines []bool // computed for files that have annotations only
		for _, group := range file.Comments {
			for _, cm := range group.List {
				an := parseAnnotation(cm, cfg, c)
				if an == nil {
					continue
				}
				if inTest {
					// Test code is not checked for edges, but a malformed
					// annotation there is still reported, not skipped.
					an.inTest = true
					a.all = append(a.all, an)
					continue
				}
				a.all = append(a.all, an)
				if codeLines == nil {
					codeLines = linesWithCode(tf, file)
				}
				line := tf.PositionFor(cm.Pos(), false).Line
				if line < len(codeLines) && codeLines[line] {
					a.trail[lineKey{tf, line}] = append(a.trail[lineKey{tf, line}], an)
				} else {
					below := tf.PositionFor(group.End(), false).Line + 1
					a.above[lineKey{tf, below}] = append(a.above[lineKey{tf, below}], an)
				}
			}
		}
	}
	return a
}

// parseAnnotation reads a comment; it reports malformed annotations and
// near misses that would otherwise be silently ignored.
func parseAnnotation(cm *ast.Comment, cfg *config.Config, c *finding.Collector) *annotation {
	text := cm.Text
	switch {
	case policy.IsDirective(text):
	case strings.HasPrefix(text, "//flow:"):
		verb, _, _ := strings.Cut(strings.TrimPrefix(text, "//flow:"), " ")
		c.Reportf(cm, "unknown directive //flow:%s; the edge annotation is %s", verb, policy.Directive)
		return nil
	case isSpacedDirective(text):
		c.Reportf(cm, "\"// flow:edge\" is not a directive and is ignored by tools; write %s with no space", policy.Directive)
		return nil
	default:
		return nil
	}

	an := &annotation{comment: cm}
	spec, err := policy.ParseDirective(text)
	if err != nil {
		off := 0
		if se, ok := err.(*policy.SyntaxError); ok {
			off = se.Offset
		}
		c.Reportf(finding.Span{From: cm.Slash + token.Pos(off), To: cm.End()}, "malformed %s: %v", policy.Directive, err)
		an.bad = true
		return an
	}
	if spec.Name != "" {
		if reg, ok := cfg.Edge(spec.Name); ok {
			if spec, err = spec.Merge(reg); err != nil {
				c.Reportf(cm, "%v; make the annotation and flowlint.toml agree", err)
				an.bad = true
				return an
			}
		} else if spec.Policy == policy.Unset {
			c.Reportf(cm, "edge %q is not in the edge registry; add [edges.%s] to flowlint.toml "+
				"or write its policy and burst here", spec.Name, spec.Name)
			an.bad = true
			return an
		}
	}
	if err := spec.Validate(); err != nil {
		// A timeout on an edge that is not timed is a field too many: point
		// at it. A missing field has no column of its own.
		var at analysis.Range = cm
		if i := strings.Index(text, " timeout="); i >= 0 && spec.Policy != policy.Timed {
			at = finding.Span{From: cm.Slash + token.Pos(i+1), To: cm.End()}
		}
		c.Reportf(at, "incomplete %s: %v", policy.Directive, err)
		an.bad = true
		return an
	}
	an.spec = spec
	return an
}

func isSpacedDirective(text string) bool {
	rest, ok := strings.CutPrefix(text, "//")
	if !ok {
		return false
	}
	trimmed := strings.TrimLeft(rest, " \t")
	return len(trimmed) < len(rest) && policy.IsDirective("//"+trimmed)
}

// linesWithCode marks the lines of a file that hold code, so a comment on
// such a line is known to trail it. It is indexed by line number.
func linesWithCode(tf *token.File, file *ast.File) []bool {
	lines := make([]bool, tf.LineCount()+2)
	mark := func(p token.Pos) {
		l := tf.PositionFor(p, false).Line
		if l >= len(lines) {
			lines = append(lines, make([]bool, l+1-len(lines))...)
		}
		lines[l] = true
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.File, *ast.CommentGroup, *ast.Comment:
			return true
		}
		from, to := n.Pos(), n.End()
		mark(from)
		mark(to)
		// A node on one line has no code on any other. Not descending
		// into it also spares asking every node of a long expression for
		// its position, which an expression finds by asking its first
		// operand: quadratic in the length of a chain like 1 + 1 + ... + 1.
		return tf.PositionFor(from, false).Line != tf.PositionFor(to, false).Line
	})
	return lines
}

// at returns the annotation describing the given lines, bad or not: one above
// the first, or trailing any of them. The first found wins; a second
// annotation on the same target is reported as a duplicate.
func (a *annotations) at(c *finding.Collector, tf *token.File, aboveLine int, trailLines ...int) *annotation {
	var found []*annotation
	found = append(found, a.above[lineKey{tf, aboveLine}]...)
	for _, l := range trailLines {
		found = append(found, a.trail[lineKey{tf, l}]...)
	}
	var first *annotation
	for _, an := range found {
		if an.attached {
			continue
		}
		an.attached = true
		if first == nil {
			first = an
			continue
		}
		c.Reportf(an.comment, "a second %s for the same edge; keep one", policy.Directive)
	}
	return first
}

// reportStray reports annotations that describe nothing: a typo'd target
// would otherwise leave an edge silently unchecked.
func (a *annotations) reportStray(c *finding.Collector) {
	for _, an := range a.all {
		if !an.attached && !an.inTest {
			c.Reportf(an.comment, "%s describes no channel; put it on the line above a make(chan ...), "+
				"or above a struct field or package variable of channel type", policy.Directive)
		}
	}
}

func describe(spec policy.Spec) string {
	if spec.Name != "" {
		return fmt.Sprintf("%s edge %q", spec.Policy, spec.Name)
	}
	return spec.Policy.String() + " edge"
}
