package spawn

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
)

// bounded reports whether something limits how many goroutines the start
// at cur can have running at once: a limit on its group, a guard that lets
// it happen once, a bound acquired before it or a join after it in the same
// iteration, or a listener wrapped to cap connections.
func (s *scanner) bounded(cur syntax.Cursor, st *Start, place eventloop.Place) bool {
	body := placeBody(place)
	if st.Kind == GroupGo && s.groupLimited(st.Start.(*ast.CallExpr)) {
		return true
	}
	if startedOnce(s, cur, body) || s.iterationBound(cur, body, st) {
		return true
	}
	if place.Handler != nil && s.scopedToHandler(cur, st, body) {
		return true
	}
	if st.Kind == AfterFunc && s.timerPerKey(cur) {
		return true
	}
	return place.Loop != nil && place.Loop.Kind == eventloop.SourceCall && s.listenerLimited(cur)
}

func placeBody(p eventloop.Place) *ast.BlockStmt {
	if p.Loop != nil {
		return p.Loop.Body
	}
	return p.Handler.Body
}

// groupLimited reports whether SetLimit is called anywhere in the package
// on the errgroup that call's Go runs on. A sync.WaitGroup has no limit.
func (s *scanner) groupLimited(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s.limited == nil {
		s.limited = map[types.Object]bool{}
		for cur := range s.ix.Root().Preorder((*ast.CallExpr)(nil)) {
			c := cur.Node().(*ast.CallExpr)
			fn, ok := typeutil.Callee(s.pass.TypesInfo, c).(*types.Func)
			if !ok || !isFunc(fn, "golang.org/x/sync/errgroup", "Group", "SetLimit") {
				continue
			}
			if recv, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
				if obj := s.objectOf(recv.X); obj != nil {
					s.limited[obj] = true
				}
			}
		}
		s.spreadLimits()
	}
	obj := s.objectOf(sel.X)
	return obj != nil && s.limited[obj]
}

// spreadLimits follows a limited group to where it is kept or handed on:
// a field it is stored in (g := new(errgroup.Group); g.SetLimit(8);
// return &Fanout{g: g}) and the parameter of a same-package function it is
// passed to. Two rounds cover a constructor that hands it on once more.
func (s *scanner) spreadLimits() {
	info := s.pass.TypesInfo
	limited := func(e ast.Expr) bool {
		obj := s.objectOf(e)
		return obj != nil && s.limited[obj]
	}
	for range 2 {
		for cur := range s.ix.Root().Preorder((*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil),
			(*ast.CallExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, rhs := range n.Rhs {
						if obj := s.objectOf(n.Lhs[i]); obj != nil && limited(rhs) {
							s.limited[obj] = true
						}
					}
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok && limited(n.Value) {
					if field, ok := info.Uses[key].(*types.Var); ok && field.IsField() {
						s.limited[field] = true
					}
				}
			case *ast.CallExpr:
				decl := s.decls.Of(ast.Unparen(n.Fun))
				if decl == nil {
					continue
				}
				params := paramObjects(info, decl)
				for i, arg := range n.Args {
					if i < len(params) && params[i] != nil && limited(arg) {
						s.limited[params[i]] = true
					}
				}
			}
		}
	}
}

// paramObjects lists a declaration's parameters in order, nil for the
// unnamed ones.
func paramObjects(info *types.Info, fd *ast.FuncDecl) []types.Object {
	var params []types.Object
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			params = append(params, nil)
		}
		for _, name := range f.Names {
			params = append(params, info.Defs[name])
		}
	}
	return params
}

// objectOf is the variable or field an expression such as g or s.group
// names, or nil.
func (s *scanner) objectOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return s.pass.TypesInfo.ObjectOf(e)
	case *ast.SelectorExpr:
		return s.pass.TypesInfo.ObjectOf(e.Sel)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return s.objectOf(e.X)
		}
	}
	return nil
}

