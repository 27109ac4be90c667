package respawn

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/lvalue"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

const rule = "respawn"

// Analyzer is the respawn rule.
var Analyzer = &analysis.Analyzer{
	Name:       rule,
	Doc:        finding.Doc(doc, rule),
	URL:        finding.URL(rule),
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	c := finding.NewCollector(rule)
	if !cfg.Enabled(rule) {
		return c.Result(), nil
	}
	ix := pass.ResultOf[syntax.Analyzer].(*syntax.Index)
	if !mayRespawn(pass, ix) {
		return c.Result(), nil
	}

	ck := newChecker(pass)
	for fc := range ix.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, file) || finding.IsGenerated(pass.Fset, file) {
			continue
		}
		ck.received(fc)
	}
	for fc := range ix.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, file) || finding.IsGenerated(pass.Fset, file) {
			continue
		}
		for fn := range fc.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			if ck.mayStart(fn) {
				ck.function(c, fn)
			}
		}
	}
	return c.Result(), nil
}

// mayRespawn is the fast path: with no go statement and no close there is
// no worker to abandon and no channel to drop.
func mayRespawn(pass *analysis.Pass, ix *syntax.Index) bool {
	for cur := range ix.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			return true
		case *ast.CallExpr:
			if isBuiltin(pass.TypesInfo, n, "close") {
				return true
			}
		}
	}
	return false
}

// mayStart reports whether a function can start a goroutine or make a
// channel, in its own body or in the same-package functions it calls:
// only then can it restart a worker or re-make a channel, and only then
// is it worth listing its steps. It errs towards yes, looking into
// closures and deferred calls that the steps leave out.
func (ck *checker) mayStart(fn syntax.Cursor) bool {
	if ck.starts == nil {
		ck.starts = map[*ast.FuncDecl]bool{}
		callees := map[*ast.FuncDecl][]*ast.FuncDecl{}
		for _, fd := range ck.decls {
			direct, calls := ck.startsIn(fd.Body)
			ck.starts[fd] = direct
			callees[fd] = calls
		}
		for changed := true; changed; {
			changed = false
			for fd, calls := range callees {
				if !ck.starts[fd] && slices.ContainsFunc(calls, func(g *ast.FuncDecl) bool { return ck.starts[g] }) {
					ck.starts[fd] = true
					changed = true
				}
			}
		}
	}
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		if n.Body == nil {
			return false
		}
		if starts, ok := ck.starts[n]; ok {
			return starts
		}
		return true // a method of an instantiated type, say: look
	case *ast.FuncLit:
		direct, calls := ck.startsIn(n.Body)
		return direct || slices.ContainsFunc(calls, func(g *ast.FuncDecl) bool { return ck.starts[g] })
	}
	return false
}

// startsIn reports whether body holds a go statement or makes a channel, and lists
// the same-package functions it calls.
func (ck *checker) startsIn(body *ast.BlockStmt) (direct bool, calls []*ast.FuncDecl) {
	info := ck.pass.TypesInfo
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			direct = true
		case *ast.CallExpr:
			if isBuiltin(info, n, "make") && flowtypes.IsChan(info.TypeOf(n)) {
				direct = true
			} else if fn := typeutil.StaticCallee(info, n); fn != nil {
				if fd := ck.decls[fn.Origin()]; fd != nil {
					calls = append(calls, fd)
				}
			}
		}
		return !direct
	})
	return direct, calls
}

// kind is what a step of a function does to workers and channels.
type kind int

const (
	spawn  kind = iota + 1 // a go statement
	stop                   // cancel() or close(ch): tells a worker to go
	assign                 // a new value stored in a variable or field
	join                   // waits: Wait(), a receive, a range over a channel
	use                    // reads a channel variable or field
)

// step is one thing a function does, in source order.
type step struct {
	kind   kind
	node   ast.Node
	cur    syntax.Cursor
	key    string // the storage stopped, assigned or used
	root   *types.Var
	name   string // the storage, for messages
	remake bool   // an assign of make(chan ...)
	clear  bool   // an assign of nil: a teardown, not a replacement
	data   bool   // a remade or closed channel carries data, not signals

	// For spawns: the channels the goroutine reads through a variable or
	// field it shares (byRef), or was handed as arguments (byArg).
	byRef, byArg map[string]bool
}

// summary is what a same-package function does that its callers inherit,
// in order: the waits, stops, assignments and spawns of its body.
type summary []step

