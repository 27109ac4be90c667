package firelog

import (
	_ "embed"
	"go/ast"
	"go/token"

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

const name = "firelog"

// Analyzer is the firelog rule.
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

	for _, st := range pass.ResultOf[spawn.Analyzer].(*spawn.Info).Of(spawn.Log) {
		c.Report(st.Report, st.Text()+" logs from a goroutine per event "+st.Place.Why()+
			", so under load log writes pile up as parked goroutines; log synchronously, "+
			"or through a bounded queue that counts what it drops", syncFix(st)...)
	}

	events := pass.ResultOf[eventloop.Analyzer].(*eventloop.Info)
	for _, fw := range queue.Find(pass, cfg, ix, events) {
		if !spawn.IsLogQueue(cfg.LogPackages, fw.Elem, fw.Queue) {
			continue // not a log queue: unbounded's
		}
		c.Reportf(fw.Grow, "log queue %s grows without limit: the event loop that %s forwards "+
			"entries through it and never checks its length; cap it and count the entries "+
			"dropped at the cap", flowtypes.Render(fw.Queue), fw.Loop.Why)
	}

	silentDrops(pass, cfg, ix, c)
	return c.Result(), nil
}

// syncFix removes the go keyword of go logger.Info(...): the arguments are
// evaluated at the go statement either way, so only the write moves onto
// the event's own goroutine.
func syncFix(st *spawn.Start) []analysis.SuggestedFix {
	g, ok := st.Start.(*ast.GoStmt)
	if !ok || st.Via != nil {
		return nil
	}
	if _, lit := ast.Unparen(g.Call.Fun).(*ast.FuncLit); lit {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "log synchronously",
		TextEdits: []analysis.TextEdit{{Pos: g.Go, End: g.Call.Pos()}},
	}}
}

// silentDrops reports selects that send to a log channel and drop the
// entry in a default clause that neither counts nor reports the drop.
func silentDrops(pass *analysis.Pass, cfg *config.Config, ix *syntax.Index,
	c *finding.Collector) {

	for file := range ix.Root().Preorder((*ast.File)(nil)) {
		f := file.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, f) || finding.IsGenerated(pass.Fset, f) {
			continue
		}
		for cur := range file.Preorder((*ast.SelectStmt)(nil)) {
			var logChan ast.Expr
			var def *ast.CommClause
			for _, stmt := range cur.Node().(*ast.SelectStmt).Body.List {
				cc, ok := stmt.(*ast.CommClause)
				if !ok {
					continue
				}
				if cc.Comm == nil {
					def = cc
				} else if send, ok := cc.Comm.(*ast.SendStmt); ok &&
					spawn.IsLogChan(pass.TypesInfo, cfg.LogPackages, send.Chan) {
					logChan = send.Chan
				}
			}
			if logChan != nil && def != nil && !accounts(def.Body) {
				c.Reportf(finding.Span{From: def.Case, To: def.Colon + 1}, "default drops log "+
					"entries for %s silently when it is full; count the drop (a counter, or a "+
					"dropped-entries line flushed later) so lost logs show", flowtypes.Render(logChan))
			}
		}
	}
}

// accounts reports whether a default clause does anything about the drop:
// a call (a counter's Add, a metric, a warning) or an increment.
func accounts(body []ast.Stmt) bool {
	found := false
	for _, stmt := range body {
		ast.Inspect(stmt, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr, *ast.IncDecStmt:
				found = true
			case *ast.AssignStmt:
				found = found || n.Tok == token.ADD_ASSIGN
			}
			return !found
		})
	}
	return found
}
