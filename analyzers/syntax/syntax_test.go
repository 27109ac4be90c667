package syntax_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/flowlint/flowlint/analyzers/syntax"
)

// The index must answer every question exactly as x/tools' inspector
// does, on real code: the rules were written against the inspector, and a
// difference would move or lose findings. The files are the standard
// library's channel- and goroutine-heavy packages plus this repository's
// rules, which between them hold every node type the rules look for.
func parse(t testing.TB) (*token.FileSet, []*ast.File) {
	t.Helper()
	dirs := []string{
		filepath.Join(runtime.GOROOT(), "src", "net", "http"),
		filepath.Join(runtime.GOROOT(), "src", "context"),
		filepath.Join(runtime.GOROOT(), "src", "go", "ast"),
		"../spawn",
		"../policydoc",
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	if len(files) < 50 {
		t.Fatalf("parsed only %d files", len(files))
	}
	return fset, files
}

func nodes[C interface{ Node() ast.Node }](seq func(func(C) bool)) []ast.Node {
	var out []ast.Node
	for c := range seq {
		out = append(out, c.Node())
	}
	return out
}

func TestMatchesInspector(t *testing.T) {
	_, files := parse(t)
	in := inspector.New(files)
	ix := syntax.New(files)

	want := nodes(in.Root().Preorder())
	got := nodes(ix.Root().Preorder())
	if !slices.Equal(got, want) {
		t.Fatalf("preorder: %d nodes, want %d", len(got), len(want))
	}
	if ix.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(want))
	}

	var icur []inspector.Cursor
	for c := range in.Root().Preorder() {
		icur = append(icur, c)
	}
	var scur []syntax.Cursor
	for c := range ix.Root().Preorder() {
		scur = append(scur, c)
	}

	filters := [][]ast.Node{
		nil,
		{(*ast.GoStmt)(nil)},
		{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)},
		{(*ast.SendStmt)(nil), (*ast.CallExpr)(nil), (*ast.ChanType)(nil)},
		{(*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)},
	}
	for k := range icur {
		ic, sc := icur[k], scur[k]
		n := ic.Node()

		if got, want := sc.Parent().Node(), ic.Parent().Node(); got != want {
			t.Fatalf("%T #%d: Parent = %T, want %T", n, k, got, want)
		}
		for _, f := range filters {
			if got, want := nodes(sc.Enclosing(f...)), nodes(ic.Enclosing(f...)); !slices.Equal(got, want) {
				t.Fatalf("%T #%d: Enclosing(%v) differs", n, k, f)
			}
		}
		if got, want := nodes(sc.Children()), nodes(ic.Children()); !slices.Equal(got, want) {
			t.Fatalf("%T #%d: Children = %d nodes, want %d", n, k, len(got), len(want))
		}
		inext, iok := ic.NextSibling()
		snext, sok := sc.NextSibling()
		if iok != sok || (iok && inext.Node() != snext.Node()) {
			t.Fatalf("%T #%d: NextSibling differs", n, k)
		}
		iprev, iok := ic.PrevSibling()
		sprev, sok := sc.PrevSibling()
		if iok != sok || (iok && iprev.Node() != sprev.Node()) {
			t.Fatalf("%T #%d: PrevSibling differs", n, k)
		}
		// The inspector looks up a position by scanning from the start of
		// the package: compare on a sample, or the test is quadratic.
		if k%5 == 0 {
			ifound, iok := in.Root().FindByPos(n.Pos(), n.End())
			sfound, sok := ix.Root().FindByPos(n.Pos(), n.End())
			if ft, ok := sfound.Node().(*ast.FuncType); ok && iok && sok && ifound.Node() != ft {
				// Asked for the range of a function's type (or of a function
				// declared without a body, which is the same range), the
				// inspector stops at the declaration; the index goes on to
				// the innermost node, the type.
				if fd, ok := ifound.Node().(*ast.FuncDecl); !ok || fd.Type != ft {
					t.Fatalf("%T #%d: FindByPos = %T, want %T", n, k, sfound.Node(), ifound.Node())
				}
			} else if iok != sok || (iok && ifound.Node() != sfound.Node()) {
				t.Fatalf("%T #%d: FindByPos = %T, want %T", n, k, sfound.Node(), ifound.Node())
			}
			if _, ok := n.(*ast.File); !ok {
				// From a file, as the rules search from a function or file.
				f := scur[k]
				for f.Parent().Node() != nil {
					f = f.Parent()
				}
				if found, ok := f.FindByPos(n.Pos(), n.End()); !ok || found.Node() != sfound.Node() {
					t.Fatalf("%T #%d: FindByPos from its file differs from the root's", n, k)
				}
			}
		}

		// Subtree walks, for a sample of nodes: every one would be quadratic.
		if k%97 != 0 {
			continue
		}
		for _, f := range filters {
			if got, want := nodes(sc.Preorder(f...)), nodes(ic.Preorder(f...)); !slices.Equal(got, want) {
				t.Fatalf("%T #%d: Preorder(%v) differs", n, k, f)
			}
			// Skip every block's contents, to test pruning.
			var got2, want2 []ast.Node
			sc.Inspect(f, func(c syntax.Cursor) bool {
				got2 = append(got2, c.Node())
				_, block := c.Node().(*ast.BlockStmt)
				return !block
			})
			ic.Inspect(f, func(c inspector.Cursor) bool {
				want2 = append(want2, c.Node())
				_, block := c.Node().(*ast.BlockStmt)
				return !block
			})
			if !slices.Equal(got2, want2) {
				t.Fatalf("%T #%d: Inspect(%v) differs", n, k, f)
			}
		}
		file := sc
		for file.Parent().Node() != nil {
			file = file.Parent()
		}
		found, ok := file.FindNode(n)
		if !ok || found.Node() != n {
			t.Fatalf("%T #%d: FindNode failed", n, k)
		}
		for j := max(0, k-40); j < min(len(icur), k+400); j += 7 {
			if got, want := sc.Contains(scur[j]), ic.Contains(icur[j]); got != want {
				t.Fatalf("%T #%d: Contains(#%d) = %v, want %v", n, k, j, got, want)
			}
		}
	}
}

