package policydoc

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/policy"
)

// ambiguous marks a variable that receives channels of different edges:
// which policy applies depends on the call, so its sends are not judged.
var ambiguous = &edge{}

// propagate follows edges through locals assigned from them and through
// the parameters of same-package functions and closures they are passed
// to, until nothing changes.
func (k *checker) propagate() {
	if len(k.edges) == 0 {
		return
	}
	for round := 0; round < 4; round++ {
		changed := false
		for _, m := range k.moves() {
			// Assignments and arguments carry an edge to a new holder;
			// a field keeps the edge declared on it.
			if m.literal || !flowtypes.IsChan(m.to.Type()) {
				continue
			}
			src, ok := k.edges[m.from]
			if !ok || src == ambiguous {
				continue
			}
			switch dst, ok := k.edges[m.to]; {
			case !ok:
				k.edges[m.to] = &edge{spec: src.spec, obj: m.to}
				changed = true
			case dst != ambiguous && dst.spec.String() != src.spec.String() && dst.obj == m.to && k.isLocal(m.to):
				k.edges[m.to] = ambiguous
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// isLocal reports whether obj is a parameter or local variable, the only
// kind of variable propagation may mark ambiguous.
func (k *checker) isLocal(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && v.Parent() != nil && v.Parent() != k.pass.Pkg.Scope()
}

// paramsOf returns the parameters of a call's callee when it is declared
// in this package, a closure literal, or a method of this package.
func (k *checker) paramsOf(call *ast.CallExpr) []types.Object {
	info := k.pass.TypesInfo
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		var params []types.Object
		for _, f := range lit.Type.Params.List {
			for _, name := range f.Names {
				params = append(params, info.Defs[name])
			}
			if len(f.Names) == 0 {
				params = append(params, nil)
			}
		}
		return params
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() != k.pass.Pkg {
		return nil
	}
	sig, ok := fn.Origin().Type().(*types.Signature)
	if !ok || sig.Variadic() {
		return nil
	}
	params := make([]types.Object, sig.Params().Len())
	for i := range params {
		params[i] = sig.Params().At(i)
	}
	return params
}

// A sendSite is a send statement and the select around it, if any.
type sendSite struct {
	send   *ast.SendStmt
	sel    *ast.SelectStmt // nil for a plain blocking send
	deflt  *ast.CommClause // the select's default clause, if any
	timers []timerCase     // the select's timer and deadline cases
}

// A timerCase is a select case that fires on time: time.After, a timer's
// channel, or the Done channel of a context with a timeout or deadline.
type timerCase struct {
	clause   *ast.CommClause
	duration time.Duration // 0 when not a constant
	what     string        // "time.After", "timer", "context deadline", "context"
}

func (k *checker) site(cur syntax.Cursor) sendSite {
	s := sendSite{send: cur.Node().(*ast.SendStmt)}
	clause, ok := cur.Parent().Node().(*ast.CommClause)
	if !ok || clause.Comm != s.send {
		return s
	}
	s.sel, _ = cur.Parent().Parent().Parent().Node().(*ast.SelectStmt)
	if s.sel == nil {
		return s
	}
	for _, st := range s.sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil {
			s.deflt = cc
			continue
		}
		if t, ok := k.timerOf(cc); ok {
			s.timers = append(s.timers, t)
		}
	}
	return s
}

// checkSends judges every send on a known edge against its policy, and
// every other non-blocking send for a silent drop.
func (k *checker) checkSends() {
	for _, cur := range k.sends {
		s := k.site(cur)
		obj := objectOf(k.pass.TypesInfo, s.send.Chan)
		e, ok := k.edges[obj]
		switch {
		case ok && e == ambiguous:
		case ok:
			k.checkPolicy(cur, s, e.spec)
		default:
			k.checkSilentDrop(cur, s, obj)
		}
	}
}

func (k *checker) checkPolicy(cur syntax.Cursor, s sendSite, spec policy.Spec) {
	ch := flowtypes.Render(s.send.Chan)
	if s.deflt != nil && k.keepsValue(cur, s) {
		// A first try that falls through to code still holding the value:
		// the send that follows is what the policy judges.
		return
	}
	switch spec.Policy {
	case policy.Backpressure:
		if s.deflt != nil {
			k.c.Reportf(s.send, "send on %s %s has a default case that drops the value when it is full; "+
				"remove the default so the sender blocks, or declare policy=shed and count the drop", describe(spec), ch)
			return
		}
		for _, t := range s.timers {
			if t.what == "time.After" || t.what == "timer" {
				k.c.Reportf(s.send, "send on %s %s gives up when the %s case fires; remove it so the sender "+
					"blocks, or declare policy=timed timeout=...", describe(spec), ch, t.what)
				return
			}
		}
	case policy.Shed:
		switch {
		case s.sel == nil:
			k.c.Reportf(s.send, "send on %s %s blocks when it is full; send in a select whose default case "+
				"counts the drop", describe(spec), ch)
		case s.deflt == nil:
			k.c.Reportf(s.send, "send on %s %s blocks when it is full: its select has no default; add a "+
				"default case that counts the drop", describe(spec), ch)
		case !countsDrop(k.pass.TypesInfo, s.deflt.Body):
			k.c.Reportf(s.deflt, "%s %s drops without counting; increment a drop counter in this default "+
				"case so shedding shows in metrics", describe(spec), ch)
		}
	case policy.Timed:
		k.checkTimed(s, spec, ch)
	}
}

func (k *checker) checkTimed(s sendSite, spec policy.Spec, ch string) {
	want := spec.Timeout
	switch {
	case s.sel == nil:
		k.c.Reportf(s.send, "send on %s %s waits forever when it is full; send in a select with a "+
			"case <-time.After(%s)", describe(spec), ch, want)
		return
	case s.deflt != nil:
		k.c.Reportf(s.send, "send on %s %s never waits: its select has a default; replace it with a "+
			"case <-time.After(%s)", describe(spec), ch, want)
		return
	case len(s.timers) == 0:
		k.c.Reportf(s.send, "send on %s %s has no timer or deadline case, so it waits forever when full; "+
			"add case <-time.After(%s)", describe(spec), ch, want)
		return
	}
	for _, t := range s.timers {
		if t.duration == 0 || t.duration == want {
			return // a case that waits the declared time, or one we cannot measure
		}
	}
	t := s.timers[0]
	k.c.Reportf(t.clause, "send on %s %s waits %s but the edge declares timeout=%s; make them agree",
		describe(spec), ch, t.duration, want)
}

// checkSilentDrop reports a non-blocking send whose default case does
// nothing: the value vanishes and nobody can tell. A select with several
// send cases is reported once, at its default.
func (k *checker) checkSilentDrop(cur syntax.Cursor, s sendSite, obj types.Object) {
	if s.deflt == nil || !isSilent(s.deflt.Body) || k.reportedDefaults[s.deflt] {
		return
	}
	info := k.pass.TypesInfo
	if c, ok := flowtypes.Under(info.TypeOf(s.send.Chan)).(*types.Chan); ok && flowtypes.IsZeroSize(c.Elem()) {
		return // a signal already pending says the same thing
	}
	if tv, ok := info.Types[s.send.Value]; ok && tv.Value != nil {
		return // a constant is a signal too: the pending one carries the same value
	}
	if m := k.makeStoredIn(obj); m != nil && k.isOneShot(m) {
		return // the first result wins by design
	}
	if k.keepsValue(cur, s) {
		return // the code after the select handles the overflow, say by spilling it
	}
	k.reportedDefaults[s.deflt] = true
	k.c.Reportf(s.deflt, "default case drops the value silently when %s is full; count the drop "+
		"(and annotate the edge policy=shed) or let the send block", k.sendTargets(s.sel))
}

// keepsValue reports whether a non-blocking send's default leaves the
// value in hand: it falls through to code that uses the value again, or the
// value is an element still held by its container (out <- pending[0]).
func (k *checker) keepsValue(cur syntax.Cursor, s sendSite) bool {
	if !fallsThrough(s.deflt.Body) {
		return false
	}
	if _, ok := ast.Unparen(s.send.Value).(*ast.IndexExpr); ok {
		return true
	}
	return k.usedAfter(cur, s.sel, s.send.Value)
}

// fallsThrough reports whether a default case ends by going on after the
// select, rather than returning or continuing a loop.
func fallsThrough(body []ast.Stmt) bool {
	if len(body) == 0 {
		return true
	}
	br, ok := body[len(body)-1].(*ast.BranchStmt)
	return ok && br.Tok == token.BREAK && br.Label == nil
}

// usedAfter reports whether the sent value, or the variable it is read
// from (ev in ev.Payload), is used again after the select.
func (k *checker) usedAfter(cur syntax.Cursor, sel *ast.SelectStmt, value ast.Expr) bool {
	id := rootIdent(value)
	if id == nil {
		return false
	}
	obj := k.pass.TypesInfo.Uses[id]
	if obj == nil {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		used := false
		ast.Inspect(fn.Node(), func(n ast.Node) bool {
			if use, ok := n.(*ast.Ident); ok && use.Pos() > sel.End() && k.pass.TypesInfo.Uses[use] == obj {
				used = true
			}
			return !used
		})
		return used
	}
	return false
}

// rootIdent is the variable an expression reads from: v, v.f, *v, v.f.g.
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// sendTargets names the channels a select sends on: "a" or "a or b".
func (k *checker) sendTargets(sel *ast.SelectStmt) string {
	var names []string
	for _, st := range sel.Body.List {
		if send, ok := st.(*ast.CommClause).Comm.(*ast.SendStmt); ok {
			names = append(names, flowtypes.Render(send.Chan))
		}
	}
	return strings.Join(names, " or ")
}

func (k *checker) makeStoredIn(obj types.Object) *channelMake {
	if obj == nil {
		return nil
	}
	for _, m := range k.makes {
		if m.storage == obj {
			return m
		}
	}
	return nil
}

// isSilent reports whether a default case does nothing at all: no call,
// no assignment, no count, and no value returned to tell the caller.
func isSilent(body []ast.Stmt) bool {
	for _, st := range body {
		switch st := st.(type) {
		case *ast.EmptyStmt, *ast.BranchStmt:
		case *ast.ReturnStmt:
			for _, r := range st.Results {
				if id, ok := ast.Unparen(r).(*ast.Ident); !ok || id.Name != "nil" {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// countsDrop reports whether a default case counts what it drops: an
// increment, an += or an Add/Inc-style call, atomic or not.
func countsDrop(info *types.Info, body []ast.Stmt) bool {
	counted := false
	for _, st := range body {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IncDecStmt:
				counted = counted || n.Tok == token.INC
			case *ast.AssignStmt:
				counted = counted || n.Tok == token.ADD_ASSIGN
			case *ast.CallExpr:
				counted = counted || isCountingCall(n)
			}
			return !counted
		})
	}
	return counted
}

var countingNames = []string{"Add", "Inc", "Incr", "Increment", "Count", "Mark", "Record"}

func isCountingCall(call *ast.CallExpr) bool {
	id := flowtypes.CalleeIdent(call)
	if id == nil {
		return false
	}
	name := id.Name
	for _, c := range countingNames {
		if strings.HasPrefix(name, c) {
			return true
		}
	}
	lower := strings.ToLower(name)
	return strings.Contains(lower, "drop") || strings.Contains(lower, "shed")
}

// timerOf recognises a select case that fires on time or on a deadline.
func (k *checker) timerOf(cc *ast.CommClause) (timerCase, bool) {
	ch := flowtypes.RecvOperand(cc.Comm)
	if ch == nil {
		return timerCase{}, false
	}
	info := k.pass.TypesInfo
	switch ch := ast.Unparen(ch).(type) {
	case *ast.CallExpr:
		fn := typeutil.Callee(info, ch)
		if isFunc(fn, "time", "After") && len(ch.Args) == 1 {
			return timerCase{clause: cc, duration: k.durationOf(ch.Args[0]), what: "time.After"}, true
		}
		if sel, ok := ast.Unparen(ch.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
			if d, ok := k.deadlineOf(objectOf(info, sel.X)); ok {
				return timerCase{clause: cc, duration: d, what: "context deadline"}, true
			}
			if flowtypes.TypeIs(info.TypeOf(sel.X), "context", "Context") {
				// A context from elsewhere may carry the deadline: not judged.
				return timerCase{clause: cc, what: "context"}, true
			}
		}
	case *ast.SelectorExpr:
		if ch.Sel.Name == "C" && flowtypes.IsPointerTo(info.TypeOf(ch.X), "time", "Timer") {
			return timerCase{clause: cc, duration: k.timerDuration(objectOf(info, ch.X)), what: "timer"}, true
		}
	case *ast.Ident:
		// deadline := time.After(d), kept for a whole batch.
		if d, ok := k.afterDuration(objectOf(info, ch)); ok {
			return timerCase{clause: cc, duration: d, what: "time.After"}, true
		}
	}
	// Any other channel of time.Time is a clock: an injected clock's After,
	// a ticker. Its duration is not known.
	if c, ok := flowtypes.Under(info.TypeOf(ch)).(*types.Chan); ok && flowtypes.TypeIs(c.Elem(), "time", "Time") {
		return timerCase{clause: cc, what: "timer"}, true
	}
	return timerCase{}, false
}

// afterDuration finds the constant a variable holding time.After(d) was
// made with.
func (k *checker) afterDuration(v types.Object) (time.Duration, bool) {
	return k.assignedFrom(v, func(call *ast.CallExpr) (time.Duration, bool) {
		if isFunc(typeutil.Callee(k.pass.TypesInfo, call), "time", "After") && len(call.Args) == 1 {
			return k.durationOf(call.Args[0]), true
		}
		return 0, false
	})
}

func isFunc(obj types.Object, pkg, name string) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name
}

// durationOf evaluates a constant duration, or returns 0.
func (k *checker) durationOf(e ast.Expr) time.Duration {
	if v, ok := constCap(k.pass.TypesInfo, e); ok {
		return time.Duration(v)
	}
	return 0
}

// deadlineOf finds how a context variable was made: context.WithTimeout
// gives a duration; WithDeadline, a deadline of unknown length (0, true).
func (k *checker) deadlineOf(ctx types.Object) (time.Duration, bool) {
	return k.assignedFrom(ctx, func(call *ast.CallExpr) (time.Duration, bool) {
		fn := typeutil.Callee(k.pass.TypesInfo, call)
		switch {
		case isFunc(fn, "context", "WithTimeout") && len(call.Args) == 2:
			return k.durationOf(call.Args[1]), true
		case isFunc(fn, "context", "WithDeadline"), isFunc(fn, "context", "WithTimeoutCause"),
			isFunc(fn, "context", "WithDeadlineCause"):
			return 0, true
		}
		return 0, false
	})
}

// timerDuration finds the constant a timer variable was made with.
func (k *checker) timerDuration(t types.Object) time.Duration {
	d, _ := k.assignedFrom(t, func(call *ast.CallExpr) (time.Duration, bool) {
		if isFunc(typeutil.Callee(k.pass.TypesInfo, call), "time", "NewTimer") && len(call.Args) == 1 {
			return k.durationOf(call.Args[0]), true
		}
		return 0, false
	})
	return d
}

// assignedFrom looks for an assignment of a call to obj (as the first
// result) that match accepts.
func (k *checker) assignedFrom(obj types.Object, match func(*ast.CallExpr) (time.Duration, bool)) (time.Duration, bool) {
	if obj == nil {
		return 0, false
	}
	info := k.pass.TypesInfo
	for _, file := range k.pass.Files {
		if file.Pos() > obj.Pos() || obj.Pos() > file.End() {
			continue
		}
		var d time.Duration
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if found || !ok || len(as.Lhs) == 0 || len(as.Rhs) != 1 {
				return !found
			}
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if ok && objectOf(info, as.Lhs[0]) == obj {
				d, found = match(call)
			}
			return !found
		})
		return d, found
	}
	return 0, false
}

// isOneShot reports whether a channel carries a single result: a local
// with room for at most one value that no loop sends on twice.
func (k *checker) isOneShot(m *channelMake) bool {
	if !m.capKnown || m.capVal > 1 || m.storage == nil || !k.isLocal(m.storage) {
		return false
	}
	scope := m.storage.Parent()
	if scope == nil {
		return false
	}
	for _, cur := range k.sends {
		send := cur.Node().(*ast.SendStmt)
		if objectOf(k.pass.TypesInfo, send.Chan) != m.storage {
			continue
		}
		for loop := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
			if loop.Node().Pos() >= scope.Pos() {
				return false
			}
		}
	}
	return true
}