// iterationBound walks out from cur to stop, the per-event body, and looks
// at the statements around each step: a bound acquired before the start,
// or a join of the started goroutines after it, keeps the number running
// from growing with load.
//
// Each go statement looks at every statement beside it, so a block of n go
// statements costs n²: 4000 in one loop body take about 6 s (the floor:
// under 1 s). Collecting a block's acquires and joins once would make it
// linear; no real code seen so far has needed it.
func (s *scanner) iterationBound(cur syntax.Cursor, stop ast.Node, st *Start) bool {
	body := s.startedBody(st, nil, nil)
	released := chanTexts(body, recvChans)
	joined := chanTexts(body, sendChans)
	for k := range chanTexts(body, closedChans) {
		joined[k] = true
	}
	for c := cur; c.Valid() && c.Node() != stop; c = c.Parent() {
		if !syntax.InStmtList(c) {
			continue
		}
		for prev, ok := c.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
			if s.acquires(prev.Node(), released) {
				return true
			}
		}
		for next, ok := c.NextSibling(); ok; next, ok = next.NextSibling() {
			if s.joins(next.Node(), joined) {
				return true
			}
		}
	}
	return false
}

// within reports whether cur lies in child, a child node of c.
func within(c syntax.Cursor, child ast.Node, cur syntax.Cursor) bool {
	cc, ok := c.Child(child)
	return ok && cc.Contains(cur)
}

// acquires reports whether n takes a slot of a bound: a send on a
// semaphore channel (of zero-size elements, or one the goroutine receives
// from to give the slot back) or a configured bound primitive.
func (s *scanner) acquires(n ast.Node, released map[string]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			if c, ok := flowtypes.Under(s.pass.TypesInfo.TypeOf(n.Chan)).(*types.Chan); ok &&
				flowtypes.IsZeroSize(c.Elem()) {
				found = true
			}
			if released[types.ExprString(n.Chan)] {
				found = true
			}
		case *ast.CallExpr:
			if s.isBoundPrimitive(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isBoundPrimitive reports whether call is one of cfg.BoundPrimitives,
// written "importpath.Func" or "importpath.Type.Method".
func (s *scanner) isBoundPrimitive(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	name := fn.Pkg().Path() + "." + fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		named := flowtypes.NamedOf(sig.Recv().Type())
		if named == nil {
			return false
		}
		name = fn.Pkg().Path() + "." + named.Obj().Name() + "." + fn.Name()
	}
	return slices.Contains(s.cfg.BoundPrimitives, name)
}

// joins reports whether n waits for the started goroutines: a Wait method
// (sync.WaitGroup, errgroup.Group and their kin), or a receive from a
// channel the goroutine sends on or closes.
func (s *scanner) joins(n ast.Node, joined map[string]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				found = s.pass.TypesInfo.Selections[sel] != nil
			}
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW && joined[types.ExprString(n.X)]
		case *ast.RangeStmt:
			found = joined[types.ExprString(n.X)]
		}
		return !found
	})
	return found
}

type chanPicker func(n ast.Node) ast.Expr

func sendChans(n ast.Node) ast.Expr {
	if send, ok := n.(*ast.SendStmt); ok {
		return send.Chan
	}
	return nil
}

func recvChans(n ast.Node) ast.Expr {
	if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

func closedChans(n ast.Node) ast.Expr {
	if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "close" {
			return call.Args[0]
		}
	}
	return nil
}

// chanTexts renders the channels pick finds anywhere in body.
func chanTexts(body *ast.BlockStmt, pick chanPicker) map[string]bool {
	texts := map[string]bool{}
	if body == nil {
		return texts
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if ch := pick(n); ch != nil {
			texts[types.ExprString(ch)] = true
		}
		return true
	})
	return texts
}

// listenerLimited reports whether the function holding an Accept loop
// calls a bound primitive that is a plain function, such as
// netutil.LimitListener: the listener it accepts from caps connections.
func (s *scanner) listenerLimited(cur syntax.Cursor) bool {
	var decl ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = c.Node()
	}
	if decl == nil {
		return false
	}
	found := false
	ast.Inspect(decl, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && s.isBoundPrimitive(call) {
			fn := typeutil.StaticCallee(s.pass.TypesInfo, call)
			found = fn != nil && fn.Type().(*types.Signature).Recv() == nil
		}
		return !found
	})
	return found
}

