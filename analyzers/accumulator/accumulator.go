package accumulator

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/lvalue"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

//go:embed doc.go
var doc string

const rule = "accumulator"

// Analyzer is the accumulator rule.
var Analyzer = &analysis.Analyzer{
	Name:       rule,
	Doc:        finding.Doc(doc, rule),
	URL:        finding.URL(rule),
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer, eventloop.Analyzer},
	Run:        run,
	ResultType: finding.ResultType,
}

// growth is an append to a slice, or an insert into a map, that may keep
// what one event brought after the event is done.
type growth struct {
	cur   syntax.Cursor // the assignment
	at    ast.Node      // the append call or the map assignment
	path  lvalue.Path
	expr  ast.Expr // the slice or map, for messages
	index ast.Expr // the key of a map insert
	isMap bool
}

// checker holds what the package does to each slice and map: where it
// grows, where something else is assigned to it (a reset, a trim, a
// swap), and whether its length is ever compared against a bound.
type checker struct {
	pass    *analysis.Pass
	events  *eventloop.Info
	growth  []growth
	resets  map[string][]syntax.Cursor
	bounded map[string]bool
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	c := finding.NewCollector(rule)
	if !cfg.Enabled(rule) {
		return c.Result(), nil
	}
	events := pass.ResultOf[eventloop.Analyzer].(*eventloop.Info)
	if len(events.Loops) == 0 && len(events.Handlers) == 0 {
		return c.Result(), nil // nothing runs per event
	}

	ch := &checker{
		pass:    pass,
		events:  events,
		resets:  map[string][]syntax.Cursor{},
		bounded: map[string]bool{},
	}
	ix := pass.ResultOf[syntax.Analyzer].(*syntax.Index)
	for fc := range ix.Root().Preorder((*ast.File)(nil)) {
		file := fc.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, file) || finding.IsGenerated(pass.Fset, file) {
			continue
		}
		ch.collect(fc)
	}

	for _, g := range ch.growth {
		ch.check(c, g)
	}
	return c.Result(), nil
}

// collect records the growth, resets and length bounds in one file. The
// resets and bounds of every file count, since any of them may be what
// keeps a field in check.
func (ch *checker) collect(file syntax.Cursor) {
	info := ch.pass.TypesInfo
	types := []ast.Node{(*ast.AssignStmt)(nil), (*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil)}
	for cur := range file.Preorder(types...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			ch.assign(cur, n)
		case *ast.CallExpr:
			ch.builtin(cur, n)
		case *ast.UnaryExpr:
			// Whoever holds the address may reset it.
			if p, ok := lvalue.Of(info, n.X); ok && n.Op == token.AND {
				ch.reset(p, cur)
			}
		}
	}
}

func (ch *checker) assign(cur syntax.Cursor, as *ast.AssignStmt) {
	if as.Tok == token.DEFINE {
		return // a new variable: nothing that outlives an event is written
	}
	info := ch.pass.TypesInfo
	for i, lhs := range as.Lhs {
		var rhs ast.Expr
		if len(as.Lhs) == len(as.Rhs) {
			rhs = as.Rhs[i]
		}
		if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
			if p, ok := lvalue.Of(info, ix.X); ok && as.Tok == token.ASSIGN && ch.isMapInsert(ix) {
				ch.growth = append(ch.growth, growth{cur: cur, at: as, path: p, expr: ix.X,
					index: ix.Index, isMap: true})
			}
			continue
		}
		p, ok := lvalue.Of(info, lhs)
		if !ok {
			continue
		}
		if call := ch.selfAppend(rhs, p); call != nil && as.Tok == token.ASSIGN {
			ch.growth = append(ch.growth, growth{cur: cur, at: call, path: p, expr: lhs})
			continue
		}
		ch.reset(p, cur)
	}
}

// selfAppend returns rhs when it is append(p, values...), growing p.
func (ch *checker) selfAppend(rhs ast.Expr, p lvalue.Path) *ast.CallExpr {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || !ch.isBuiltin(call, "append") || len(call.Args) < 2 {
		return nil
	}
	if q, ok := lvalue.Of(ch.pass.TypesInfo, call.Args[0]); ok && q.Key() == p.Key() {
		return call
	}
	return nil
}

// isMapInsert reports whether m[k] = v may add a key: the map's key set is
// not fixed by a constant key or a key type with few values.
func (ch *checker) isMapInsert(ix *ast.IndexExpr) bool {
	info := ch.pass.TypesInfo
	if _, ok := flowtypes.Under(info.TypeOf(ix.X)).(*types.Map); !ok {
		return false
	}
	if tv, ok := info.Types[ix.Index]; ok && tv.Value != nil {
		return false
	}
	return !fewValues(info.TypeOf(ix.Index))
}

