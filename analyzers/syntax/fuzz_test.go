package syntax_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/flowlint/flowlint/analyzers/syntax"
)

// FuzzNew indexes whatever the parser makes of arbitrary source, partial
// trees from code that does not parse included, and checks that the index
// is a tree: every node's parent contains it, siblings link both ways, a
// walk from the root meets each node once, and a lookup by position finds a
// node covering it.
func FuzzNew(f *testing.F) {
	for _, src := range []string{
		"package p\nfunc f(c chan int) { go func() { c <- 1 }(); select { case <-c: default: } }",
		"package p\ntype T[C ~chan E, E any] struct{ c C }\nfunc (t T[C, E]) m() { for range t.c {} }",
		"package p\nfunc f() {\n//line other.go:900\n\tvar x chan int //flow:edge name=x\n\t_ = x\n}",
		"package p\nfunc f( { if x := ; {} }",
		"package p\nvar (\n\ta, b = 1\n)\nfunc g()\nL: goto L",
		"package",
		"",
	} {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		file, _ := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
		if file == nil {
			return
		}
		ix := syntax.New([]*ast.File{file})

		seen := 0
		for cur := range ix.Root().Preorder() {
			seen++
			n := cur.Node()
			if n == nil {
				t.Fatal("a node cursor has no node")
			}
			parent := cur.Parent()
			if !parent.Valid() || !parent.Contains(cur) {
				t.Fatalf("%T: its parent does not contain it", n)
			}
			if next, ok := cur.NextSibling(); ok {
				if prev, ok := next.PrevSibling(); !ok || prev != cur {
					t.Fatalf("%T: next sibling's previous sibling is not itself", n)
				}
			}
			// Code that does not parse can leave a node ending past the
			// file (a closing brace the parser supplied); no lookup by
			// position can find it, in the index or in the inspector.
			if n.Pos().IsValid() && n.End() >= n.Pos() && n.End() <= file.FileEnd {
				found, ok := ix.Root().FindByPos(n.Pos(), n.End())
				if !ok {
					t.Fatalf("%T: FindByPos of its own range found nothing", n)
				}
				start, end := found.Node().Pos(), found.Node().End()
				if f, isFile := found.Node().(*ast.File); isFile {
					// A trailing comment lies outside its declaration's
					// range, and past the file's last declaration.
					start, end = f.FileStart, f.FileEnd
				}
				if start > n.Pos() || end < n.End() {
					t.Fatalf("%T: FindByPos of its own range found no node covering it", n)
				}
			}
		}
		if seen != ix.Len() {
			t.Fatalf("a walk met %d nodes of %d", seen, ix.Len())
		}
	})
}
