package edgegraph

import (
	"go/ast"
	"strconv"
	"strings"

	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
)

// funcName names the function a node is in as a Go stack trace would, less
// the package: run, pipeline.normalize for a method, serve.func1 for the
// first closure in serve and serve.func1.2 for the second closure in that
// one. Closures in package-level initializers are init.funcN.
func funcName(cur syntax.Cursor) string {
	var lits []ast.Node // innermost first
	var outer ast.Node
	name := "init"
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.File)(nil)) {
		if decl, ok := c.Node().(*ast.FuncDecl); ok {
			name, outer = flowtypes.FuncDeclName(decl), decl
			break
		}
		if file, ok := c.Node().(*ast.File); ok {
			outer = file
			break
		}
		lits = append(lits, c.Node())
	}
	for i := len(lits) - 1; i >= 0; i-- {
		n := strconv.Itoa(closureIndex(outer, lits[i]))
		if i == len(lits)-1 {
			name += ".func" + n
		} else {
			name += "." + n
		}
		outer = lits[i]
	}
	return name
}

// closureIndex numbers a function literal among those directly inside
// outer, from 1 in source order.
func closureIndex(outer, lit ast.Node) int {
	n := 0
	ast.Inspect(outer, func(x ast.Node) bool {
		if _, ok := x.(*ast.FuncDecl); ok && x != outer {
			return false // numbered under its own name
		}
		fl, ok := x.(*ast.FuncLit)
		if !ok || x == outer {
			return true
		}
		if fl.Pos() <= lit.Pos() {
			n++
		}
		return false // a closure's own closures are numbered under it
	})
	return n
}

// baseName drops the receiver from Type.method.
func baseName(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 && !strings.Contains(name, ".func") {
		return name[i+1:]
	}
	return name
}
