// Package flowtypes holds the small type and syntax questions every
// flowlint rule asks: is this a channel, is its element a signal, which named
// type is this, and how to print an expression in a one-line message.
package flowtypes

import (
	"github.com/flowlint/flowlint/analyzers/syntax"
	"go/ast"
	"go/token"
	"go/types"
)

// IsChan reports whether t is a channel type, or a type parameter whose
// core type is one.
func IsChan(t types.Type) bool {
	_, ok := Under(t).(*types.Chan)
	return ok
}

// Under is t's underlying type, seeing through type parameters with a
// single-type constraint.
func Under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		// A type parameter constrained to channels ranges like one.
		if core := coreType(tp); core != nil {
			return core
		}
	}
	return t.Underlying()
}

func coreType(tp *types.TypeParam) types.Type {
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok || iface.NumEmbeddeds() != 1 {
		return nil
	}
	if u, ok := iface.EmbeddedType(0).(*types.Union); ok && u.Len() == 1 {
		return u.Term(0).Type().Underlying()
	}
	return iface.EmbeddedType(0).Underlying()
}

// IsZeroSize reports whether values of t occupy no memory: struct{},
// [0]T and their kin, the element types of signal channels.
func IsZeroSize(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if !IsZeroSize(u.Field(i).Type()) {
				return false
			}
		}
		return true
	case *types.Array:
		return u.Len() == 0 || IsZeroSize(u.Elem())
	}
	return false
}

// NamedOf is the named type of t or of what t points to, or nil.
func NamedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// TypeIs reports whether t is the named type pkg.name.
func TypeIs(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// IsPointerTo reports whether t is *pkg.name.
func IsPointerTo(t types.Type, pkg, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && TypeIs(p.Elem(), pkg, name)
}

// Render prints a short expression for a message, eliding long ones.
func Render(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// RecvOperand is the channel a select clause's communication receives
// from (<-ch, v := <-ch, v, ok = <-ch), or nil for a send or default.
func RecvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// FuncDeclName is a declared function's name, or Type.method for a method,
// as a stack trace would print it.
func FuncDeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.Ident:
			return x.Name + "." + fd.Name.Name
		default:
			return fd.Name.Name
		}
	}
}

// Decls finds the declarations of a package's functions and methods, for
// rules that follow a call into a same-package helper.
type Decls struct {
	pkg    *types.Package
	info   *types.Info
	files  []*ast.File
	byFunc map[*types.Func]*ast.FuncDecl // built on first use
}

// NewDecls indexes the function declarations of a package's files.
func NewDecls(pkg *types.Package, info *types.Info, files []*ast.File) *Decls {
	return &Decls{pkg: pkg, info: info, files: files}
}

// Of returns the declaration, in this package, of the function or method
// that e (an identifier or a selector) names, or nil.
func (d *Decls) Of(e ast.Expr) *ast.FuncDecl {
	var id *ast.Ident
	switch e := e.(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return nil
	}
	fn, ok := d.info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() != d.pkg {
		return nil
	}
	if d.byFunc == nil {
		d.byFunc = map[*types.Func]*ast.FuncDecl{}
		for _, file := range d.files {
			for _, decl := range file.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := d.info.Defs[fd.Name].(*types.Func); ok {
						d.byFunc[obj] = fd
					}
				}
			}
		}
	}
	return d.byFunc[fn.Origin()]
}

// CursorOf finds the cursor of n under root. Inspector.FindNode scans
// every node before n, which made rules that look up each event loop
// quadratic in the size of a package; n's position leads straight to it.
func CursorOf(root syntax.Cursor, n ast.Node) (syntax.Cursor, bool) {
	cur, ok := root.FindByPos(n.Pos(), n.End())
	// The innermost node over n's range may be a child spanning all of it.
	for ok && cur.Node() != n && cur.Node().Pos() == n.Pos() && cur.Node().End() == n.End() {
		cur = cur.Parent()
		ok = cur.Valid() && cur.Node() != nil
	}
	if ok && cur.Node() == n {
		return cur, true
	}
	return root.FindNode(n)
}

// CalleeIdent is the identifier a call names its callee by: f in f(x),
// Sel in x.Sel(y); nil for a call of a function value or literal.
func CalleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}

// Within reports whether n lies inside outer's source range.
func Within(n, outer ast.Node) bool {
	return n.Pos() >= outer.Pos() && n.End() <= outer.End()
}

// Line is the line p lies on in its file as written. A //line directive
// renumbers the lines the user is shown, but the file's own line table,
// the comments beside code and the code below a comment all live in the
// file as written; numbering those by the directive attaches an
// annotation or a suppression to the wrong code, or to no line at all.
func Line(fset *token.FileSet, p token.Pos) int {
	return fset.PositionFor(p, false).Line
}