// fewValues reports whether a key type cannot grow a map far: booleans,
// bytes, and enumerations (named types their package declares constants
// of).
func fewValues(t types.Type) bool {
	if t == nil {
		return true // no type information: stay quiet
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch b.Kind() {
		case types.Bool, types.Int8, types.Uint8:
			return true
		}
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	if _, ok := named.Underlying().(*types.Basic); !ok {
		return false
	}
	scope := named.Obj().Pkg().Scope()
	for _, name := range scope.Names() {
		if c, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(c.Type(), named) {
			return true
		}
	}
	return false
}

// builtin records clear and delete as resets, and len or cap compared
// against anything but zero as a bound.
func (ch *checker) builtin(cur syntax.Cursor, call *ast.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	p, ok := lvalue.Of(ch.pass.TypesInfo, call.Args[0])
	if !ok {
		return
	}
	switch {
	case ch.isBuiltin(call, "clear"), ch.isBuiltin(call, "delete"):
		ch.reset(p, cur)
	case ch.isBuiltin(call, "len"), ch.isBuiltin(call, "cap"):
		if ch.isBoundCheck(cur, call) {
			ch.bounded[p.Key()] = true
		}
	}
}

// isBoundCheck reports whether a len or cap call is compared with a
// bound. Comparing with zero asks whether there is anything to flush, not
// whether there is too much.
func (ch *checker) isBoundCheck(cur syntax.Cursor, call *ast.CallExpr) bool {
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	bin, ok := parent.Node().(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch bin.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
	default:
		return false
	}
	other := bin.Y
	if ast.Unparen(bin.Y) == call {
		other = bin.X
	}
	if tv, ok := ch.pass.TypesInfo.Types[other]; ok && tv.Value != nil {
		if v, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok && v <= 1 {
			return false
		}
	}
	return true
}

func (ch *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := ch.pass.TypesInfo.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

func (ch *checker) reset(p lvalue.Path, cur syntax.Cursor) {
	ch.resets[p.Key()] = append(ch.resets[p.Key()], cur)
}

// check reports g when it runs per event on storage that outlives the
// event, with no bound, no reset the event loop reaches, and no sign that
// the loop is a finite collection whose result is used once it ends.
func (ch *checker) check(c *finding.Collector, g growth) {
	place, ok := ch.events.At(g.at.Pos())
	if !ok || !outlives(g.path, place) {
		return
	}
	key := g.path.Key()
	if ch.bounded[key] || ch.resetReaches(g, place) {
		return
	}
	if !g.path.IsPackageLevel() && place.Loop != nil && ch.usedAfter(g, place) {
		return
	}
	if place.Loop != nil && lengthBounded(place.Loop.Stmt) {
		return
	}
	if g.isMap && ch.invariant(g.index, place.Node()) || ch.fillsOnce(g, place) {
		return
	}
	ch.report(c, g, place)
}

// lengthBounded reports whether a loop's own condition compares a length
// (for len(got) < limit { ... }): it runs a bounded number of times, so
// what it collects is bounded too.
func lengthBounded(loop ast.Stmt) bool {
	fs, ok := loop.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return false
	}
	found := false
	ast.Inspect(fs.Cond, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
				found = true
			}
		}
		return !found
	})
	return found
}

// invariant reports whether an expression has the same value for every
// event: no calls or receives, and only variables declared outside the
// place. A map insert with such a key adds one key, not one per event.
func (ch *checker) invariant(e ast.Expr, place ast.Node) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.Ident:
			if v, isVar := ch.pass.TypesInfo.Uses[n].(*types.Var); isVar && !v.IsField() {
				ok = ok && (v.Pos() < place.Pos() || v.Pos() >= place.End())
			}
		}
		return ok
	})
	return ok
}

