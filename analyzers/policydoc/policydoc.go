package policydoc

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

// Analyzer is the policydoc rule.
var Analyzer = &analysis.Analyzer{
	Name:       "policydoc",
	Doc:        finding.Doc(doc, "policydoc"),
	URL:        finding.URL("policydoc"),
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

// checker holds one package's analysis.
type checker struct {
	pass  *analysis.Pass
	ix    *syntax.Index
	cfg   *config.Config
	c     *finding.Collector
	notes *annotations
	edges map[types.Object]*edge
	makes []*channelMake
	sends []syntax.Cursor
	moved []move // every move of a value in the package, once asked for

	reportedDefaults map[*ast.CommClause]bool
	closed           map[types.Object]bool // channels the package closes
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	c := finding.NewCollector("policydoc")
	if !cfg.Enabled("policydoc") {
		return c.Result(), nil
	}
	k := newChecker(pass, cfg, c)
	if !k.resolve() {
		return c.Result(), nil // no channels, no annotations: nothing to check
	}
	k.checkMakes()
	k.checkSends()
	k.notes.reportStray(c)
	return c.Result(), nil
}

func newChecker(pass *analysis.Pass, cfg *config.Config, c *finding.Collector) *checker {
	return &checker{pass: pass, cfg: cfg, c: c, edges: map[types.Object]*edge{},
		ix:               pass.ResultOf[syntax.Analyzer].(*syntax.Index),
		reportedDefaults: map[*ast.CommClause]bool{}, closed: map[types.Object]bool{}}
}

// resolve finds the package's annotations, makes and sends, attaches each
// annotation to what it describes and follows the declared edges through
// locals and parameters. It reports false when the package has no channel
// and no annotation. Checking and drawing the chain both start here.
func (k *checker) resolve() bool {
	k.notes = collectAnnotations(k.pass.Fset, k.pass.Files, k.cfg, k.c)
	if !k.scan(k.ix) && len(k.notes.all) == 0 {
		return false
	}
	declaredEdges(k.pass.Fset, k.ix, k.pass.TypesInfo, k.notes, k.c, k.edges)
	k.resolveMakes()
	k.propagate()
	return true
}

// scan gathers the channel makes and send statements of non-test files.
func (k *checker) scan(ix *syntax.Index) bool {
	for fileCur := range ix.Root().Preorder((*ast.File)(nil)) {
		file := fileCur.Node().(*ast.File)
		if finding.IsTestFile(k.pass.Fset, file) {
			continue
		}
		for cur := range fileCur.Preorder((*ast.CallExpr)(nil), (*ast.SendStmt)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.SendStmt:
				k.sends = append(k.sends, cur)
			case *ast.CallExpr:
				if isBuiltin(k.pass.TypesInfo, n, "close") && len(n.Args) == 1 {
					k.closed[objectOf(k.pass.TypesInfo, n.Args[0])] = true
					continue
				}
				elem, ok := makeOfChan(k.pass.TypesInfo, n)
				if !ok {
					continue
				}
				m := &channelMake{call: n, cur: cur, elem: elem}
				if len(n.Args) > 1 {
					m.capArg = n.Args[1]
					m.capVal, m.capKnown = constCap(k.pass.TypesInfo, m.capArg)
				} else {
					m.capKnown = true
				}
				k.makes = append(k.makes, m)
			}
		}
	}
	return len(k.makes) > 0 || len(k.sends) > 0
}

// resolveMakes finds each make's annotation and storage, and records the
// edge the storage now holds.
func (k *checker) resolveMakes() {
	byHolder := map[ast.Node]*annotation{}
	for _, m := range k.makes {
		tf := k.pass.Fset.File(m.call.Pos())
		holder, above, trail := enclosingLines(k.pass.Fset, m.cur)
		m.note = k.notes.at(k.c, tf, above, trail...)
		if m.note == nil {
			// a, b := make(...), make(...): one annotation covers the statement.
			m.note = byHolder[holder]
		} else if holder != ast.Node(m.call) {
			byHolder[holder] = m.note
		}
		m.storage = storageOf(k.pass.TypesInfo, m.cur)
		if m.note != nil && !m.note.bad && m.storage != nil {
			if prev, ok := k.edges[m.storage]; ok && !sameSpec(prev.spec, m.note.spec) {
				k.c.Reportf(m.note.comment, "this annotation says %s but %s is declared %s; keep one",
					m.note.spec, m.storage.Name(), prev.spec)
				continue
			}
			declare(k.edges, m.storage, m.note)
		}
	}
}

