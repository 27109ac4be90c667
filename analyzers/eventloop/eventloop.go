// Package eventloop finds where a package does work once per event: event
// loops (driven by channel receives or Accept/Read/Recv-style calls) and
// per-event handlers (HTTP handlers, gRPC methods, registered callbacks and
// the same-package functions they call). Cost placed there grows with load,
// which is what the pressure-chain rules look for.
package eventloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

// Analyzer computes the package's per-event places once for every rule.
var Analyzer = &analysis.Analyzer{
	Name:       "eventloop",
	Doc:        "find event loops and per-event handlers",
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/rules/README.md#event-loops",
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

// Kind says what drives a loop.
type Kind int

const (
	// RangeChannel is a range over a channel.
	RangeChannel Kind = iota + 1
	// Receive is a for loop that receives from a channel, directly or in a select.
	Receive
	// SourceCall is a for loop around an Accept/Read/Recv-style call.
	SourceCall
)

// Loop is an event loop.
type Loop struct {
	Stmt ast.Stmt       // the *ast.ForStmt or *ast.RangeStmt
	Body *ast.BlockStmt // its body
	Kind Kind
	Why  string // what drives it, for messages: "receives from jobs"

	// quiet are select clauses of the loop that run on a tick or on
	// shutdown rather than per event; work there does not grow with load.
	quiet []*ast.CommClause
}

// Handler is a function a framework calls once per request or message, or
// a same-package function such a handler calls.
type Handler struct {
	Func ast.Node // *ast.FuncDecl or *ast.FuncLit
	Body *ast.BlockStmt
	Why  string // "HTTP handler", "registered with Subscribe", ...
}

// Place is where a position sits: innermost per-event context first.
type Place struct {
	Loop    *Loop    // set when the innermost context is an event loop
	Handler *Handler // set when it is a handler
}

// Why describes the place for a message: "in the event loop that receives
// from jobs" or "in an HTTP handler".
func (p Place) Why() string {
	if p.Loop != nil {
		return "in an event loop that " + p.Loop.Why
	}
	return "in " + p.Handler.Why
}

// Node is the loop statement or the handler function.
func (p Place) Node() ast.Node {
	if p.Loop != nil {
		return p.Loop.Stmt
	}
	return p.Handler.Func
}

// Info is the analyzer's result.
type Info struct {
	Loops    []*Loop
	Handlers []*Handler
}

// Contains reports whether pos is in the per-event part of the loop.
func (l *Loop) Contains(pos token.Pos) bool {
	if pos < l.Body.Pos() || pos >= l.Body.End() {
		return false
	}
	for _, c := range l.quiet {
		if pos >= c.Pos() && pos < c.End() {
			return false
		}
	}
	return true
}

// At returns the innermost per-event context around pos. Function literals
// inside a loop count as part of it: a closure built per event runs per
// event wherever it is called.
func (in *Info) At(pos token.Pos) (Place, bool) {
	var best Place
	var bestStart token.Pos = token.NoPos
	for _, l := range in.Loops {
		if l.Contains(pos) && l.Body.Pos() > bestStart {
			best, bestStart = Place{Loop: l}, l.Body.Pos()
		}
	}
	for _, h := range in.Handlers {
		if pos >= h.Body.Pos() && pos < h.Body.End() && h.Body.Pos() > bestStart {
			best, bestStart = Place{Handler: h}, h.Body.Pos()
		}
	}
	return best, bestStart != token.NoPos
}

// LoopAt returns the innermost event loop whose per-event part holds pos.
func (in *Info) LoopAt(pos token.Pos) (*Loop, bool) {
	var best *Loop
	for _, l := range in.Loops {
		if l.Contains(pos) && (best == nil || l.Body.Pos() > best.Body.Pos()) {
			best = l
		}
	}
	return best, best != nil
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	ix := pass.ResultOf[syntax.Analyzer].(*syntax.Index)
	f := &finder{pass: pass, cfg: cfg, info: &Info{}, handlerOf: map[ast.Node]bool{},
		decls: flowtypes.NewDecls(pass.Pkg, pass.TypesInfo, pass.Files)}

	for cur := range ix.Root().Preorder((*ast.File)(nil)) {
		file := cur.Node().(*ast.File)
		if finding.IsTestFile(pass.Fset, file) {
			continue
		}
		f.file(cur)
	}
	f.closeHandlers()
	return f.info, nil
}

type finder struct {
	pass      *analysis.Pass
	cfg       *config.Config
	info      *Info
	handlerOf map[ast.Node]bool
	decls     *flowtypes.Decls
}

func (f *finder) file(file syntax.Cursor) {
	for cur := range file.Preorder((*ast.RangeStmt)(nil), (*ast.ForStmt)(nil), (*ast.FuncDecl)(nil),
		(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.RangeStmt:
			if flowtypes.IsChan(f.pass.TypesInfo.TypeOf(n.X)) {
				f.info.Loops = append(f.info.Loops, &Loop{Stmt: n, Body: n.Body, Kind: RangeChannel,
					Why: "ranges over " + flowtypes.Render(n.X)})
			}
		case *ast.ForStmt:
			if l := f.forLoop(n); l != nil {
				f.info.Loops = append(f.info.Loops, l)
			}
		case *ast.FuncDecl:
			if n.Body != nil {
				if why := f.handlerShape(n.Recv, n.Type, n); why != "" {
					f.addHandler(n, n.Body, why)
				}
			}
		case *ast.FuncLit:
			if why := f.handlerShape(nil, n.Type, nil); why != "" {
				f.addHandler(n, n.Body, why)
			}
		case *ast.CallExpr:
			f.registration(n)
		}
	}
}

func (f *finder) addHandler(fn ast.Node, body *ast.BlockStmt, why string) {
	if f.handlerOf[fn] || body == nil {
		return
	}
	f.handlerOf[fn] = true
	f.info.Handlers = append(f.info.Handlers, &Handler{Func: fn, Body: body, Why: why})
}

// forLoop classifies a for statement by what its own body (not nested
// loops or closures) waits on. A counted loop is never an event loop: it
// runs a fixed number of times, however much input arrives.
func (f *finder) forLoop(loop *ast.ForStmt) *Loop {
	if isCounted(loop) {
		return nil
	}
	var recvFrom, source string
	var quiet []*ast.CommClause
	dataClauses := 0
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.SelectStmt:
			for _, s := range n.Body.List {
				cc := s.(*ast.CommClause)
				ch := flowtypes.RecvOperand(cc.Comm)
				switch {
				case ch == nil:
					continue // a send or default clause
				case f.isQuietChan(ch):
					quiet = append(quiet, cc)
				default:
					dataClauses++
					if recvFrom == "" {
						recvFrom = flowtypes.Render(ch)
					}
				}
			}
			// The clause bodies may hold nested receives or calls.
			return true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && recvFrom == "" && !f.isQuietChan(n.X) {
				recvFrom = flowtypes.Render(n.X)
			}
		case *ast.CallExpr:
			if source == "" {
				source = f.sourceCall(n)
			}
		}
		return true
	})
	switch {
	case recvFrom != "":
		return &Loop{Stmt: loop, Body: loop.Body, Kind: Receive, Why: "receives from " + recvFrom, quiet: quiet}
	case source != "":
		return &Loop{Stmt: loop, Body: loop.Body, Kind: SourceCall, Why: "calls " + source, quiet: quiet}
	}
	return nil
}