type checker struct {
	pass     *analysis.Pass
	decls    map[*types.Func]*ast.FuncDecl
	sums     map[*ast.FuncDecl]summary
	starts   map[*ast.FuncDecl]bool // see mayStart
	receives map[string]bool        // channels some code in the package receives from
}

func newChecker(pass *analysis.Pass) *checker {
	ck := &checker{
		pass:     pass,
		decls:    map[*types.Func]*ast.FuncDecl{},
		sums:     map[*ast.FuncDecl]summary{},
		receives: map[string]bool{},
	}
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				ck.decls[fn] = fd
			}
		}
	}
	return ck
}

// received records every channel the package receives from: a channel
// nobody reads cannot strand a reader.
func (ck *checker) received(file syntax.Cursor) {
	for cur := range file.Preorder((*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		var ch ast.Expr
		switch n := cur.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ch = n.X
			}
		case *ast.RangeStmt:
			ch = n.X
		}
		if p, ok := lvalue.Of(ck.pass.TypesInfo, ch); ch != nil && ok {
			ck.receives[p.Key()] = true
		}
	}
}

// function checks one function body: its own steps, with nested function
// literals left to their own turn.
func (ck *checker) function(c *finding.Collector, fn syntax.Cursor) {
	var body *ast.BlockStmt
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		body = n.Body
	case *ast.FuncLit:
		body = n.Body
	}
	if body == nil {
		return
	}
	bc, ok := flowtypes.CursorOf(fn, body)
	if !ok {
		return
	}
	steps := ck.steps(bc, 0)
	reported := map[ast.Node]bool{}
	for i, s := range steps {
		switch {
		case s.kind == spawn:
			ck.checkRestart(c, steps, i)
		case s.kind == assign && s.remake:
			if !reported[s.node] {
				reported[s.node] = ck.checkRemake(c, steps, i)
			}
		}
	}
}

// steps lists what the body does in source order. Deferred calls run at
// return and function literals run when called, so neither is a step.
func (ck *checker) steps(body syntax.Cursor, depth int) []step {
	var out []step
	body.Inspect(nil, func(cur syntax.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false
		case *ast.GoStmt:
			out = append(out, ck.spawnStep(cur, n))
			// Arguments are evaluated here, but the call runs elsewhere.
			return false
		case *ast.AssignStmt:
			out = append(out, ck.assignSteps(cur, n)...)
		case *ast.CallExpr:
			out = append(out, ck.callSteps(cur, n, depth)...)
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				out = append(out, step{kind: join, node: n, cur: cur})
			}
		case *ast.RangeStmt:
			if flowtypes.IsChan(ck.pass.TypesInfo.TypeOf(n.X)) {
				out = append(out, step{kind: join, node: n, cur: cur})
			}
		case *ast.Ident, *ast.SelectorExpr:
			if s, ok := ck.useStep(cur, n.(ast.Expr)); ok {
				out = append(out, s)
				return false
			}
		}
		return true
	})
	return out
}

// useStep records a read of a channel variable or field.
func (ck *checker) useStep(cur syntax.Cursor, e ast.Expr) (step, bool) {
	if !flowtypes.IsChan(ck.pass.TypesInfo.TypeOf(e)) {
		return step{}, false
	}
	p, ok := lvalue.Of(ck.pass.TypesInfo, e)
	if !ok {
		return step{}, false
	}
	return step{kind: use, node: e, cur: cur, key: p.Key(), name: flowtypes.Render(e)}, true
}

func (ck *checker) assignSteps(cur syntax.Cursor, as *ast.AssignStmt) []step {
	if as.Tok != token.ASSIGN {
		return nil // := declares new variables; op= is arithmetic
	}
	var out []step
	for i, lhs := range as.Lhs {
		// Only channels and functions (cancel and stop funcs) are stopped,
		// replaced or re-made; other assignments would only swell the
		// summaries every caller copies.
		switch flowtypes.Under(ck.pass.TypesInfo.TypeOf(lhs)).(type) {
		case *types.Chan, *types.Signature:
		default:
			continue
		}
		p, ok := lvalue.Of(ck.pass.TypesInfo, lhs)
		if !ok {
			continue
		}
		s := step{kind: assign, node: as, cur: cur, key: p.Key(), root: p.Root,
			name: flowtypes.Render(lhs)}
		if len(as.Lhs) == len(as.Rhs) {
			if ch, ok := ck.makeChan(as.Rhs[i]); ok {
				s.remake, s.data = true, !flowtypes.IsZeroSize(ch.Elem())
			}
			s.clear = ck.pass.TypesInfo.Types[as.Rhs[i]].IsNil()
		}
		out = append(out, s)
	}
	return out
}