// startedOnce reports whether a guard lets the start at cur happen at most
// once however many events arrive: sync.Once.Do, an if whose body sets
// what its condition tests (if !running { running = true; go run() }), an
// earlier "if started { return }" whose flag is then set, or a
// CompareAndSwap.
func startedOnce(s *scanner, cur syntax.Cursor, stop ast.Node) bool {
	for c := cur; c.Valid() && c.Node() != stop; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			if call, ok := c.Parent().Node().(*ast.CallExpr); ok {
				fn, ok := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
				if ok && isFunc(fn, "sync", "Once", "Do") {
					return true
				}
			}
		case *ast.IfStmt:
			if within(c, n.Body, cur) && s.guards(n.Cond, n.Body.List) {
				return true
			}
			// if c.timer != nil { c.timer.Reset(d) } else { c.timer = time.AfterFunc(...) }
			if els, ok := n.Else.(*ast.BlockStmt); ok && within(c, els, cur) &&
				s.guards(n.Cond, els.List) {
				return true
			}
		}
		if syntax.InStmtList(c) && s.earlyReturnGuard(c) {
			return true
		}
	}
	return false
}

// earlyReturnGuard reports whether a statement before c returns on a
// condition whose terms a later statement before c assigns.
func (s *scanner) earlyReturnGuard(c syntax.Cursor) bool {
	var before []ast.Stmt
	for prev, ok := c.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
		if stmt, ok := prev.Node().(ast.Stmt); ok {
			before = append(before, stmt)
		}
	}
	slices.Reverse(before)
	for i, stmt := range before {
		ifs, ok := stmt.(*ast.IfStmt)
		if !ok || len(ifs.Body.List) == 0 {
			continue
		}
		if _, ret := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); ret &&
			s.guards(ifs.Cond, before[i+1:]) {
			return true
		}
	}
	return false
}

// guards reports whether cond is a CompareAndSwap, or stmts change
// something cond tests: assign or step it, directly or in a same-package
// function they call (if r.version == 0 { r.start() } where start bumps
// r.version). Fields match by name, since the callee's receiver may be
// spelled differently.
func (s *scanner) guards(cond ast.Expr, stmts []ast.Stmt) bool {
	terms := map[string]bool{}
	fields := map[string]bool{}
	cas := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			terms[n.Name] = true
			cas = cas || isCAS(n.Name)
		case *ast.SelectorExpr:
			terms[types.ExprString(n)] = true
			fields[n.Sel.Name] = true
			cas = cas || isCAS(n.Sel.Name)
		}
		return true
	})
	if cas {
		return true
	}
	changes := func(e ast.Expr, inCallee bool) bool {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok && inCallee {
			return fields[sel.Sel.Name]
		}
		return terms[types.ExprString(e)]
	}
	var visit func(stmts []ast.Stmt, inCallee bool, depth int) bool
	visit = func(stmts []ast.Stmt, inCallee bool, depth int) bool {
		found := false
		for _, stmt := range stmts {
			ast.Inspect(stmt, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						found = found || changes(lhs, inCallee)
					}
				case *ast.IncDecStmt:
					found = found || changes(n.X, inCallee)
				case *ast.CallExpr:
					if decl := s.decls.Of(ast.Unparen(n.Fun)); decl != nil && depth == 0 {
						found = found || visit(decl.Body.List, true, depth+1)
					}
				}
				return !found
			})
			if found {
				return true
			}
		}
		return false
	}
	return visit(stmts, false, 0)
}

func isCAS(name string) bool { return strings.HasPrefix(name, "CompareAndSwap") }