// isCounted reports whether a for loop has the shape "for i := a; i < n;
// i++", a counter stepped toward a bound.
func isCounted(loop *ast.ForStmt) bool {
	if loop.Init == nil || loop.Cond == nil || loop.Post == nil {
		return false
	}
	cond, ok := ast.Unparen(loop.Cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return false
	}
	switch post := loop.Post.(type) {
	case *ast.IncDecStmt:
		return true
	case *ast.AssignStmt:
		return post.Tok == token.ADD_ASSIGN || post.Tok == token.SUB_ASSIGN
	}
	return false
}

// isQuietChan reports whether receiving from ch waits for time or shutdown
// rather than for an event: ctx.Done(), timer and ticker channels,
// time.After, and channels of zero-size elements (signals).
func (f *finder) isQuietChan(ch ast.Expr) bool {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok {
		if fn := typeutil.StaticCallee(f.pass.TypesInfo, call); fn != nil {
			name := fn.Name()
			if fn.Pkg() != nil && fn.Pkg().Path() == "time" && (name == "After" || name == "Tick") {
				return true
			}
			if name == "Done" {
				return true
			}
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
			return true // an interface's Done, such as context.Context's
		}
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		if t := f.pass.TypesInfo.TypeOf(sel.X); t != nil {
			s := types.TypeString(t, nil)
			if strings.HasSuffix(s, "time.Ticker") || strings.HasSuffix(s, "time.Timer") {
				return true
			}
		}
	}
	t := f.pass.TypesInfo.TypeOf(ch)
	if c, ok := flowtypes.Under(t).(*types.Chan); ok {
		// Signals, and channels of time.Time wherever they were stored
		// (ticker := time.Tick(d)), fire on their own schedule.
		return flowtypes.IsZeroSize(c.Elem()) || flowtypes.TypeIs(c.Elem(), "time", "Time")
	}
	return false
}