// makeChan returns the channel type of a make(chan T, ...) expression.
func (ck *checker) makeChan(e ast.Expr) (*types.Chan, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !isBuiltin(ck.pass.TypesInfo, call, "make") {
		return nil, false
	}
	ch, ok := flowtypes.Under(ck.pass.TypesInfo.TypeOf(call)).(*types.Chan)
	return ch, ok
}

// callSteps classifies a call: close and cancel functions stop a worker,
// Wait-style calls join one, and calls of the package's own functions do
// what their bodies do.
func (ck *checker) callSteps(cur syntax.Cursor, call *ast.CallExpr, depth int) []step {
	info := ck.pass.TypesInfo
	if isBuiltin(info, call, "close") && len(call.Args) == 1 {
		p, ok := lvalue.Of(info, call.Args[0])
		if !ok {
			return nil
		}
		data := false
		if ch, ok := flowtypes.Under(info.TypeOf(call.Args[0])).(*types.Chan); ok {
			data = !flowtypes.IsZeroSize(ch.Elem())
		}
		return []step{{kind: stop, node: call, cur: cur, key: p.Key(),
			name: "close(" + flowtypes.Render(call.Args[0]) + ")", data: data}}
	}
	if p, ok := ck.cancelFunc(call.Fun); ok {
		return []step{{kind: stop, node: call, cur: cur, key: p.Key(),
			name: flowtypes.Render(call.Fun) + "()"}}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		return nil
	}
	if fd := ck.decls[fn.Origin()]; fd != nil {
		return ck.inherit(cur, call, fd, depth)
	}
	if isJoinName(fn) {
		return []step{{kind: join, node: call, cur: cur}}
	}
	return nil
}

// cancelFunc reports whether fun names a stored cancel function: a
// context.CancelFunc, or a func-typed variable or field named for
// cancelling or stopping.
func (ck *checker) cancelFunc(fun ast.Expr) (lvalue.Path, bool) {
	info := ck.pass.TypesInfo
	p, ok := lvalue.Of(info, fun)
	if !ok {
		return lvalue.Path{}, false
	}
	t := info.TypeOf(fun)
	if t == nil {
		return lvalue.Path{}, false
	}
	if flowtypes.TypeIs(t, "context", "CancelFunc") ||
		flowtypes.TypeIs(t, "context", "CancelCauseFunc") {
		return p, true
	}
	if _, ok := t.Underlying().(*types.Signature); !ok {
		return lvalue.Path{}, false
	}
	last := p.Root.Name()
	if len(p.Fields) > 0 {
		last = p.Fields[len(p.Fields)-1].Name()
	}
	last = strings.ToLower(last)
	return p, strings.Contains(last, "cancel") || strings.Contains(last, "stop")
}

// isJoinName reports whether a call of another package waits for work to
// finish: Wait and its kin, Join, Drain, Shutdown, and Stop on anything
// but a timer.
func isJoinName(fn *types.Func) bool {
	name := fn.Name()
	switch {
	case strings.HasPrefix(name, "Wait"), name == "Join", name == "Drain", name == "Shutdown":
		return true
	case name == "Stop":
		sig, ok := fn.Type().(*types.Signature)
		if !ok || sig.Recv() == nil {
			return false
		}
		named := flowtypes.NamedOf(sig.Recv().Type())
		return named == nil || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "time"
	}
	return false
}

// inherit gives a call of a same-package function the steps of its body
// that matter to the caller, placed at the call.
func (ck *checker) inherit(cur syntax.Cursor, call *ast.CallExpr, fd *ast.FuncDecl,
	depth int) []step {
	var out []step
	for _, s := range ck.summarize(cur, fd, depth) {
		s.node, s.cur = call, cur
		out = append(out, s)
	}
	return out
}

// maxDepth bounds how deep calls are followed for summaries.
const maxDepth = 3

// waits is the summary of a function too deep to follow, or of one that
// calls itself: assumed to wait, which keeps its callers quiet.
var waits = summary{{kind: join}}

func (ck *checker) summarize(at syntax.Cursor, fd *ast.FuncDecl, depth int) summary {
	if sum, ok := ck.sums[fd]; ok {
		return sum
	}
	if depth >= maxDepth {
		return waits
	}
	ck.sums[fd] = waits
	var sum summary
	if bc, ok := flowtypes.CursorOf(at.Root(), fd.Body); ok {
		for _, s := range ck.steps(bc, depth+1) {
			if s.kind == use {
				continue
			}
			// Waits in a row say no more than one: keeping one keeps the
			// summaries, and every caller's copy of them, small.
			if s.kind == join && len(sum) > 0 && sum[len(sum)-1].kind == join {
				continue
			}
			sum = append(sum, s)
		}
	}
	ck.sums[fd] = sum
	return sum
}

