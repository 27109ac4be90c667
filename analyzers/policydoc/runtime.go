package policydoc

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/policy"
)

// flowPkg is the reference runtime, whose edges are built from specs in
// the annotation grammar rather than from annotated makes.
const flowPkg = "github.com/flowlint/flowlint/runtime/flow"

// runtimeKinds maps the runtime's edge constructors to the edge type each
// builds. The Parse forms take the annotation's fields as a string; the
// New forms take a policy.Spec value.
var runtimeKinds = map[string]string{
	"ParseEdge":         "flow.Edge",
	"ParsePrioritySink": "flow.PrioritySink",
	"ParseCreditEdge":   "flow.CreditEdge",
	"NewEdge":           "flow.Edge",
	"NewPrioritySink":   "flow.PrioritySink",
	"NewCreditEdge":     "flow.CreditEdge",
}

// addRuntimeEdges adds an edge for each call of a runtime constructor in
// non-test code. A constant spec string is the edge's annotation; any
// other spec is declared at run time.
func (ch *Chain) addRuntimeEdges() {
	if ch.k.pass.Pkg.Path() == flowPkg {
		return // the runtime's constructors build on one another: its edges are its channels
	}
	for fileCur := range ch.k.ix.Root().Preorder((*ast.File)(nil)) {
		if finding.IsTestFile(ch.k.pass.Fset, fileCur.Node().(*ast.File)) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			if e := ch.runtimeEdge(cur); e != nil {
				ch.add(e)
			}
		}
	}
}

func (ch *Chain) runtimeEdge(cur syntax.Cursor) *Edge {
	call := cur.Node().(*ast.CallExpr)
	info := ch.k.pass.TypesInfo
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != flowPkg || len(call.Args) == 0 {
		return nil
	}
	kind, ok := runtimeKinds[fn.Name()]
	if !ok {
		return nil
	}
	e := &Edge{Kind: kind, Pos: call.Pos(), obj: resultStorage(info, cur), SpecAtRunTime: true,
		expr: types.ExprString(call.Fun) + "(...)"}
	tv := info.Types[call.Args[0]]
	constSpec := tv.Value != nil && tv.Value.Kind() == constant.String
	if !strings.HasPrefix(fn.Name(), "Parse") || !constSpec {
		return e
	}
	e.SpecAtRunTime = false
	spec, err := policy.ParseFields(constant.StringVal(tv.Value))
	if err == nil {
		err = spec.Validate()
	}
	if err != nil {
		e.problem(ProblemBadSpec)
		return e
	}
	e.Spec, e.Declared = spec, true
	e.Capacity, e.CapacityKnown = int64(spec.Capacity()), true
	return e
}

// resultStorage finds the variable or field a call's first result is
// stored in: e, err := f() and p.e, err = f() as well as e := f().
func resultStorage(info *types.Info, cur syntax.Cursor) types.Object {
	call := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == call {
			return objectOf(info, p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == call {
			return info.Defs[p.Names[0]]
		}
	}
	return storageOf(info, cur)
}
