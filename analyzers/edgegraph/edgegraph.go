// Package edgegraph defines an analyzer that finds, for each edge of a
// package's pressure chain, the functions that send on it and the
// functions that receive from it, and renders the chains of many packages
// as one graph in DOT or Mermaid.
package edgegraph

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"sort"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/policydoc"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

// Analyzer reports nothing; its result is the package's edges as a
// *Package.
var Analyzer = &analysis.Analyzer{
	Name:       "edgegraph",
	Doc:        "find who sends on and who receives from each edge of the pressure chain",
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/graph.md",
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Package](),
}

// A Package is one package's share of the graph.
type Package struct {
	Path  string
	Edges []*Edge // in source order
}

// An Edge is one edge of the chain and the operators on either side.
type Edge struct {
	Name          string
	Kind          string // "chan", or the runtime type such as "flow.PrioritySink"
	Policy        string // empty when the edge declares none
	Timeout       time.Duration
	Burst         string
	Capacity      int64 // when CapacityKnown
	CapacityKnown bool
	SpecAtRunTime bool // sized from a policy.Spec the code computes
	Pos           token.Position
	From, To      []Node   // producers and consumers, sorted
	Problems      []string // what breaks the chain here, sorted
}

// A Node is an operator: a function of a package, or a name given by an
// annotation's from= or to= that matches no single function.
type Node struct {
	Pkg  string // package path
	Name string // normalize, pipeline.normalize, serve.func1
}

func run(pass *analysis.Pass) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error drawing %s: %v", pass.Pkg.Path(), r)
		}
	}()
	if cfg := pass.ResultOf[config.Analyzer].(*config.Config); cfg.Err != nil {
		return nil, cfg.Err // a registry that does not load would draw edges without their specs
	}
	chain := policydoc.Resolve(pass)
	s := &sides{pass: pass, chain: chain, from: map[*policydoc.Edge][]Node{},
		to: map[*policydoc.Edge][]Node{}}
	s.infer(pass.ResultOf[syntax.Analyzer].(*syntax.Index))

	pkg := &Package{Path: pass.Pkg.Path()}
	for _, e := range chain.Edges {
		pkg.Edges = append(pkg.Edges, s.edge(e))
	}
	return pkg, nil
}

// sides gathers the functions that touch each edge, by direction.
type sides struct {
	pass     *analysis.Pass
	chain    *policydoc.Chain
	from, to map[*policydoc.Edge][]Node
}

// runtimeSends and runtimeRecvs are the runtime edge methods that put a
// value on an edge and that take one off it (C hands out the channel to
// range over).
var (
	runtimeSends = []string{"Send"}
	runtimeRecvs = []string{"Recv", "C"}
)

// infer records, for every send and receive in non-test code, the
// function it happens in against each edge the channel may be.
func (s *sides) infer(ix *syntax.Index) {
	info := s.pass.TypesInfo
	for fileCur := range ix.Root().Preorder((*ast.File)(nil)) {
		if finding.IsTestFile(s.pass.Fset, fileCur.Node().(*ast.File)) {
			continue
		}
		kinds := []ast.Node{(*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil),
			(*ast.CallExpr)(nil)}
		for cur := range fileCur.Preorder(kinds...) {
			switch n := cur.Node().(type) {
			case *ast.SendStmt:
				s.touch(s.from, cur, n.Chan)
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					s.touch(s.to, cur, n.X)
				}
			case *ast.RangeStmt:
				if flowtypes.IsChan(info.TypeOf(n.X)) {
					s.touch(s.to, cur, n.X)
				}
			case *ast.CallExpr:
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				switch {
				case !ok:
				case slices.Contains(runtimeSends, sel.Sel.Name):
					s.touch(s.from, cur, sel.X)
				case slices.Contains(runtimeRecvs, sel.Sel.Name):
					s.touch(s.to, cur, sel.X)
				}
			}
		}
	}
}

func (s *sides) touch(side map[*policydoc.Edge][]Node, cur syntax.Cursor, ch ast.Expr) {
	edges := s.chain.Holding(ch)
	if len(edges) == 0 {
		return
	}
	n := Node{Pkg: s.pass.Pkg.Path(), Name: funcName(cur)}
	for _, e := range edges {
		if !slices.Contains(side[e], n) {
			side[e] = append(side[e], n)
		}
	}
}

// edge describes one edge with its operators. An annotation's from= or
// to= replaces what inference found on that side.
func (s *sides) edge(e *policydoc.Edge) *Edge {
	out := &Edge{
		Name: e.Name, Kind: e.Kind, Capacity: e.Capacity, CapacityKnown: e.CapacityKnown,
		SpecAtRunTime: e.SpecAtRunTime, Pos: s.pass.Fset.Position(e.Pos),
		From: s.from[e], To: s.to[e], Problems: e.Problems,
	}
	if e.Declared {
		out.Policy = e.Spec.Policy.String()
		out.Timeout = e.Spec.Timeout
		out.Burst = e.Spec.Burst.String()
		if e.Spec.From != "" {
			out.From = []Node{s.operator(e.Spec.From, out.From)}
		}
		if e.Spec.To != "" {
			out.To = []Node{s.operator(e.Spec.To, out.To)}
		}
	}
	sortNodes(out.From)
	sortNodes(out.To)
	return out
}

// operator finds the function an annotation's from= or to= names, so that
// a declared operator and an inferred one are the same node: among the
// functions inference found first, then among the package's functions
// when only one has the name. Otherwise the name stands alone.
func (s *sides) operator(name string, inferred []Node) Node {
	for _, n := range inferred {
		if n.Name == name || baseName(n.Name) == name {
			return n
		}
	}
	var found []string
	for _, f := range s.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name {
				found = append(found, flowtypes.FuncDeclName(fd))
			}
		}
	}
	if len(found) == 1 {
		return Node{Pkg: s.pass.Pkg.Path(), Name: found[0]}
	}
	return Node{Pkg: s.pass.Pkg.Path(), Name: name}
}

func sortNodes(ns []Node) {
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Pkg != ns[j].Pkg {
			return ns[i].Pkg < ns[j].Pkg
		}
		return ns[i].Name < ns[j].Name
	})
}