// fillsOnce reports whether the growth sits behind a cache lookup: an
// earlier if in the place returns when a map already holds a key the place
// then inserts, and the key is the same for every event. Such a path runs
// once per key, however many events arrive.
func (ch *checker) fillsOnce(g growth, place eventloop.Place) bool {
	info := ch.pass.TypesInfo
	node := place.Node()

	// Locals that hold a lookup: u := m[k] or u, ok := m[k].
	lookups := map[types.Object]*ast.IndexExpr{}
	inserted := map[string]bool{}
	ast.Inspect(node, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for _, lhs := range as.Lhs {
			if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && ch.invariant(ix.Index, node) {
				if p, ok := lvalue.Of(info, ix.X); ok {
					inserted[p.Key()] = true
				}
			}
		}
		if len(as.Rhs) == 1 {
			if ix, ok := ast.Unparen(as.Rhs[0]).(*ast.IndexExpr); ok {
				for _, lhs := range as.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && info.ObjectOf(id) != nil {
						lookups[info.ObjectOf(id)] = ix
					}
				}
			}
		}
		return true
	})
	if len(inserted) == 0 {
		return false
	}

	// An if before the growth that returns on a hit.
	isHit := func(ix *ast.IndexExpr) bool {
		p, ok := lvalue.Of(info, ix.X)
		return ok && inserted[p.Key()] && ch.invariant(ix.Index, node)
	}
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if found || !ok || ifs.End() > g.at.Pos() || !endsInReturn(ifs.Body) {
			return !found
		}
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IndexExpr:
				found = found || isHit(n)
			case *ast.Ident:
				if ix, ok := lookups[info.Uses[n]]; ok {
					found = found || isHit(ix)
				}
			}
			return !found
		})
		return !found
	})
	return found
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// isLazyInit reports whether a reset is the first-use initialisation
// if x == nil { x = make(...) }, which never empties anything.
func (ch *checker) isLazyInit(r syntax.Cursor, key string) bool {
	for enc := range r.Enclosing((*ast.IfStmt)(nil)) {
		ifs := enc.Node().(*ast.IfStmt)
		bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || bin.Op != token.EQL || !flowtypes.Within(r.Node(), ifs.Body) {
			return false
		}
		p, ok := lvalue.Of(ch.pass.TypesInfo, bin.X)
		return ok && p.Key() == key && ch.pass.TypesInfo.Types[bin.Y].IsNil()
	}
	return false
}

func (ch *checker) report(c *finding.Collector, g growth, place eventloop.Place) {
	name := flowtypes.Render(g.expr)
	if g.isMap {
		c.Reportf(g.at, "%s gains a key per event %s and nothing deletes from it; "+
			"evict with an LRU or TTL, or check len(%s) against a limit before inserting",
			name, place.Why(), name)
		return
	}
	if to := ch.handedTo(g, place); to != "" {
		c.Reportf(g.at, "%s is handed to %s but never reset, so it grows by an append "+
			"per event %s; reset it after the flush (%s = %s[:0])",
			name, to, place.Why(), name, name)
		return
	}
	c.Reportf(g.at, "%s grows by an append per event %s and is never reset; "+
		"flush at a threshold (if len(%s) >= N) and reset after the flush, or keep a bounded ring",
		name, place.Why(), name)
}

// outlives reports whether the storage a path names survives one event:
// a package variable, a variable declared outside the loop body or
// captured by the handler, or a field of the handler's receiver.
func outlives(p lvalue.Path, place eventloop.Place) bool {
	if p.IsPackageLevel() {
		return true
	}
	decl := p.Root.Pos()
	if l := place.Loop; l != nil {
		return decl < l.Body.Pos() || decl >= l.Body.End()
	}
	h := place.Handler
	if decl < h.Func.Pos() || decl >= h.Func.End() {
		return true
	}
	// The receiver of ServeHTTP or a registered method lives as long as
	// the server. Helpers the handler calls may be handed a per-request
	// receiver, which the handler's place does not tell apart.
	fd, ok := h.Func.(*ast.FuncDecl)
	if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	if strings.HasPrefix(h.Why, "a function called") {
		return false
	}
	for _, name := range fd.Recv.List[0].Names {
		if name.Pos() == decl {
			return true
		}
	}
	return false
}

// resetReaches reports whether some reset of g's storage can run while
// the event loop or handler keeps growing it.
func (ch *checker) resetReaches(g growth, place eventloop.Place) bool {
	node := place.Node()
	for _, r := range ch.resets[g.path.Key()] {
		if ch.isLazyInit(r, g.path.Key()) {
			continue
		}
		if flowtypes.Within(r.Node(), node) || inClosureOrOuterLoop(r, node) {
			return true
		}
		if g.path.IsLocal() {
			continue // a local is reset only in its own function, seen above
		}
		fd := outermostFunc(r)
		if fd == nil || isSetupOrTeardown(fd.Name.Name) {
			continue
		}
		if fd == outermostFunc(g.cur) {
			continue // straight-line code before or after the loop runs once
		}
		return true // another method: a flusher, a rotation, a Reset
	}
	return false
}

// inClosureOrOuterLoop reports whether the reset at r sits in a function
// literal apart from the place (a flusher goroutine, a callback), or in a
// loop around the place, which starts the place over with fresh storage.
func inClosureOrOuterLoop(r syntax.Cursor, place ast.Node) bool {
	for enc := range r.Enclosing((*ast.FuncLit)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		n := enc.Node()
		if _, ok := n.(*ast.FuncLit); ok {
			if !flowtypes.Within(place, n) {
				return true
			}
			continue
		}
		if flowtypes.Within(place, n) {
			return true
		}
	}
	return false
}