// spawnStep records a go statement with the channels its goroutine uses.
func (ck *checker) spawnStep(cur syntax.Cursor, g *ast.GoStmt) step {
	s := step{kind: spawn, node: g, cur: cur, byRef: map[string]bool{}, byArg: map[string]bool{}}
	for _, arg := range g.Call.Args {
		ck.chanPaths(arg, s.byArg, false)
	}
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		ck.chanPaths(fun.Body, s.byRef, false)
	default:
		if fn := typeutil.StaticCallee(ck.pass.TypesInfo, g.Call); fn != nil {
			if fd := ck.decls[fn.Origin()]; fd != nil {
				// The callee's own locals are not the caller's storage.
				ck.chanPaths(fd.Body, s.byRef, true)
			}
		}
	}
	return s
}

// chanPaths adds the keys of the channel variables and fields under n.
func (ck *checker) chanPaths(n ast.Node, into map[string]bool, sharedOnly bool) {
	info := ck.pass.TypesInfo
	ast.Inspect(n, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok || !flowtypes.IsChan(info.TypeOf(e)) {
			return true
		}
		p, ok := lvalue.Of(info, e)
		if !ok {
			return true
		}
		if !sharedOnly || len(p.Fields) > 0 || p.IsPackageLevel() {
			into[p.Key()] = true
		}
		return false
	})
}

// checkRestart reports a go statement that follows a stop of the worker's
// cancel function or quit channel, with the stopped storage replaced in
// the same function and nothing waiting between: the old worker may still
// be running when the new one starts.
func (ck *checker) checkRestart(c *finding.Collector, steps []step, gi int) {
	g := steps[gi]
	if joinedLater(steps, gi) {
		return
	}
	for si := gi - 1; si >= 0; si-- {
		s := steps[si]
		if s.kind == join {
			return
		}
		if s.kind != stop || exclusive(s.cur, g.cur) || !replaced(steps, si) {
			continue
		}
		if restartsItself(steps, si, gi) {
			// A helper that stops and starts on its own (r.start() cancels the
			// previous reader, then spawns) is judged in its own body, once;
			// its callers, and what they start after it, are not restarts.
			return
		}
		c.Reportf(g.node, "%s starts a new worker after %s without waiting for the old one "+
			"to exit, so every restart can leave one more worker running; drain and join "+
			"the old worker (wait on its done channel or sync.WaitGroup) before starting "+
			"the new one", spawnName(g.node), s.name)
		return
	}
}

// restartsItself reports whether the stop at si was inherited from a call
// whose own steps go on to spawn before gi.
func restartsItself(steps []step, si, gi int) bool {
	call, ok := steps[si].node.(*ast.CallExpr)
	if !ok {
		return false
	}
	for k := si + 1; k <= gi; k++ {
		if steps[k].node == call && steps[k].kind == spawn {
			return true
		}
	}
	return false
}

// joinedLater reports whether the function waits after the go statement:
// a fan-out it joins itself, or a start it waits on, is not left running.
func joinedLater(steps []step, gi int) bool {
	for _, s := range steps[gi+1:] {
		if s.kind == join && !exclusive(steps[gi].cur, s.cur) {
			return true
		}
	}
	return false
}

// replaced reports whether the storage stopped at steps[si] is assigned a
// new value later in the function: the stop is part of a restart.
func replaced(steps []step, si int) bool {
	for _, s := range steps[si+1:] {
		if s.kind == assign && s.key == steps[si].key && !s.clear {
			return true
		}
	}
	return false
}

// checkRemake reports a channel re-made while an earlier goroutine of the
// same function uses the old one, or re-made right after being closed,
// with nothing joining in between.
func (ck *checker) checkRemake(c *finding.Collector, steps []step, ai int) bool {
	a := steps[ai]
	if g, ok := ck.strandedBy(steps, ai); ok {
		line := ck.pass.Fset.Position(g.node.Pos()).Line
		c.Reportf(a.node, "%s is re-made while the goroutine started on line %d may still "+
			"use the old channel and nothing joined it; each restart strands a worker and "+
			"what it held; drain and join the old worker (close, then wait on a done channel "+
			"or sync.WaitGroup) before re-making", a.name, line)
		return true
	}
	for si := ai - 1; si >= 0; si-- {
		s := steps[si]
		if s.kind == join {
			return false
		}
		if s.kind != stop || s.key != a.key || !s.data || !ck.receives[a.key] {
			continue
		}
		if exclusive(s.cur, a.cur) {
			continue
		}
		c.Reportf(a.node, "%s is closed and re-made without draining: readers still on the "+
			"old channel race with the new one and what it buffered is left behind; drain "+
			"and join the readers (let them range to the close, then wait) before re-making",
			a.name)
		return true
	}
	return false
}

