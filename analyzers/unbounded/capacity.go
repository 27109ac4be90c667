package unbounded

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
	"github.com/flowlint/flowlint/policy"
)

// hasBurstProfile reports whether the make at cur carries a //flow:edge
// annotation with a burst profile, at the end of its line or on the line
// above its statement: the size is then a documented decision.
func hasBurstProfile(pass *analysis.Pass, cfg *config.Config, file *ast.File,
	cur syntax.Cursor) bool {

	lines := map[int]bool{flowtypes.Line(pass.Fset, cur.Node().Pos()): true}
	for c := range cur.Enclosing((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.GenDecl)(nil), (*ast.KeyValueExpr)(nil)) {
		lines[flowtypes.Line(pass.Fset, c.Node().Pos())-1] = true
	}
	for _, group := range file.Comments {
		for _, cm := range group.List {
			if !lines[flowtypes.Line(pass.Fset, cm.Pos())] || !policy.IsDirective(cm.Text) {
				continue
			}
			spec, err := policy.ParseDirective(cm.Text)
			if err != nil {
				continue // policydoc reports the malformed annotation
			}
			if reg, ok := cfg.Edge(spec.Name); ok && spec.Name != "" {
				if merged, err := spec.Merge(reg); err == nil {
					spec = merged
				}
			}
			if !spec.Burst.IsZero() {
				return true
			}
		}
	}
	return false
}

// unclamped returns the parameter or field a capacity is taken from, and
// which of the two it is, when nothing bounds it from above first; or nil.
// Conversions such as int(cfg.Size) are looked through.
func unclamped(pass *analysis.Pass, cur syntax.Cursor, arg ast.Expr, fields *boundedFields) (ast.Expr, string) {
	info := pass.TypesInfo
	arg = unconvert(info, arg)
	fn := enclosingFunc(cur)
	if fn == nil {
		return nil, ""
	}

	switch e := arg.(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return nil, ""
		}
		decl, ok := fn.(*ast.FuncDecl)
		if !ok || paramIndex(info, decl, v) < 0 || !openToInput(pass, decl, paramIndex(info, decl, v)) {
			return nil, ""
		}
		same := func(x ast.Expr) bool {
			id, ok := unconvert(info, x).(*ast.Ident)
			return ok && info.Uses[id] == v
		}
		if bounded(info, fn, cur.Node().Pos(), same, true) {
			return nil, ""
		}
		return e, "the parameter"
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return nil, ""
		}
		// A field may be validated anywhere: in a constructor, a Validate
		// method, a flag parser. Any upper bound in the package will do.
		if fields.bounded(pass, sel.Obj()) {
			return nil, ""
		}
		return e, "the field"
	}
	return nil, ""
}

// bounded reports whether root, before pos when pos is valid, bounds the
// value same recognises: compares it with something other than a small
// constant, passes it to min, or (for a parameter, when reassign is set)
// assigns it a computed value.
func bounded(info *types.Info, root ast.Node, pos token.Pos, same func(ast.Expr) bool,
	reassign bool) bool {

	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		if found || n == nil || pos.IsValid() && n.Pos() >= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.BinaryExpr:
			switch n.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
				found = same(n.X) && !isSmallConst(info, n.Y) || same(n.Y) && !isSmallConst(info, n.X)
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "min" {
				for _, a := range n.Args {
					found = found || same(a)
				}
			}
		case *ast.AssignStmt:
			// size = clampSize(size) may bound it; size = 64 is a default.
			for i, lhs := range n.Lhs {
				isConst := len(n.Rhs) == len(n.Lhs) && info.Types[n.Rhs[i]].Value != nil
				found = found || reassign && same(lhs) && !isConst
			}
		}
		return !found
	})
	return found
}

// boundedFields are the fields the package bounds somewhere: compares with
// something other than a small constant, or passes to min. They are found
// in one walk over the package, the first time a capacity comes from a
// field, rather than in one walk per such capacity.
type boundedFields struct {
	set map[types.Object]bool // nil until the walk
}

func (b *boundedFields) bounded(pass *analysis.Pass, field types.Object) bool {
	if b.set == nil {
		b.set = map[types.Object]bool{}
		info := pass.TypesInfo
		add := func(e ast.Expr) {
			if s, ok := unconvert(info, e).(*ast.SelectorExpr); ok {
				if obj := info.Uses[s.Sel]; obj != nil {
					b.set[obj] = true
				}
			}
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BinaryExpr:
					switch n.Op {
					case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
						if !isSmallConst(info, n.Y) {
							add(n.X)
						}
						if !isSmallConst(info, n.X) {
							add(n.Y)
						}
					}
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "min" {
						for _, a := range n.Args {
							add(a)
						}
					}
				}
				return true
			})
		}
	}
	return b.set[field]
}

// isSmallConst recognises the constants of emptiness and default checks,
// such as n <= 0 or n < 1: they bound nothing from above.
func isSmallConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return exact && v <= 1
}

// unconvert looks through parentheses and type conversions.
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

func enclosingFunc(cur syntax.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// paramIndex is the position of v among decl's parameters, or -1.
func paramIndex(info *types.Info, decl *ast.FuncDecl, v *types.Var) int {
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == v {
				return i
			}
			i++
		}
	}
	return -1
}

// openToInput reports whether the parameter at index of decl may carry a
// size from outside: decl is exported, or a call in the package passes
// something other than a constant there. An unexported helper that every
// caller hands a constant is as bounded as the constants.
func openToInput(pass *analysis.Pass, decl *ast.FuncDecl, index int) bool {
	fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	if fn.Exported() {
		return true
	}
	open := false
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || open || typeutil.StaticCallee(pass.TypesInfo, call) != fn {
				return !open
			}
			if index < len(call.Args) && pass.TypesInfo.Types[call.Args[index]].Value == nil {
				open = true
			}
			return !open
		})
	}
	return open
}
