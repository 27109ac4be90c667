// Package flowtypes holds the small type and syntax questions every
// flowlint rule asks: is this a channel, is its element a signal, which named
// type is this, and how to print an expression in a one-line message.
package flowtypes

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
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

// CursorOf finds the cursor of n under root. Inspector.FindNode scans
// every node before n, which made rules that look up each event loop
// quadratic in the size of a package; n's position leads straight to it.
func CursorOf(root inspector.Cursor, n ast.Node) (inspector.Cursor, bool) {
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