// strandedBy finds the goroutine a remake strands: one started earlier in
// the function that uses the channel, with nothing joining in between; or
// one started later in an enclosing loop that reads the channel through a
// shared variable or field, so the next pass re-makes it under the worker.
func (ck *checker) strandedBy(steps []step, ai int) (step, bool) {
	a := steps[ai]
	for gi := ai - 1; gi >= 0; gi-- {
		g := steps[gi]
		if g.kind == join {
			break
		}
		if g.kind != spawn || exclusive(g.cur, a.cur) {
			continue
		}
		if g.byRef[a.key] || g.byArg[a.key] && !usedBetween(steps, gi, ai, a.key) {
			return g, true
		}
	}

	loop, ok := enclosingLoop(a.cur)
	if !ok || !a.sharedAcross(loop) {
		return step{}, false
	}
	var found step
	for _, s := range steps {
		if s.node == loop || !flowtypes.Within(s.node, loop) {
			continue // the receive that drives the loop waits for input, not for a worker
		}
		if s.kind == join {
			return step{}, false
		}
		if s.kind == spawn && s.node.Pos() > a.node.Pos() && s.byRef[a.key] {
			found, ok = s, true
		}
	}
	return found, found.node != nil
}

// sharedAcross reports whether an assignment writes the same storage on
// every pass of a loop: its variable is declared outside the loop, not a
// range variable or a local of the body that names a new object each pass.
func (s step) sharedAcross(loop ast.Node) bool {
	if s.root == nil {
		return false
	}
	decl := s.root.Pos()
	return decl < loop.Pos() || decl >= loop.End()
}

// usedBetween reports whether the channel is read between two steps: kept
// somewhere, so that the re-make does not lose the only handle on it.
func usedBetween(steps []step, from, to int, key string) bool {
	for _, s := range steps[from+1 : to] {
		if s.kind == use && s.key == key {
			return true
		}
	}
	return false
}

func enclosingLoop(cur syntax.Cursor) (ast.Node, bool) {
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil),
		(*ast.FuncDecl)(nil)) {
		switch n := enc.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return n, true
		}
		return nil, false
	}
	return nil, false
}

// exclusive reports whether two steps cannot both run on one path: they sit
// in different branches of an if or different clauses of a switch or
// select, or the first is in a block that returns before reaching the second.
func exclusive(first, second syntax.Cursor) bool {
	for enc := range first.Enclosing() {
		n := enc.Node()
		if flowtypes.Within(second.Node(), n) {
			switch n := n.(type) {
			case *ast.IfStmt:
				return inBranch(first.Node(), n) && inBranch(second.Node(), n)
			case *ast.BlockStmt:
				switch enc.Parent().Node().(type) {
				case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					return true // different clauses
				}
			}
			return false
		}
		if endsInExit(n) {
			return true
		}
	}
	return false
}

func inBranch(n ast.Node, ifs *ast.IfStmt) bool {
	return flowtypes.Within(n, ifs.Body) || ifs.Else != nil && flowtypes.Within(n, ifs.Else)
}

// endsInExit reports whether a statement list ends by leaving the function
// or the loop.
func endsInExit(n ast.Node) bool {
	var list []ast.Stmt
	switch n := n.(type) {
	case *ast.BlockStmt:
		list = n.List
	case *ast.CaseClause:
		list = n.Body
	case *ast.CommClause:
		list = n.Body
	}
	if len(list) == 0 {
		return false
	}
	switch last := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return last.Tok == token.BREAK || last.Tok == token.CONTINUE || last.Tok == token.GOTO
	}
	return false
}

// spawnName names a go statement, or the call of a helper that spawns.
func spawnName(n ast.Node) string {
	switch n := n.(type) {
	case *ast.GoStmt:
		if _, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
			return "go func() {...}()"
		}
		return fmt.Sprintf("go %s(...)", flowtypes.Render(n.Call.Fun))
	case *ast.CallExpr:
		return fmt.Sprintf("%s(...)", flowtypes.Render(n.Fun))
	}
	return "a go statement"
}

func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}