// notStreams are standard packages whose Read/Next/Scan-style methods walk
// memory or files, not a stream of outside events.
var notStreams = []string{
	"bytes", "strings", "database/sql", "go/", "text/", "encoding/", "compress/", "archive/",
	"image", "hash", "crypto", "math/", "regexp", "os", "io/fs", "embed", "debug/", "html/",
	"mime/", "index/", "internal/", "sort", "container/", "reflect", "unicode", "path",
}

// sourceCall reports the call as "conn.Read" when it is an event source.
func (f *finder) sourceCall(call *ast.CallExpr) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !slices.Contains(f.cfg.EventSources, sel.Sel.Name) {
		return ""
	}
	fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return ""
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return "" // a package function, such as io.ReadFull's kin
	}
	if isIndexWalk(sig) {
		return ""
	}
	if pkg := fn.Pkg(); pkg != nil && isNotStream(pkg.Path()) {
		return ""
	}
	if named := flowtypes.NamedOf(sig.Recv().Type()); named != nil && named.Obj().Pkg() != nil && isNotStream(named.Obj().Pkg().Path()) {
		return ""
	}
	return flowtypes.Render(sel)
}

// isIndexWalk reports whether a method returns a single integer, as a
// bit set's Next(i) does: it walks positions in memory, and a stream
// method always says more (a message, a count and an error, a bool).
func isIndexWalk(sig *types.Signature) bool {
	if sig.Results().Len() != 1 {
		return false
	}
	b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func isNotStream(path string) bool {
	for _, p := range notStreams {
		if strings.HasSuffix(p, "/") && strings.HasPrefix(path, p) ||
			path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// handlerShape names the handler kind of a function's signature, or "".
func (f *finder) handlerShape(recv *ast.FieldList, ft *ast.FuncType, decl *ast.FuncDecl) string {
	var sig *types.Signature
	if decl != nil {
		if fn, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
			sig = fn.Type().(*types.Signature)
		}
	} else if t, ok := f.pass.TypesInfo.TypeOf(ft).(*types.Signature); ok {
		sig = t
	}
	if sig == nil {
		return ""
	}
	if isHTTPHandlerSig(sig) {
		return "an HTTP handler"
	}
	if decl != nil && recv != nil && isGRPCMethod(sig) {
		return "a gRPC method"
	}
	return ""
}

func isHTTPHandlerSig(sig *types.Signature) bool {
	p := sig.Params()
	if p.Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	return flowtypes.TypeIs(p.At(0).Type(), "net/http", "ResponseWriter") && flowtypes.IsPointerTo(p.At(1).Type(), "net/http", "Request")
}

// isGRPCMethod recognises a unary gRPC server method: its receiver embeds
// the generated Unimplemented...Server, and it maps (ctx, *Req) to (*Resp, error).
func isGRPCMethod(sig *types.Signature) bool {
	p, r := sig.Params(), sig.Results()
	if p.Len() != 2 || r.Len() != 2 || !flowtypes.TypeIs(p.At(0).Type(), "context", "Context") {
		return false
	}
	named := flowtypes.NamedOf(sig.Recv().Type())
	if named == nil {
		return false
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		fld := st.Field(i)
		if fld.Embedded() && strings.HasPrefix(fld.Name(), "Unimplemented") && strings.HasSuffix(fld.Name(), "Server") {
			return true
		}
	}
	return false
}

// registration marks the function arguments of HandleFunc-style calls.
func (f *finder) registration(call *ast.CallExpr) {
	id := flowtypes.CalleeIdent(call)
	if id == nil {
		return
	}
	name := id.Name
	if !slices.Contains(f.cfg.HandlerRegistrations, name) {
		return
	}
	why := "a callback registered with " + name
	for _, arg := range call.Args {
		switch a := ast.Unparen(arg).(type) {
		case *ast.FuncLit:
			f.addHandler(a, a.Body, why)
		case *ast.Ident, *ast.SelectorExpr:
			if decl := f.decls.Of(a); decl != nil {
				f.addHandler(decl, decl.Body, why)
			}
		}
	}
}

// closeHandlers adds the same-package functions that handlers call, and
// those they call in turn: their work also happens once per event.
func (f *finder) closeHandlers() {
	for i := 0; i < len(f.info.Handlers); i++ {
		h := f.info.Handlers[i]
		ast.Inspect(h.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if decl := f.decls.Of(ast.Unparen(call.Fun)); decl != nil {
				f.addHandler(decl, decl.Body, "a function called from "+h.Why)
			}
			return true
		})
	}
}
