// Package spawn finds the goroutine starts that run once per event with no
// bound, and says what each started goroutine does. spawnloop, unbounded and
// firelog share it so that one start gets one finding: the rule that owns
// the goroutine's job (work, a parked send, a log write) reports it.
package spawn

import (
	"cmp"
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/config"
)

// Analyzer computes the package's unbounded per-event starts once for the
// rules that report them.
var Analyzer = &analysis.Analyzer{
	Name:       "spawn",
	Doc:        "find goroutines started once per event with no bound",
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/rules/spawnloop.md",
	Requires:   []*analysis.Analyzer{syntax.Analyzer, config.Analyzer, eventloop.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

// Kind says how a goroutine is started.
type Kind int

const (
	// GoStmt is a go statement.
	GoStmt Kind = iota + 1
	// GroupGo is Go on an errgroup.Group or a sync.WaitGroup.
	GroupGo
	// AfterFunc is time.AfterFunc, which runs its function on a goroutine
	// of its own when the timer fires.
	AfterFunc
)

// Job says what a started goroutine does, which decides the rule that
// owns it.
type Job int

const (
	// Work is anything but the two jobs below: spawnloop's.
	Work Job = iota
	// Send is a goroutine that only sends on channels: it parks holding
	// its value until a receiver comes, an unbounded queue (unbounded's).
	Send
	// Log is a goroutine that only logs, records metrics or traces, or
	// feeds a log channel (firelog's).
	Log
)

// Start is a goroutine start that runs once per event with nothing
// bounding how many run at once.
type Start struct {
	// Report is where the finding goes: the start itself, or the call of
	// the same-package helper that holds it.
	Report ast.Node
	// Start is the go statement, or the Go or AfterFunc call.
	Start ast.Node
	Kind  Kind
	Job   Job
	Place eventloop.Place
	// Via is the helper the start sits in, when an event loop reaches it
	// through a call; nil for a start written in the per-event code.
	Via *ast.FuncDecl
	// Call is the started call (go f(x)) or the function value handed to
	// Go or AfterFunc.
	Call ast.Expr
	// Chans are the channels a Send or Log goroutine sends on.
	Chans []ast.Expr
}

// Text quotes the start briefly for a message: "go s.handle(conn)".
func (s *Start) Text() string {
	var text string
	switch s.Kind {
	case GoStmt:
		text = "go " + render(s.Call)
	case GroupGo:
		text = render(s.Start.(*ast.CallExpr).Fun) + "(...)"
	case AfterFunc:
		text = "time.AfterFunc(...)"
	}
	if s.Via != nil {
		if call, ok := s.Report.(*ast.CallExpr); ok {
			text = render(call.Fun) + "(...) (" + text + " in " + s.Via.Name.Name + ")"
		}
	}
	return text
}

// render quotes an expression, folding function literals to func() {...}.
func render(e ast.Expr) string {
	if call, ok := e.(*ast.CallExpr); ok {
		if _, lit := ast.Unparen(call.Fun).(*ast.FuncLit); lit {
			return "func() {...}()"
		}
	}
	if _, lit := e.(*ast.FuncLit); lit {
		return "func() {...}"
	}
	return flowtypes.Render(e)
}

// Info is the analyzer's result.
type Info struct {
	// PerEvent are the unbounded per-event starts, in source order.
	PerEvent []*Start
}

// Of returns the starts whose job is job.
func (in *Info) Of(job Job) []*Start {
	var out []*Start
	for _, s := range in.PerEvent {
		if s.Job == job {
			out = append(out, s)
		}
	}
	return out
}

func run(pass *analysis.Pass) (any, error) {
	info := &Info{}
	cfg := pass.ResultOf[config.Analyzer].(*config.Config)
	if !cfg.Enabled("spawnloop") && !cfg.Enabled("unbounded") && !cfg.Enabled("firelog") {
		return info, nil
	}
	s := &scanner{
		decls:   flowtypes.NewDecls(pass.Pkg, pass.TypesInfo, pass.Files),
		pass:    pass,
		cfg:     cfg,
		events:  pass.ResultOf[eventloop.Analyzer].(*eventloop.Info),
		ix:      pass.ResultOf[syntax.Analyzer].(*syntax.Index),
		info:    info,
		helpers: map[*types.Func]helper{},
	}
	s.scan()
	return info, nil
}

type scanner struct {
	pass   *analysis.Pass
	cfg    *config.Config
	events *eventloop.Info
	ix     *syntax.Index
	info   *Info

	// helpers are same-package functions that start a goroutine each
	// time they are called, by function.
	helpers map[*types.Func]helper
	// limited are the errgroups SetLimit is called on somewhere.
	limited map[types.Object]bool
	decls   *flowtypes.Decls
}

type helper struct {
	decl  *ast.FuncDecl
	start *Start
}

func (s *scanner) scan() {
	type found struct {
		cur syntax.Cursor
		st  *Start
	}
	var starts []found
	for file := range s.ix.Root().Preorder((*ast.File)(nil)) {
		f := file.Node().(*ast.File)
		if finding.IsTestFile(s.pass.Fset, f) || finding.IsGenerated(s.pass.Fset, f) {
			continue
		}
		for cur := range file.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
			if st := s.startAt(cur); st != nil {
				starts = append(starts, found{cur, st})
			}
		}
	}
	if len(starts) == 0 {
		return // the fast path: a package that starts no goroutines
	}

	reported := map[ast.Node]bool{}
	for _, f := range starts {
		cur, st := f.cur, f.st
		place, ok := s.events.At(cur.Node().Pos())
		if !ok {
			s.noteHelper(cur, st)
			continue
		}
		st.Place = place
		if s.bounded(cur, st, place) {
			continue
		}
		st.Job, st.Chans = s.job(st, nil, nil)
		s.info.PerEvent = append(s.info.PerEvent, st)
		reported[st.Start] = true
	}
	s.helperCalls(reported)
}

// startAt describes the start at cur, or returns nil when cur starts no
// goroutine.
func (s *scanner) startAt(cur syntax.Cursor) *Start {
	switch n := cur.Node().(type) {
	case *ast.GoStmt:
		return &Start{Report: n, Start: n, Kind: GoStmt, Call: n.Call}
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(s.pass.TypesInfo, n).(*types.Func)
		if !ok || len(n.Args) == 0 {
			return nil
		}
		last := n.Args[len(n.Args)-1]
		switch {
		case isFunc(fn, "time", "", "AfterFunc"):
			return &Start{Report: n, Start: n, Kind: AfterFunc, Call: last}
		case isFunc(fn, "golang.org/x/sync/errgroup", "Group", "Go"),
			isFunc(fn, "sync", "WaitGroup", "Go"):
			return &Start{Report: n, Start: n, Kind: GroupGo, Call: last}
		}
	}
	return nil
}

// isFunc reports whether fn is pkg.name, or the method recv.name of pkg
// when recv is not empty.
func isFunc(fn *types.Func, pkg, recv, name string) bool {
	if fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	if recv == "" {
		return sig.Recv() == nil
	}
	if sig.Recv() == nil {
		return false
	}
	named := flowtypes.NamedOf(sig.Recv().Type())
	return named != nil && named.Obj().Name() == recv
}

// enclosingDecl is the function declaration whose own body (not a
// closure within it) holds cur.
func enclosingDecl(cur syntax.Cursor) *ast.FuncDecl {
	decl, _ := enclosingFunc(cur).(*ast.FuncDecl)
	return decl
}

// noteHelper remembers a start outside any per-event place when it sits
// in a function's own body with nothing bounding it there: calling that
// function from an event loop starts a goroutine per event.
func (s *scanner) noteHelper(cur syntax.Cursor, st *Start) {
	decl := enclosingDecl(cur)
	if decl == nil {
		return
	}
	fn, ok := s.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return
	}
	if _, seen := s.helpers[fn]; seen {
		return
	}
	if st.Kind == GroupGo && s.groupLimited(st.Start.(*ast.CallExpr)) ||
		startedOnce(s, cur, decl.Body) || s.iterationBound(cur, decl.Body, st) {
		return
	}
	s.helpers[fn] = helper{decl: decl, start: st}
}