// scopedToHandler reports whether a goroutine started in a handler ends
// when the handler returns: it waits on a channel the handler closes in a
// defer, or on a Done channel when the handler defers a context cancel;
// a timer from time.AfterFunc is kept and the handler defers a stop. One
// such goroutine per request in flight is the request's own cost, not a
// backlog.
func (s *scanner) scopedToHandler(cur syntax.Cursor, st *Start, body *ast.BlockStmt) bool {
	if fn := enclosingFunc(cur); fn == nil || funcBody(fn) != body {
		return false // a closure or nested function may outlive the handler
	}
	closed, cancels, stops := s.deferredReleases(body)

	if st.Kind == AfterFunc {
		_, kept := cur.Parent().Node().(*ast.AssignStmt)
		return kept && stops
	}

	started := s.startedBody(st, nil, nil)
	if started == nil || hasLoop(started) {
		return false
	}
	requestCtx := s.requestContexts(body)
	for ch := range chanTexts(started, recvChans) {
		if closed[ch] || cancels && strings.HasSuffix(ch, ".Done()") {
			return true
		}
		// net/http cancels the request's context when the handler returns.
		if ctx, ok := strings.CutSuffix(ch, ".Done()"); ok && requestCtx[ctx] {
			return true
		}
	}
	return false
}

// timerPerKey reports whether an AfterFunc timer is kept in a map and the
// map's previous timer is stopped in the same function: a debouncer, whose
// live timers are bounded by its keys, not by its events.
func (s *scanner) timerPerKey(cur syntax.Cursor) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 {
		return false
	}
	ix, ok := ast.Unparen(as.Lhs[0]).(*ast.IndexExpr)
	if !ok {
		return false
	}
	if _, isMap := flowtypes.Under(s.pass.TypesInfo.TypeOf(ix.X)).(*types.Map); !isMap {
		return false
	}
	fn := enclosingFunc(cur)
	if fn == nil {
		return false
	}
	mapText := types.ExprString(ix.X)
	fromMap := func(e ast.Expr) bool {
		x, ok := ast.Unparen(e).(*ast.IndexExpr)
		return ok && types.ExprString(x.X) == mapText
	}
	held := map[string]bool{} // t in t, ok := timers[key]
	stopped := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && fromMap(n.Rhs[0]) {
				held[types.ExprString(n.Lhs[0])] = true
			}
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if ok && sel.Sel.Name == "Stop" && (fromMap(sel.X) || held[types.ExprString(sel.X)]) {
				stopped = true
			}
		}
		return !stopped
	})
	return stopped
}

// requestContexts names the expressions in a handler that are the
// request's context: r.Context() for a *http.Request r, and locals
// assigned from it.
func (s *scanner) requestContexts(body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	isRequestContext := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Context" &&
			flowtypes.IsPointerTo(s.pass.TypesInfo.TypeOf(sel.X), "net/http", "Request")
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isRequestContext(n) {
				names[types.ExprString(n)] = true
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 && isRequestContext(n.Rhs[0]) {
				names[types.ExprString(n.Lhs[0])] = true
			}
		}
		return true
	})
	return names
}

// deferredReleases lists what a function releases in its defers: the
// channels it closes, whether it cancels a context, whether it stops
// something (a timer or a writer wrapping one).
func (s *scanner) deferredReleases(body *ast.BlockStmt) (
	closed map[string]bool, cancels, stops bool) {

	closed = map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if ch := closedChans(n.Call); ch != nil {
				closed[types.ExprString(ch)] = true
			}
			if flowtypes.TypeIs(s.pass.TypesInfo.TypeOf(n.Call.Fun), "context", "CancelFunc") {
				cancels = true
			}
			if sel, ok := ast.Unparen(n.Call.Fun).(*ast.SelectorExpr); ok &&
				strings.EqualFold(sel.Sel.Name, "stop") {
				stops = true
			}
		}
		return true
	})
	return closed, cancels, stops
}

// hasLoop reports whether body loops (outside closures): a goroutine that
// loops may keep going after what it waited on is released.
func hasLoop(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			found = true
		}
		return !found
	})
	return found
}

func enclosingFunc(cur syntax.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

func funcBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}
