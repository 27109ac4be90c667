package policydoc

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/config"
	"github.com/flowlint/flowlint/policy"
)

// A Chain is one package's pressure chain as policydoc resolves it: every
// edge the code declares or makes, and which of them each variable, field
// and parameter may hold. policydoc checks the same resolution that
// `flowlint graph` draws, so the two never disagree about what an edge is.
type Chain struct {
	Edges []*Edge // in source order

	k       *checker
	holders map[types.Object][]*Edge
	byObj   map[types.Object]*Edge
}

// An Edge is one channel of the chain, or one edge of the flow runtime.
type Edge struct {
	Name string // the spec's name=, else the Go name of what holds it
	Kind string // "chan", or the runtime type: "flow.Edge", "flow.PrioritySink", ...

	Spec     policy.Spec // what the code declares; zero when Declared is false
	Declared bool        // an annotation, or a constant spec handed to the runtime
	// SpecAtRunTime marks an edge sized from a policy.Spec value the code
	// computes: it is declared, but not in terms this analysis can read.
	SpecAtRunTime bool

	Capacity      int64 // the buffer size, when CapacityKnown
	CapacityKnown bool

	Pos      token.Pos // the make, the field or variable, or the runtime call
	Problems []string  // what breaks the chain here, sorted

	obj  types.Object // what holds the edge, when known
	expr string       // the expression that makes it, a name of last resort
}

// Broken reports whether something on the edge breaks the chain.
func (e *Edge) Broken() bool { return len(e.Problems) > 0 }

func (e *Edge) problem(p string) {
	if !slices.Contains(e.Problems, p) {
		e.Problems = append(e.Problems, p)
		sort.Strings(e.Problems)
	}
}

// The problems an edge can have.
const (
	ProblemUnannotated = "no //flow:edge"
	ProblemMalformed   = "malformed //flow:edge"
	ProblemBadSpec     = "malformed edge spec"
	ProblemUnbounded   = "unbounded: capacity computed at run time"
	ProblemUncounted   = "shed drops not counted"
)

// Resolve finds the chain of the package a pass analyzes. The analyzer
// calling it must require syntax.Analyzer and config.Analyzer. Malformed
// annotations are not reported here: they show as edge problems.
func Resolve(pass *analysis.Pass) *Chain {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	k := newChecker(pass, cfg, finding.NewCollector("policydoc"))
	ch := &Chain{k: k, holders: map[types.Object][]*Edge{}, byObj: map[types.Object]*Edge{}}
	k.resolve()
	ch.addDeclared()
	ch.addMakes()
	ch.addRuntimeEdges()
	sort.SliceStable(ch.Edges, func(i, j int) bool { return ch.Edges[i].Pos < ch.Edges[j].Pos })
	ch.bind()
	ch.findUncountedDrops()
	return ch
}

// Holding returns the edges an expression naming a channel or a runtime
// edge may hold: one through a local or field, several through a
// parameter that different callers pass different edges.
func (ch *Chain) Holding(e ast.Expr) []*Edge {
	return ch.holders[objectOf(ch.k.pass.TypesInfo, e)]
}

// addDeclared adds the edges annotations declare: on struct fields,
// package variables and the variables annotated makes are stored in.
func (ch *Chain) addDeclared() {
	for obj, b := range ch.k.edges {
		if b.note == nil || b.obj != obj {
			continue // carried here by propagation: not an edge of its own
		}
		ch.add(&Edge{Kind: "chan", Spec: b.spec, Declared: true, Pos: obj.Pos(), obj: obj,
			Capacity: int64(b.spec.Capacity()), CapacityKnown: true})
	}
}

// addMakes gives every make its edge: the declared one it is stored in, or
// one of its own. Signal and one-shot channels, which policydoc exempts,
// are no edges.
func (ch *Chain) addMakes() {
	for _, m := range ch.k.makes {
		if e := ch.byObj[m.storage]; e != nil && m.storage != nil {
			ch.sized(e, m)
			continue
		}
		e := &Edge{Kind: "chan", Pos: m.call.Pos(), obj: m.storage,
			expr: "make(" + types.ExprString(m.call.Args[0]) + ")"}
		switch {
		case m.note != nil && m.note.bad:
			e.problem(ProblemMalformed)
		case m.note != nil:
			e.Spec, e.Declared = m.note.spec, true
		case ch.k.capacityFromSpec(m.capArg):
			e.SpecAtRunTime = true
		case ch.k.exempt(m):
			continue
		default:
			e.problem(ProblemUnannotated)
		}
		ch.sized(e, m)
		ch.add(e)
	}
}

