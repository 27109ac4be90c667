package unbounded

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/queue"
	"github.com/flowlint/flowlint/analyzers/spawn"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

const name = "unbounded"

// Analyzer is the unbounded rule.
var Analyzer = &analysis.Analyzer{
	Name: name,
	Doc:  finding.Doc(doc, name),
	URL:  finding.URL(name),
	Requires: []*analysis.Analyzer{syntax.Analyzer, config.Analyzer, eventloop.Analyzer,
		spawn.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

func run(pass *analysis.Pass) (any, error) {
	c := finding.NewCollector(name)
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	if !cfg.Enabled(name) {
		return c.Result(), nil
	}
	ix := pass.ResultOf[syntax.Analyzer].(*syntax.Index)

	for _, st := range pass.ResultOf[spawn.Analyzer].(*spawn.Info).Of(spawn.Send) {
		c.Reportf(st.Report, "%s parks one goroutine per event %s, each holding its value until "+
			"%s has room: a queue with no limit; send from the loop so a full channel pushes "+
			"back, or shed with a select default that counts the drop",
			st.Text(), st.Place.Why(), flowtypes.Render(st.Chans[0]))
	}

	events := pass.ResultOf[eventloop.Analyzer].(*eventloop.Info)
	for _, fw := range queue.Find(pass, cfg, ix, events) {
		if spawn.IsLogQueue(cfg.LogPackages, fw.Elem, fw.Queue) {
			continue // a log queue: firelog's
		}
		c.Reportf(fw.Grow, "%s grows without limit: the event loop that %s forwards through it "+
			"and never checks its length; stop receiving, or shed with a counted drop, when "+
			"len(%[1]s) reaches a limit", flowtypes.Render(fw.Queue), fw.Loop.Why)
	}

	checkCapacities(pass, cfg, ix, c)
	return c.Result(), nil
}

// checkCapacities reports channel makes whose capacity is a huge constant
// or comes unchecked from a parameter or a field.
func checkCapacities(pass *analysis.Pass, cfg *config.Config, ix *syntax.Index,
	c *finding.Collector) {

	fields := &boundedFields{}
	for file := range ix.Root().Preorder((*ast.File)(nil)) {
		f := file.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, f) || finding.IsGenerated(pass.Fset, f) {
			continue
		}
		for cur := range file.Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			capArg := dataChanCapacity(pass, call)
			if capArg == nil {
				continue
			}
			if tv := pass.TypesInfo.Types[capArg]; tv.Value != nil {
				n, exact := constant.Int64Val(constant.ToInt(tv.Value))
				if exact && n > int64(cfg.MaxCapacity) && !hasBurstProfile(pass, cfg, f, cur) {
					c.Reportf(capArg, "channel capacity %s (%d) exceeds max_capacity %d: a burst "+
						"fills memory before anything pushes back; lower it, or document it with "+
						"a //flow:edge burst profile", flowtypes.Render(capArg), n, cfg.MaxCapacity)
				}
				continue
			}
			if src, what := unclamped(pass, cur, capArg, fields); src != nil {
				c.Reportf(capArg, "channel capacity comes from %s %s with no upper bound, so "+
					"configuration or input decides how much a burst may queue; clamp it, "+
					"e.g. min(%[2]s, maxQueue)", what, flowtypes.Render(src))
			}
		}
	}
}

// dataChanCapacity returns the capacity argument of make(chan T, n) when
// T is not a signal (zero-size) type, or nil.
func dataChanCapacity(pass *analysis.Pass, call *ast.CallExpr) ast.Expr {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "make" || len(call.Args) != 2 {
		return nil
	}
	ch, ok := flowtypes.Under(pass.TypesInfo.TypeOf(call)).(*types.Chan)
	if !ok || flowtypes.IsZeroSize(ch.Elem()) {
		return nil
	}
	return call.Args[1]
}