func TestInStmtList(t *testing.T) {
	src := `package p
func f(c chan int) {
	x := 1
	switch x {
	case 1:
		x++
	}
	select {
	case v := <-c:
		_ = v
	}
	if x > 0 {
		x--
	}
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ix := syntax.New([]*ast.File{f})
	var in, out []string
	for c := range ix.Root().Preorder((*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.BlockStmt)(nil)) {
		text := strings.TrimSpace(src[fset.Position(c.Node().Pos()).Offset:fset.Position(c.Node().End()).Offset])
		text, _, _ = strings.Cut(text, "\n")
		if syntax.InStmtList(c) {
			in = append(in, text)
		} else {
			out = append(out, text)
		}
	}
	wantIn := []string{"x := 1", "x++", "_ = v", "x--"}
	wantOut := []string{"{", "{", "{", "v := <-c", "{"} // bodies of func, switch, select, if
	if !slices.Equal(in, wantIn) || !slices.Equal(out, wantOut) {
		t.Errorf("in a statement list: %q, want %q; not: %q, want %q", in, wantIn, out, wantOut)
	}
}

func TestZeroAndRootCursors(t *testing.T) {
	var zero syntax.Cursor
	if zero.Valid() || zero.Node() != nil || zero.Parent().Valid() {
		t.Error("the zero cursor must be invalid, with no node and no parent")
	}
	if _, ok := zero.FindByPos(1, 2); ok {
		t.Error("FindByPos on the zero cursor found something")
	}
	ix := syntax.New(nil)
	root := ix.Root()
	if !root.Valid() || root.Node() != nil || root.Parent().Valid() {
		t.Error("the root must be valid, with no node and no parent")
	}
	if _, ok := root.NextSibling(); ok {
		t.Error("the root has no sibling")
	}
	if got := len(nodes(root.Preorder())); got != 0 {
		t.Errorf("an empty index yields %d nodes", got)
	}
}

// BenchmarkNew compares building the index with building x/tools'
// inspector over the same files.
func BenchmarkNew(b *testing.B) {
	_, files := parse(b)
	b.Run("syntax", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			syntax.New(files)
		}
	})
	b.Run("inspector", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			inspector.New(files)
		}
	})
}

// BenchmarkPrevSibling walks back from the last statement of a long block
// to the first, as the spawn rule does looking for an acquire before a go
// statement: each step must cost the same however long the block.
func BenchmarkPrevSibling(b *testing.B) {
	var src strings.Builder
	src.WriteString("package p\nfunc f(in chan int) {\n\tfor v := range in {\n")
	for range 4000 {
		src.WriteString("\t\tgo process(v)\n")
	}
	src.WriteString("\t}\n}\nfunc process(int) {}\n")
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src.String(), 0)
	if err != nil {
		b.Fatal(err)
	}
	ix := syntax.New([]*ast.File{f})
	var last syntax.Cursor
	for c := range ix.Root().Preorder((*ast.GoStmt)(nil)) {
		last = c
	}
	for b.Loop() {
		n := 0
		for c, ok := last, true; ok; c, ok = c.PrevSibling() {
			n++
		}
		if n != 4000 {
			b.Fatalf("walked back over %d statements, want 4000", n)
		}
	}
}