// sized records a make's capacity on its edge. A capacity computed at run
// time from anything but a policy.Spec has no bound anyone declared.
func (ch *Chain) sized(e *Edge, m *channelMake) {
	switch {
	case m.capKnown:
		e.Capacity, e.CapacityKnown = m.capVal, true
	case ch.k.capacityFromSpec(m.capArg):
		e.CapacityKnown = false
	default:
		e.CapacityKnown = false
		e.problem(ProblemUnbounded)
	}
}

// add names an edge and indexes it by what holds it. Two unannotated
// makes stored in the same place are one edge.
func (ch *Chain) add(e *Edge) {
	if e.obj != nil {
		if prev := ch.byObj[e.obj]; prev != nil {
			for _, p := range e.Problems {
				prev.problem(p)
			}
			return
		}
		ch.byObj[e.obj] = e
	}
	e.Name = e.Spec.Name
	if e.Name == "" {
		e.Name = ch.nameOf(e)
	}
	ch.Edges = append(ch.Edges, e)
}

// nameOf names an edge as code refers to it: a variable by its name, a
// field as Type.field, and one stored nowhere by the expression making it.
func (ch *Chain) nameOf(e *Edge) string {
	v, ok := e.obj.(*types.Var)
	if !ok {
		return e.expr
	}
	if !v.IsField() {
		return v.Name()
	}
	scope := ch.k.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if f == v {
					return tn.Name() + "." + v.Name()
				}
			}
		}
	}
	return v.Name()
}

// bind follows every edge from what first holds it through assignments,
// struct literals and the parameters of same-package functions, until
// nothing changes. Unlike propagate, which serves policy checks, it keeps
// every edge a variable may hold, so a helper that forwards several edges
// is drawn on each of them.
func (ch *Chain) bind() {
	for _, e := range ch.Edges {
		if e.obj != nil {
			ch.holders[e.obj] = []*Edge{e}
		}
	}
	changed := false
	flow := func(to, from types.Object) {
		for _, e := range ch.holders[from] {
			if !slices.Contains(ch.holders[to], e) {
				ch.holders[to] = append(ch.holders[to], e)
				changed = true
			}
		}
	}
	for round := 0; round < 8; round++ {
		changed = false
		for _, m := range ch.k.moves() {
			flow(m.to, m.from)
		}
		if !changed {
			return
		}
	}
}

// A move is a value passing from one variable, field or parameter to
// another: an assignment, a call's argument to the callee's parameter, a
// struct literal's value to its field.
type move struct {
	to, from types.Object
	literal  bool // into a field by a struct literal
}

// moves lists the package's moves in source order. Following an edge
// through its aliases takes several passes over them, for every edge: the
// list is made once so that those passes do not walk the syntax again.
func (k *checker) moves() []move {
	if k.moved != nil {
		return k.moved
	}
	k.moved = []move{}
	info := k.pass.TypesInfo
	add := func(to types.Object, from ast.Expr, literal bool) {
		if fromObj := objectOf(info, from); to != nil && fromObj != nil {
			k.moved = append(k.moved, move{to: to, from: fromObj, literal: literal})
		}
	}
	nodes := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CallExpr)(nil),
		(*ast.KeyValueExpr)(nil)}
	for cur := range k.ix.Root().Preorder(nodes...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					add(objectOf(info, n.Lhs[i]), n.Rhs[i], false)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					add(info.Defs[n.Names[i]], n.Values[i], false)
				}
			}
		case *ast.CallExpr:
			if len(n.Args) == 0 {
				continue
			}
			params := k.paramsOf(n)
			for i, arg := range n.Args {
				if i < len(params) {
					add(params[i], arg, false)
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
					add(v.Origin(), n.Value, true)
				}
			}
		}
	}
	return k.moved
}

// findUncountedDrops marks shed edges a send drops on without counting:
// the shed is invisible in metrics, so the chain's pressure is hidden.
func (ch *Chain) findUncountedDrops() {
	for _, cur := range ch.k.sends {
		s := ch.k.site(cur)
		if s.deflt == nil || countsDrop(ch.k.pass.TypesInfo, s.deflt.Body) || ch.k.keepsValue(cur, s) {
			continue
		}
		for _, e := range ch.Holding(s.send.Chan) {
			if e.Declared && e.Spec.Policy == policy.Shed {
				e.problem(ProblemUncounted)
			}
		}
	}
}
