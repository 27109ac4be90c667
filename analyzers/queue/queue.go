// Package queue finds hand-made queues with no limit: event loops that
// receive from one channel, keep what they received in a slice or an
// unbounded queue type, and send it on to another channel from the head.
// Such a loop never blocks its producer, so its queue is the backlog.
package queue

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

// Forwarder is an event loop that forwards through a queue with no limit.
type Forwarder struct {
	Loop  *eventloop.Loop
	Grow  ast.Node   // the append assignment or push call that grows the queue
	Queue ast.Expr   // the queue: q, s.pending, l
	Elem  types.Type // what the queue holds, when known
}

// Find returns the package's unbounded forwarders, in source order.
func Find(pass *analysis.Pass, cfg *config.Config, ix *syntax.Index,
	events *eventloop.Info) []*Forwarder {

	skip := map[*token.File]bool{}
	for _, f := range pass.Files {
		if finding.IsTestFile(pass.Fset, f) || finding.IsGenerated(pass.Fset, f) {
			skip[pass.Fset.File(f.Pos())] = true
		}
	}

	var out []*Forwarder
	for _, loop := range events.Loops {
		if skip[pass.Fset.File(loop.Stmt.Pos())] {
			continue
		}
		cur, ok := flowtypes.CursorOf(ix.Root(), loop.Stmt)
		if !ok {
			continue
		}
		f := &finder{pass: pass, cfg: cfg}
		f.scan(loop.Body)
		for _, key := range f.order {
			g := f.grows[key]
			if f.sends == 0 || !f.pops[key] && !g.queueType {
				continue // not a forwarder: an accumulator or a plain buffer
			}
			if lengthChecked(pass.TypesInfo, enclosingBody(cur), key) {
				continue
			}
			out = append(out, &Forwarder{Loop: loop, Grow: g.node, Queue: g.queue, Elem: g.elem})
		}
	}
	slices.SortFunc(out, func(a, b *Forwarder) int { return int(a.Grow.Pos() - b.Grow.Pos()) })
	return out
}

type growth struct {
	node      ast.Node
	queue     ast.Expr
	elem      types.Type
	queueType bool
}

type finder struct {
	pass  *analysis.Pass
	cfg   *config.Config
	grows map[string]growth
	order []string
	pops  map[string]bool
	sends int
}

// scan notes, in the loop body, what grows a queue, what takes from its
// head and whether anything is sent on.
func (f *finder) scan(body *ast.BlockStmt) {
	f.grows, f.pops = map[string]growth{}, map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			f.sends++
		case *ast.AssignStmt:
			f.assign(n)
		case *ast.CallExpr:
			f.call(n)
		}
		return true
	})
}

// assign recognises q = append(q, v) and q = q[1:].
func (f *finder) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return
	}
	key := types.ExprString(as.Lhs[0])
	switch rhs := ast.Unparen(as.Rhs[0]).(type) {
	case *ast.CallExpr:
		if isBuiltin(f.pass.TypesInfo, rhs, "append") && len(rhs.Args) > 1 &&
			types.ExprString(rhs.Args[0]) == key {
			var elem types.Type
			if s, ok := flowtypes.Under(f.pass.TypesInfo.TypeOf(as.Lhs[0])).(*types.Slice); ok {
				elem = s.Elem()
			}
			f.grow(key, growth{node: as, queue: as.Lhs[0], elem: elem})
		}
	case *ast.SliceExpr:
		if rhs.Low != nil && rhs.High == nil && types.ExprString(rhs.X) == key {
			f.pops[key] = true
		}
	}
}

// call recognises pushes onto and pops from a configured queue type, and
// copy(q, q[1:]).
func (f *finder) call(call *ast.CallExpr) {
	if isBuiltin(f.pass.TypesInfo, call, "copy") && len(call.Args) == 2 {
		if s, ok := ast.Unparen(call.Args[1]).(*ast.SliceExpr); ok {
			f.pops[types.ExprString(s.X)] = true
		}
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !f.isQueueType(f.pass.TypesInfo.TypeOf(sel.X)) {
		return
	}
	key := types.ExprString(sel.X)
	name := sel.Sel.Name
	switch {
	case hasPrefix(name, "Push", "Insert", "Enqueue", "Append", "Put", "Add"):
		var elem types.Type
		if len(call.Args) > 0 {
			elem = f.pass.TypesInfo.TypeOf(call.Args[0])
		}
		f.grow(key, growth{node: call, queue: sel.X, elem: elem, queueType: true})
	case hasPrefix(name, "Pop", "Remove", "Dequeue", "Shift", "Take"):
		f.pops[key] = true
	}
}

func (f *finder) grow(key string, g growth) {
	if _, seen := f.grows[key]; !seen {
		f.grows[key] = g
		f.order = append(f.order, key)
	}
}

func (f *finder) isQueueType(t types.Type) bool {
	named := flowtypes.NamedOf(t)
	if named == nil || named.Obj().Pkg() == nil {
		return false
	}
	return slices.Contains(f.cfg.QueueTypes, named.Obj().Pkg().Path()+"."+named.Obj().Name())
}

func hasPrefix(name string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	_, builtin := info.Uses[id].(*types.Builtin)
	return builtin && id.Name == name
}

// enclosingBody is the body of the function declaration around cur, where
// a length check on the queue would be written.
func enclosingBody(cur syntax.Cursor) ast.Node {
	var outer ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		outer = c.Node()
	}
	return outer
}

// lengthChecked reports whether fn compares the queue's length with
// anything but zero: len(q) >= max bounds it, len(q) > 0 only asks whether
// it is empty.
func lengthChecked(info *types.Info, fn ast.Node, key string) bool {
	if fn == nil {
		return false
	}
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || found {
			return !found
		}
		switch b.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
		default:
			return true
		}
		if isLength(b.X, key) && !isZero(info, b.Y) || isLength(b.Y, key) && !isZero(info, b.X) {
			found = true
		}
		return !found
	})
	return found
}

// isLength recognises len(q) and q.Len().
func isLength(e ast.Expr, key string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name == "len" && len(call.Args) == 1 && types.ExprString(call.Args[0]) == key
	case *ast.SelectorExpr:
		return fun.Sel.Name == "Len" && types.ExprString(fun.X) == key
	}
	return false
}

func isZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}
