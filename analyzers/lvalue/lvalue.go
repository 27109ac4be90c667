// Package lvalue names the storage an expression denotes: a variable, or a
// path of fields below one. Rules use it to match an append with the reset
// of the same slice, or a make with the goroutine that reads the channel,
// across the methods of a type.
package lvalue

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// Path is a variable, or a chain of field selections starting at one:
// s.buf is the field buf below the variable s.
type Path struct {
	Root   *types.Var   // the variable the path starts at
	Fields []*types.Var // the fields selected below it, outermost last
}

// Of returns the path e denotes: an identifier, a selection of fields, a
// package variable, or a pointer indirection of one of these. Index
// expressions, calls and the like denote no path.
func Of(info *types.Info, e ast.Expr) (Path, bool) {
	var fields []*types.Var
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.ObjectOf(x).(*types.Var)
			if !ok || v == nil {
				return Path{}, false
			}
			return Path{Root: v, Fields: reverse(fields)}, true
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[x]; ok {
				if sel.Kind() != types.FieldVal {
					return Path{}, false
				}
				f, ok := sel.Obj().(*types.Var)
				if !ok {
					return Path{}, false
				}
				fields = append(fields, f.Origin())
				e = x.X
				continue
			}
			// A qualified identifier: pkg.Var.
			v, ok := info.Uses[x.Sel].(*types.Var)
			if !ok {
				return Path{}, false
			}
			return Path{Root: v, Fields: reverse(fields)}, true
		default:
			return Path{}, false
		}
	}
}

func reverse(fields []*types.Var) []*types.Var {
	for i, j := 0, len(fields)-1; i < j; i, j = i+1, j-1 {
		fields[i], fields[j] = fields[j], fields[i]
	}
	return fields
}

// Key identifies the storage for matching. A field path is keyed by its
// fields alone, so that s.buf in one method matches b.buf in another: the
// receivers are different variables naming the same kind of object.
func (p Path) Key() string {
	var b strings.Builder
	if len(p.Fields) == 0 {
		fmt.Fprintf(&b, "v%p", p.Root)
		return b.String()
	}
	for _, f := range p.Fields {
		fmt.Fprintf(&b, "f%p", f)
	}
	return b.String()
}

// IsPackageLevel reports whether the root is a package variable.
func (p Path) IsPackageLevel() bool {
	return p.Root.Pkg() != nil && p.Root.Parent() == p.Root.Pkg().Scope()
}

// IsLocal reports whether the path is a plain local variable: no fields,
// not a package variable.
func (p Path) IsLocal() bool {
	return len(p.Fields) == 0 && !p.IsPackageLevel()
}