// helperCalls reports the calls, in event loops, of helpers that start a
// goroutine, unless that start is already reported where it stands (the
// helper is itself a handler) or the call site bounds it.
func (s *scanner) helperCalls(reported map[ast.Node]bool) {
	if len(s.helpers) == 0 {
		return
	}
	for _, loop := range s.events.Loops {
		cur, ok := flowtypes.CursorOf(s.ix.Root(), loop.Body)
		if !ok {
			continue
		}
		for c := range cur.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			fn, ok := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
			if !ok {
				continue
			}
			h, ok := s.helpers[fn.Origin()]
			if !ok || reported[h.start.Start] {
				continue
			}
			place, ok := s.events.At(call.Pos())
			if !ok || place.Loop != loop {
				continue // another loop, nested, owns the call
			}
			if startedOnce(s, c, loop.Body) || s.iterationBound(c, loop.Body, h.start) {
				continue
			}
			st := *h.start
			st.Report, st.Place, st.Via = call, place, h.decl
			st.Job, st.Chans = s.job(&st, h.decl, call)
			s.info.PerEvent = append(s.info.PerEvent, &st)
		}
	}
	slices.SortStableFunc(s.info.PerEvent, func(a, b *Start) int {
		return cmp.Compare(a.Report.Pos(), b.Report.Pos())
	})
}