// isSetupOrTeardown reports whether a function only prepares or tears down
// the storage: what it assigns is not a reset the running loop relies on.
func isSetupOrTeardown(name string) bool {
	for _, prefix := range []string{"New", "new", "Init", "init", "Start", "start"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	switch strings.ToLower(name) {
	case "close", "stop", "shutdown":
		return true
	}
	return false
}

// usedAfter reports whether storage the loop appends to is consumed once
// the loop is over: read after it, returned, or read in a block that
// returns. That is a finite collection (the results of a fan-out, the
// chunks of a ReadAll, a profile parsed into a local struct) rather than a
// long-running accumulator. Storage of a local (or a field of one) is
// traced through its variable; a field of a parameter or receiver through
// the field path itself, since the receiver is used for much else.
func (ch *checker) usedAfter(g growth, place eventloop.Place) bool {
	var fn syntax.Cursor
	for enc := range g.cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn = enc
	}
	if !fn.Valid() {
		return false
	}
	decl := fn.Node().(*ast.FuncDecl)
	if isNamedResult(ch.pass.TypesInfo, decl, g.path.Root) {
		return true // a bare return hands it back
	}
	body := decl.Body
	declPos := g.path.Root.Pos()
	byRoot := g.path.IsLocal() || declPos >= body.Pos() && declPos < body.End()
	reads := func(e ast.Expr) bool {
		if byRoot {
			id, ok := e.(*ast.Ident)
			return ok && ch.pass.TypesInfo.Uses[id] == g.path.Root
		}
		p, ok := lvalue.Of(ch.pass.TypesInfo, e)
		_, isSel := e.(*ast.SelectorExpr)
		return isSel && ok && p.Key() == g.path.Key()
	}

	loop := place.Node()
	for cur := range fn.Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil), (*ast.ReturnStmt)(nil)) {
		if ret, ok := cur.Node().(*ast.ReturnStmt); ok {
			if ch.mentions(ret, reads) {
				return true
			}
			continue
		}
		if !reads(cur.Node().(ast.Expr)) || isGrowthOperand(cur) {
			continue
		}
		if cur.Node().Pos() >= loop.End() || blockReturns(cur) {
			return true
		}
	}
	return false
}

// isNamedResult reports whether v is one of fd's named results.
func isNamedResult(info *types.Info, fd *ast.FuncDecl, v types.Object) bool {
	if fd.Type.Results == nil {
		return false
	}
	for _, f := range fd.Type.Results.List {
		for _, name := range f.Names {
			if info.Defs[name] == v {
				return true
			}
		}
	}
	return false
}

func (ch *checker) mentions(n ast.Node, reads func(ast.Expr) bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && reads(e) {
			found = true
		}
		return !found
	})
	return found
}

// isGrowthOperand reports whether an identifier is the target of an
// assignment or the slice an append extends: a write, not a read.
func isGrowthOperand(id syntax.Cursor) bool {
	switch p := id.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if lhs == id.Node() {
				return true
			}
		}
	case *ast.CallExpr:
		return len(p.Args) > 0 && p.Args[0] == id.Node()
	}
	return false
}

// blockReturns reports whether the innermost block around cur ends in a
// return: the loop is on its way out when it reads there.
func blockReturns(cur syntax.Cursor) bool {
	for enc := range cur.Enclosing((*ast.BlockStmt)(nil)) {
		list := enc.Node().(*ast.BlockStmt).List
		if len(list) == 0 {
			return false
		}
		_, ok := list[len(list)-1].(*ast.ReturnStmt)
		return ok
	}
	return false
}

// handedTo names the call or channel the loop passes the slice to, when
// it does: a flush that forgets the reset.
func (ch *checker) handedTo(g growth, place eventloop.Place) string {
	key := g.path.Key()
	matches := func(e ast.Expr) bool {
		p, ok := lvalue.Of(ch.pass.TypesInfo, e)
		return ok && p.Key() == key
	}
	var to string
	ast.Inspect(place.Node(), func(n ast.Node) bool {
		if to != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.SendStmt:
			if matches(n.Value) {
				to = "a send on " + flowtypes.Render(n.Chan)
			}
		case *ast.CallExpr:
			if _, ok := ch.pass.TypesInfo.Uses[flowtypes.CalleeIdent(n)].(*types.Builtin); ok {
				return true
			}
			for _, arg := range n.Args {
				if matches(arg) {
					to = flowtypes.Render(n.Fun)
				}
			}
		}
		return true
	})
	return to
}

func outermostFunc(cur syntax.Cursor) *ast.FuncDecl {
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return enc.Node().(*ast.FuncDecl)
	}
	return nil
}

// outermostBody is the body of the declared function around cur, where
// every use of a local it appends to lies.
func outermostBody(cur syntax.Cursor) *ast.BlockStmt {
	if fd := outermostFunc(cur); fd != nil {
		return fd.Body
	}
	return nil
}