// specOf returns the spec a make is checked against.
func (k *checker) specOf(m *channelMake) (*annotation, *edge) {
	if m.note != nil {
		return m.note, nil
	}
	if m.storage != nil {
		if e, ok := k.edges[m.storage]; ok {
			return nil, e
		}
	}
	return nil, nil
}

// checkMakes reports unannotated data channels and capacities that do not
// match their burst profile.
func (k *checker) checkMakes() {
	for _, m := range k.makes {
		note, e := k.specOf(m)
		switch {
		case note != nil && note.bad:
			continue // reported where the annotation is
		case note != nil:
			k.checkCapacity(m, note.spec)
		case e != nil:
			k.checkCapacity(m, e.spec)
		default:
			k.checkExempt(m)
		}
	}
}

func (k *checker) checkExempt(m *channelMake) {
	if k.capacityFromSpec(m.capArg) || k.exempt(m) {
		return // sized by a policy.Spec, or carrying no data that piles up
	}
	var fixes []analysis.SuggestedFix
	if fix, ok := k.inferredFix(m); ok {
		fixes = append(fixes, fix)
	}
	k.c.Report(m.call, fmt.Sprintf("channel of %s has no //flow:edge annotation; declare what "+
		"happens when it fills: policy=backpressure|shed|timed burst=GAP*DURATION*SAFETY",
		types.TypeString(m.elem, k.qualifier)), fixes...)
}

// exempt reports whether an unannotated channel needs no annotation
// because it carries no data that could pile up.
func (k *checker) exempt(m *channelMake) bool {
	switch {
	case k.cfg.Strict:
		return false
	case flowtypes.IsZeroSize(m.elem):
		return true // a signal channel carries no data to lose
	case k.isOneShot(m):
		return true // a single result has no burst to absorb
	case k.sizedToSenders(m):
		return true // one slot per sender: a fan-in of results never blocks
	default:
		return k.signalsOnly(m) // only constants are sent: a wake-up, whatever its element type
	}
}

// qualifier writes other packages' types as name.Type, as code does.
func (k *checker) qualifier(p *types.Package) string {
	if p == k.pass.Pkg {
		return ""
	}
	return p.Name()
}

// sizedToSenders reports whether a local channel is made with one slot per
// element of a collection (errs := make(chan error, len(items))): the
// fan-in of one result per item, which no burst can overfill.
func (k *checker) sizedToSenders(m *channelMake) bool {
	if m.storage == nil || !k.isLocal(m.storage) || m.capArg == nil {
		return false
	}
	call, ok := ast.Unparen(m.capArg).(*ast.CallExpr)
	return ok && isBuiltin(k.pass.TypesInfo, call, "len")
}

// signalsOnly reports whether a channel is used as a signal though its
// element type has a size: every send on it in this package sends a
// constant (done <- true, ready <- 1), or it is only ever closed.
func (k *checker) signalsOnly(m *channelMake) bool {
	if m.storage == nil {
		return false
	}
	sends := 0
	for _, cur := range k.sends {
		send := cur.Node().(*ast.SendStmt)
		if objectOf(k.pass.TypesInfo, send.Chan) != m.storage {
			continue
		}
		if tv, ok := k.pass.TypesInfo.Types[send.Value]; !ok || tv.Value == nil {
			return false
		}
		sends++
	}
	return sends > 0 || k.closed[m.storage]
}

// policyPkg is the annotation grammar's package: a channel sized from one
// of its specs is declared at run time in the same terms as an annotation.
const policyPkg = "github.com/flowlint/flowlint/policy"

// capacityFromSpec reports whether a capacity is a policy.Spec's or
// policy.BurstProfile's Capacity(), directly or through a local assigned
// from one.
func (k *checker) capacityFromSpec(e ast.Expr) bool {
	if e == nil {
		return false
	}
	info := k.pass.TypesInfo
	isSpecCapacity := func(call *ast.CallExpr) bool {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Capacity" {
			return false
		}
		named := flowtypes.NamedOf(info.TypeOf(sel.X))
		return named != nil && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == policyPkg
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return isSpecCapacity(call)
	}
	_, ok := k.assignedFrom(objectOf(info, e), func(call *ast.CallExpr) (time.Duration, bool) {
		return 0, isSpecCapacity(call)
	})
	return ok
}

func sameSpec(a, b interface{ String() string }) bool { return a.String() == b.String() }
