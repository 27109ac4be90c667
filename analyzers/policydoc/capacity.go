package policydoc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/policy"
)

// checkCapacity compares a constant capacity with ceil(GAP × DURATION ×
// SAFETY). A capacity computed at run time is not checked here.
func (k *checker) checkCapacity(m *channelMake, spec policy.Spec) {
	if !m.capKnown {
		return
	}
	want := int64(spec.Capacity())
	if m.capVal == want {
		return
	}
	at := ast.Node(m.call)
	if m.capArg != nil {
		at = m.capArg
	}
	var fixes []analysis.SuggestedFix
	if fix, ok := k.capacityFix(m, want); ok {
		fixes = append(fixes, fix)
	}
	var msg string
	if spec.Burst.None {
		msg = fmt.Sprintf("capacity %d does not match burst=none, which declares an unbuffered edge; "+
			"drop the capacity or document the burst it absorbs", m.capVal)
	} else {
		msg = fmt.Sprintf("capacity %d does not match burst=%s, which documents ceil(gap × duration × "+
			"safety) = %d; make the capacity %d or correct the burst profile", m.capVal, spec.Burst, want, want)
	}
	k.c.Report(at, msg, fixes...)
}

// capacityFix rewrites the capacity: a literal in place, a missing one
// added, an unwanted one removed, or the value of a package constant that
// is used nowhere else.
func (k *checker) capacityFix(m *channelMake, want int64) (analysis.SuggestedFix, bool) {
	text := strconv.FormatInt(want, 10)
	title := "set the capacity to " + text
	var edit analysis.TextEdit
	switch arg := m.capArg; {
	case arg == nil:
		end := m.call.Args[0].End()
		edit = analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + text)}
	case want == 0:
		title = "make the channel unbuffered"
		edit = analysis.TextEdit{Pos: m.call.Args[0].End(), End: arg.End()}
	default:
		target, ok := k.literalOf(arg)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		edit = analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte(text)}
	}
	return analysis.SuggestedFix{Message: title, TextEdits: []analysis.TextEdit{edit}}, true
}

// literalOf finds the literal to rewrite for a capacity: the expression
// itself, or the value of a package constant that only this make uses,
// since rewriting a shared constant would move other channels too.
func (k *checker) literalOf(arg ast.Expr) (*ast.BasicLit, bool) {
	switch a := ast.Unparen(arg).(type) {
	case *ast.BasicLit:
		return a, a.Kind == token.INT
	case *ast.Ident:
		c, ok := k.pass.TypesInfo.Uses[a].(*types.Const)
		if !ok || c.Pkg() != k.pass.Pkg || k.uses(c) != 1 {
			return nil, false
		}
		for _, file := range k.pass.Files {
			for _, d := range file.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, s := range gd.Specs {
					vs := s.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if k.pass.TypesInfo.Defs[name] == c && i < len(vs.Values) {
							lit, ok := vs.Values[i].(*ast.BasicLit)
							return lit, ok && lit.Kind == token.INT && vs.Type == nil
						}
					}
				}
			}
		}
	}
	return nil, false
}

func (k *checker) uses(obj types.Object) int {
	n := 0
	for _, used := range k.pass.TypesInfo.Uses {
		if used == obj {
			n++
		}
	}
	return n
}
