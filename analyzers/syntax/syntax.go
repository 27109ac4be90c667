// Package syntax indexes a package's syntax trees once for every flowlint
// rule: each node with its parent and the extent of its subtree, so rules
// can walk a subtree, climb to an enclosing loop or function, or step to a
// sibling statement without walking the files again.
//
// It answers the questions x/tools' inspector answers, with the subset of
// its Cursor API the rules use, in about a third of the memory: one entry of
// 25 bytes per node, sized exactly, where the inspector keeps two 32-byte
// events per node in a slice grown by doubling. On large packages that
// difference is most of what a flowlint run adds to the floor, see
// docs/performance.md.
package syntax

import (
	"go/ast"
	"go/token"
	"iter"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Analyzer builds the package's Index.
var Analyzer = &analysis.Analyzer{
	Name:       "syntax",
	Doc:        "index the package's syntax trees for the flowlint rules",
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/performance.md",
	Run:        func(pass *analysis.Pass) (any, error) { return New(pass.Files), nil },
	ResultType: reflect.TypeFor[*Index](),
}

// Index holds every node of a set of files in the order ast.Inspect visits
// them, as parallel slices indexed by that order.
type Index struct {
	nodes  []ast.Node
	parent []int32 // index of the parent node; -1 for a file
	end    []int32 // one past the index of the node's last descendant
	kind   []uint8 // the node's kind, for type filters
}

// New indexes files.
func New(files []*ast.File) *Index {
	// Count first so that every slice is allocated once, at its final size.
	b := &builder{counting: true}
	for _, f := range files {
		if f != nil {
			b.walk(f, kFile)
		}
	}
	b.ix = &Index{
		nodes:  make([]ast.Node, 0, b.n),
		parent: make([]int32, 0, b.n),
		end:    make([]int32, b.n),
		kind:   make([]uint8, 0, b.n),
	}
	b.counting, b.up = false, -1
	for _, f := range files {
		if f != nil {
			b.walk(f, kFile)
		}
	}
	return b.ix
}

// Root is the cursor above every file: its Node is nil.
func (ix *Index) Root() Cursor { return Cursor{ix, -1} }

// Len is the number of nodes indexed.
func (ix *Index) Len() int { return len(ix.nodes) }

// Cursor is a position in an Index: a node together with its place in the
// tree. The zero Cursor is not valid.
type Cursor struct {
	ix *Index
	i  int32 // -1 for the root
}

// Valid reports whether c is a position in an index.
func (c Cursor) Valid() bool { return c.ix != nil }

// Root is the root of c's index.
func (c Cursor) Root() Cursor { return Cursor{c.ix, -1} }

// Node is the node at c; nil for the root.
func (c Cursor) Node() ast.Node {
	if c.ix == nil || c.i < 0 {
		return nil
	}
	return c.ix.nodes[c.i]
}

// Parent is the cursor of c's parent: the root for a file, and not valid
// for the root itself.
func (c Cursor) Parent() Cursor {
	if c.ix == nil || c.i < 0 {
		return Cursor{}
	}
	return Cursor{c.ix, c.ix.parent[c.i]}
}

// span is the range of indices of c's subtree, c included.
func (c Cursor) span() (lo, hi int32) {
	if c.i < 0 {
		return 0, int32(len(c.ix.nodes))
	}
	return c.i, c.ix.end[c.i]
}

// Preorder yields c and its descendants in depth-first order, those of
// the given types only when types are given.
func (c Cursor) Preorder(types ...ast.Node) iter.Seq[Cursor] {
	mask := maskOf(types)
	return func(yield func(Cursor) bool) {
		if c.ix == nil {
			return
		}
		lo, hi := c.span()
		if mask&^bit(kFile) == 0 {
			// Files lie only at the top: step from one to the next.
			for i := lo; i < hi; i = c.ix.end[i] {
				if c.ix.kind[i] == kFile && !yield(Cursor{c.ix, i}) {
					return
				}
			}
			return
		}
		for i := lo; i < hi; i++ {
			if mask&bit(c.ix.kind[i]) != 0 && !yield(Cursor{c.ix, i}) {
				return
			}
		}
	}
}

// Inspect calls f for c and its descendants in depth-first order, for
// those of the given types only when types are given; when f returns false
// the node's descendants are skipped.
func (c Cursor) Inspect(types []ast.Node, f func(Cursor) (descend bool)) {
	if c.ix == nil {
		return
	}
	mask := maskOf(types)
	lo, hi := c.span()
	for i := lo; i < hi; {
		if mask&bit(c.ix.kind[i]) != 0 && !f(Cursor{c.ix, i}) {
			i = c.ix.end[i]
			continue
		}
		i++
	}
}

// Enclosing yields c and then each node above it, innermost first, those
// of the given types only when types are given. The root is not yielded.
func (c Cursor) Enclosing(types ...ast.Node) iter.Seq[Cursor] {
	mask := maskOf(types)
	return func(yield func(Cursor) bool) {
		if c.ix == nil {
			return
		}
		for i := c.i; i >= 0; i = c.ix.parent[i] {
			if mask&bit(c.ix.kind[i]) != 0 && !yield(Cursor{c.ix, i}) {
				return
			}
		}
	}
}

// Contains reports whether c2 is c or one of its descendants.
func (c Cursor) Contains(c2 Cursor) bool {
	if c.ix == nil || c.ix != c2.ix {
		return false
	}
	lo, hi := c.span()
	return lo <= c2.i && c2.i < hi
}

// NextSibling is the node after c under the same parent, if any.
func (c Cursor) NextSibling() (Cursor, bool) {
	if c.ix == nil || c.i < 0 {
		return Cursor{}, false
	}
	next := c.ix.end[c.i]
	_, hi := c.Parent().span()
	if next >= hi {
		return Cursor{}, false
	}
	return Cursor{c.ix, next}, true
}

// PrevSibling is the node before c under the same parent, if any.
func (c Cursor) PrevSibling() (Cursor, bool) {
	if c.ix == nil || c.i < 0 {
		return Cursor{}, false
	}
	// The node just before c is its parent, or lies in the subtree of its
	// previous sibling: climb from it to the parent's child. Stepping
	// across siblings instead made walking back over a long block
	// quadratic in its length.
	p := c.ix.parent[c.i]
	k := c.i - 1
	if k == p || k < 0 {
		return Cursor{}, false
	}
	for c.ix.parent[k] != p {
		k = c.ix.parent[k]
	}
	return Cursor{c.ix, k}, true
}

// Children yields c's children in order.
func (c Cursor) Children() iter.Seq[Cursor] {
	return func(yield func(Cursor) bool) {
		if c.ix == nil {
			return
		}
		lo, hi := c.span()
		if c.i >= 0 {
			lo++
		}
		for k := lo; k < hi; k = c.ix.end[k] {
			if !yield(Cursor{c.ix, k}) {
				return
			}
		}
	}
}

// Child is the cursor of n among c's children, if it is one.
func (c Cursor) Child(n ast.Node) (Cursor, bool) {
	for child := range c.Children() {
		if child.Node() == n {
			return child, true
		}
	}
	return Cursor{}, false
}

// FindNode is the cursor of n in c's subtree, if it is there.
func (c Cursor) FindNode(n ast.Node) (Cursor, bool) {
	for cur := range c.Preorder(n) {
		if cur.Node() == n {
			return cur, true
		}
	}
	return Cursor{}, false
}

// FindByPos is the innermost node in c's subtree whose range holds
// [start, end]; where two children both hold it (a function's name lies
// inside its type's range), the first one.
func (c Cursor) FindByPos(start, end token.Pos) (Cursor, bool) {
	if c.ix == nil || end < start {
		return Cursor{}, false
	}
	best := Cursor{}
	cur := c
	if cur.i >= 0 {
		if !holds(cur.Node(), start, end) {
			return Cursor{}, false
		}
		best = cur
	}
	for {
		inner, ok := Cursor{}, false
		for child := range cur.Children() {
			if holds(child.Node(), start, end) {
				inner, ok = child, true
				break
			}
		}
		if !ok {
			return best, best.Valid()
		}
		best, cur = inner, inner
	}
}

func holds(n ast.Node, start, end token.Pos) bool {
	if f, ok := n.(*ast.File); ok {
		return f.FileStart <= start && end <= f.FileEnd
	}
	return n.Pos() <= start && end <= n.End()
}

// InStmtList reports whether c is a statement of a block or of a case or
// select clause's body: a place where statements before and after it run
// in sequence with it.
func InStmtList(c Cursor) bool {
	stmt, ok := c.Node().(ast.Stmt)
	if !ok {
		return false
	}
	switch p := c.Parent().Node().(type) {
	case *ast.BlockStmt:
		return true
	case *ast.CaseClause:
		return true // its List holds expressions, its Body statements
	case *ast.CommClause:
		return stmt != p.Comm
	}
	return false
}
