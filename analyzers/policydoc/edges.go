package policydoc

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/policy"
)

// An edge is a channel the package stores somewhere it can be found again:
// a local, a struct field or a package variable, with its declared spec.
type edge struct {
	spec policy.Spec
	obj  types.Object
	note *annotation // the annotation that declared it; nil where propagation carried it
}

// A channelMake is one make(chan T, ...) in non-test code.
type channelMake struct {
	call     *ast.CallExpr
	cur      syntax.Cursor
	elem     types.Type
	storage  types.Object // where the channel is stored, when known
	capArg   ast.Expr     // nil when unbuffered
	capVal   int64        // the constant capacity, when capKnown
	capKnown bool
	note     *annotation // its own annotation, when it has one
}

// storageOf finds the variable or field a make's result is stored in.
func storageOf(info *types.Info, cur syntax.Cursor) types.Object {
	call := cur.Node()
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		call, parent = parent.Node(), parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		for i, rhs := range p.Rhs {
			if rhs == call && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				return objectOf(info, p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == call && i < len(p.Names) {
				return info.Defs[p.Names[i]]
			}
		}
	case *ast.KeyValueExpr:
		if p.Value == call {
			if id, ok := p.Key.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
					return v.Origin()
				}
			}
		}
	}
	return nil
}

// objectOf resolves an expression naming a channel to the variable or
// field behind it: x, s.f, pkg.V, (x).
func objectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj, ok := info.ObjectOf(e).(*types.Var); ok {
			return obj
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			if v, ok := sel.Obj().(*types.Var); ok && sel.Kind() == types.FieldVal {
				return v.Origin() // one field, however its generic type is instantiated
			}
			return nil
		}
		if obj, ok := info.Uses[e.Sel].(*types.Var); ok {
			return obj // a package-qualified variable
		}
	}
	return nil
}

// constCap evaluates a capacity argument when it is a constant.
func constCap(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// makeOfChan returns the element type when call is make(chan T, ...).
func makeOfChan(info *types.Info, call *ast.CallExpr) (types.Type, bool) {
	if !isBuiltin(info, call, "make") || len(call.Args) == 0 {
		return nil, false
	}
	ch, ok := flowtypes.Under(info.TypeOf(call.Args[0])).(*types.Chan)
	if !ok {
		return nil, false
	}
	return ch.Elem(), true
}

// enclosingLines gives the line an annotation above would describe (the
// start of the statement, field or spec holding the make) and the lines a
// trailing annotation may sit on.
func enclosingLines(fset *token.FileSet, cur syntax.Cursor) (holder ast.Node, above int, trail []int) {
	call := cur.Node()
	holder = call
	for c := cur.Parent(); c.Valid(); c = c.Parent() {
		n := c.Node()
		if _, ok := n.(ast.Stmt); ok {
			holder = n
			break
		}
		if _, ok := n.(*ast.ValueSpec); ok {
			holder = n
			break
		}
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			holder = kv
			break
		}
		if _, ok := n.(*ast.FuncLit); ok {
			break
		}
	}
	above = flowtypes.Line(fset, holder.Pos())
	trail = []int{flowtypes.Line(fset, call.Pos()), flowtypes.Line(fset, call.End()), flowtypes.Line(fset, holder.End())}
	return holder, above, trail
}

// declaredEdges reads annotations on struct fields and package variables
// of channel type.
func declaredEdges(fset *token.FileSet, ix *syntax.Index, info *types.Info, notes *annotations,
	c *finding.Collector, edges map[types.Object]*edge) {
	for fileCur := range ix.Root().Preorder((*ast.File)(nil)) {
		file := fileCur.Node().(*ast.File)
		if finding.IsTestFile(fset, file) {
			continue
		}
		tf := fset.File(file.Pos())
		for cur := range fileCur.Preorder((*ast.Field)(nil), (*ast.GenDecl)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.Field:
				if !flowtypes.IsChan(info.TypeOf(n.Type)) {
					continue
				}
				an := notes.at(c, tf, flowtypes.Line(fset, n.Pos()), flowtypes.Line(fset, n.End()))
				for _, name := range n.Names {
					declare(edges, info.Defs[name], an)
				}
			case *ast.GenDecl:
				if n.Tok != token.VAR {
					continue
				}
				for _, s := range n.Specs {
					vs := s.(*ast.ValueSpec)
					line := flowtypes.Line(fset, vs.Pos())
					if len(n.Specs) == 1 && n.Lparen == token.NoPos {
						line = flowtypes.Line(fset, n.Pos())
					}
					// One annotation covers every channel the spec declares:
					// var in, out = make(chan T, 8), make(chan T, 8).
					var an *annotation
					looked := false
					for _, name := range vs.Names {
						obj := info.Defs[name]
						if obj == nil || obj.Parent() != obj.Pkg().Scope() || !flowtypes.IsChan(obj.Type()) {
							continue
						}
						if !looked {
							an, looked = notes.at(c, tf, line, flowtypes.Line(fset, vs.End())), true
						}
						declare(edges, obj, an)
					}
				}
			}
		}
	}
}

func declare(edges map[types.Object]*edge, obj types.Object, an *annotation) {
	if obj == nil || an == nil || an.bad {
		return
	}
	if _, ok := edges[obj]; !ok {
		edges[obj] = &edge{spec: an.spec, obj: obj, note: an}
	}
}

// isBuiltin reports whether call calls the named builtin function.
func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != name {
		return false
	}
	_, ok = info.Uses[id].(*types.Builtin)
	return ok
}
