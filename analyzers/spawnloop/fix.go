package spawnloop

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/eventloop"
	"github.com/flowlint/flowlint/analyzers/flowtypes"
	"github.com/flowlint/flowlint/analyzers/spawn"
	"github.com/flowlint/flowlint/analyzers/syntax"
)

// startLimit is the bound a fix writes. The code does not say what the
// consumer downstream can absorb, so no number is right; the fix names it
// in a constant whose comment says it is a starting point to tune.
const startLimit = 64

const limitComment = "// flowlint: a starting point, not a measurement; tune it to what the " +
	"consumer absorbs."

// fixer plans the suggested fixes of one package's findings.
type fixer struct {
	pass *analysis.Pass
	ix   *syntax.Index
}

// plan returns the fixes for the starts that have a safe mechanical
// rewrite. A function gets at most one fix: two would each declare the
// limit constant, and applied together they would not compile.
func (f *fixer) plan(starts []*spawn.Start) map[*spawn.Start]analysis.SuggestedFix {
	type candidate struct {
		st  *spawn.Start
		fix analysis.SuggestedFix
		key any // what the fix changes: the errgroup, or the loop
	}
	byFunc := map[ast.Node][]candidate{}
	var order []ast.Node
	for _, st := range starts {
		var fix *analysis.SuggestedFix
		var fn ast.Node
		var key any
		switch st.Kind {
		case spawn.GroupGo:
			fix, fn, key = f.setLimit(st)
		case spawn.GoStmt:
			fix, fn, key = f.semaphore(st)
		}
		if fix == nil {
			continue
		}
		if _, seen := byFunc[fn]; !seen {
			order = append(order, fn)
		}
		byFunc[fn] = append(byFunc[fn], candidate{st, *fix, key})
	}
	out := map[*spawn.Start]analysis.SuggestedFix{}
	for _, fn := range order {
		list := byFunc[fn]
		single := true
		for _, c := range list[1:] {
			single = single && c.key == list[0].key
		}
		if !single {
			continue
		}
		// Several Go calls on one errgroup: one SetLimit covers them all,
		// so the first finding carries it.
		out[list[0].st] = list[0].fix
	}
	return out
}

// setLimit offers g.SetLimit for g.Go(...) in an event loop, when g is a
// local errgroup.Group declared, by "var g errgroup.Group" or by
// "g, ctx := errgroup.WithContext(ctx)", in the function that holds the
// loop, before the loop.
func (f *fixer) setLimit(st *spawn.Start) (*analysis.SuggestedFix, ast.Node, any) {
	call, ok := st.Start.(*ast.CallExpr)
	if !ok || st.Via != nil || st.Place.Loop == nil {
		return nil, nil, nil
	}
	callee, ok := typeutil.Callee(f.pass.TypesInfo, call).(*types.Func)
	if !ok || callee.Pkg() == nil || callee.Pkg().Path() != "golang.org/x/sync/errgroup" {
		return nil, nil, nil // sync.WaitGroup has no limit to set
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil, nil, nil
	}
	g, ok := f.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil, nil, nil
	}
	loop := st.Place.Loop.Stmt
	loopCur, ok := flowtypes.CursorOf(f.ix.Root(), loop)
	if !ok {
		return nil, nil, nil
	}
	fn := enclosingFunc(loopCur)
	if fn == nil || enclosingFuncOf(f.ix, call) != fn {
		return nil, nil, nil
	}
	decl := f.groupDecl(fn, g)
	if decl == nil || decl.End() > loop.Pos() {
		return nil, nil, nil
	}
	declCur, _ := flowtypes.CursorOf(f.ix.Root(), decl)
	if enclosingFunc(declCur) != fn || !syntax.InStmtList(declCur) {
		return nil, nil, nil
	}
	lineEnd, indent, ok := f.lineAfter(decl.End())
	if !ok {
		return nil, nil, nil
	}
	limit, ok := f.freeName("maxInFlight", decl.End(), outermostFunc(declCur))
	if !ok {
		return nil, nil, nil
	}
	text := "\n" + indent + limitComment + "\n" + indent + fmt.Sprintf("const %s = %d", limit,
		startLimit) + "\n" + indent + fmt.Sprintf("%s.SetLimit(%s)", id.Name, limit)
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("call %s.SetLimit(%s) after %s is declared, with %s = %d as a "+
			"starting point to tune to what the consumer absorbs", id.Name, limit, id.Name, limit,
			startLimit),
		TextEdits: []analysis.TextEdit{{Pos: lineEnd, End: lineEnd, NewText: []byte(text)}},
	}, fn, g
}

// groupDecl finds, in fn's own body, the statement that declares g as an
// errgroup.Group value or as the group errgroup.WithContext returns.
func (f *fixer) groupDecl(fn ast.Node, g *types.Var) ast.Stmt {
	var found ast.Stmt
	ast.Inspect(fn, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && lit != fn {
			return false
		}
		switch n := n.(type) {
		case *ast.DeclStmt:
			gen, ok := n.Decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				return false
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, name := range vs.Names {
					if f.pass.TypesInfo.Defs[name] == g && len(vs.Values) == 0 &&
						isGroup(g.Type()) {
						found = n
					}
				}
			}
			return false
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE || len(n.Rhs) != 1 || len(n.Lhs) != 2 {
				return true
			}
			id, ok := n.Lhs[0].(*ast.Ident)
			if !ok || f.pass.TypesInfo.Defs[id] != g {
				return true
			}
			call, ok := n.Rhs[0].(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := typeutil.Callee(f.pass.TypesInfo, call).(*types.Func)
			if ok && fn.Name() == "WithContext" && fn.Pkg() != nil &&
				fn.Pkg().Path() == "golang.org/x/sync/errgroup" {
				found = n
			}
		}
		return true
	})
	return found
}

func isGroup(t types.Type) bool {
	named, ok := t.(*types.Named)
	return ok && named.Obj().Name() == "Group" && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == "golang.org/x/sync/errgroup"
}

// semaphore offers a semaphore channel for a go statement written directly
// in the body of a loop that ranges over or receives from a channel: a
// slot is taken before the go statement and given back by the goroutine.
func (f *fixer) semaphore(st *spawn.Start) (*analysis.SuggestedFix, ast.Node, any) {
	gs, ok := st.Start.(*ast.GoStmt)
	loop := st.Place.Loop
	if !ok || st.Via != nil || loop == nil ||
		loop.Kind != eventloop.RangeChannel && loop.Kind != eventloop.Receive {
		return nil, nil, nil
	}
	direct := false
	for _, stmt := range loop.Body.List {
		direct = direct || stmt == ast.Stmt(gs)
	}
	if !direct {
		return nil, nil, nil
	}
	loopCur, ok := flowtypes.CursorOf(f.ix.Root(), loop.Stmt)
	if !ok {
		return nil, nil, nil
	}
	at := loop.Stmt.Pos()
	stmtCur := loopCur
	if labeled, ok := loopCur.Parent().Node().(*ast.LabeledStmt); ok {
		at, stmtCur = labeled.Pos(), loopCur.Parent()
	}
	if !syntax.InStmtList(stmtCur) || !f.isBuiltin("make", at) {
		return nil, nil, nil
	}
	fn := enclosingFunc(loopCur)
	outer := outermostFunc(loopCur)
	limit, ok1 := f.freeName("maxInFlight", at, outer)
	sem, ok2 := f.freeName("sem", at, outer)
	if !ok1 || !ok2 {
		return nil, nil, nil
	}
	loopIndent, ok := f.indentAt(at)
	if !ok {
		return nil, nil, nil
	}
	goIndent, ok := f.indentAt(gs.Pos())
	if !ok {
		return nil, nil, nil
	}
	release := "defer func() { <-" + sem + " }()"
	edits := []analysis.TextEdit{
		insert(at, fmt.Sprintf("%s\n%sconst %s = %d\n%s%s := make(chan struct{}, %s)\n%s",
			limitComment, loopIndent, limit, startLimit, loopIndent, sem, limit, loopIndent)),
		insert(gs.Pos(), sem+" <- struct{}{}\n"+goIndent),
	}
	if lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit); ok {
		next := lit.Body.Rbrace
		if len(lit.Body.List) > 0 {
			next = lit.Body.List[0].Pos()
		}
		text := "\n" + goIndent + "\t" + release
		at := lit.Body.Lbrace + 1
		if f.line(next) == f.line(lit.Body.Lbrace) {
			text += "\n" + goIndent + "\t" // a body written on one line
		} else if at, _, ok = f.lineAfter(at); !ok {
			return nil, nil, nil
		} // else after the comment that may follow the brace
		edits = append(edits, insert(at, text))
	} else {
		if !f.deferrable(gs.Call, outer) {
			return nil, nil, nil
		}
		call, ok := f.text(gs.Call.Pos(), gs.Call.End())
		if !ok {
			return nil, nil, nil
		}
		edits = append(edits, analysis.TextEdit{Pos: gs.Call.Pos(), End: gs.Call.End(),
			NewText: []byte("func() {\n" + goIndent + "\t" + release + "\n" + goIndent + "\t" +
				call + "\n" + goIndent + "}()")})
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("bound the goroutines with a semaphore channel of %s = %d slots, "+
			"a starting point to tune to what the consumer absorbs", limit, startLimit),
		TextEdits: edits,
	}, fn, gs
}

func insert(pos token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
}

// deferrable reports whether moving call into a function literal run by
// the goroutine leaves its meaning alone. A go statement evaluates the
// function and its arguments at once; in the literal they are evaluated
// when the goroutine runs. That is the same only when they read local
// variables that nothing assigns after their declaration, constants,
// functions, and fields or methods reached without a pointer.
func (f *fixer) deferrable(call *ast.CallExpr, fn ast.Node) bool {
	exprs := append([]ast.Expr{call.Fun}, call.Args...)
	assigned := f.assignedVars(fn)
	for _, e := range exprs {
		if !f.stable(e, assigned) {
			return false
		}
	}
	return true
}

func (f *fixer) stable(e ast.Expr, assigned map[*types.Var]bool) bool {
	info := f.pass.TypesInfo
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.stable(e.X, assigned)
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Const, *types.Nil:
			return true
		case *types.Func:
			return true // a package-level function
		case *types.Var:
			return obj.Pkg() != nil && obj.Parent() != obj.Pkg().Scope() && !assigned[obj] &&
				!f.sharedLoopVar(obj)
		}
		return false
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			return directSelection(sel) && f.stable(e.X, assigned)
		}
		switch info.Uses[e.Sel].(type) {
		case *types.Const, *types.Func:
			return true // a qualified constant or function
		}
	}
	return false
}

// directSelection reports whether x.f reads nothing through a pointer
// that x.f evaluated later could find changed: a field of x itself, or a
// method whose receiver is x or its address. A value method called through
// a pointer copies what it points to when the go statement runs.
func directSelection(sel *types.Selection) bool {
	if len(sel.Index()) != 1 {
		return false // through embedded fields, which may be pointers
	}
	switch sel.Kind() {
	case types.FieldVal:
		return !sel.Indirect()
	case types.MethodVal:
		recv := sel.Obj().Type().(*types.Signature).Recv().Type()
		if _, ptr := recv.(*types.Pointer); ptr {
			return true
		}
		_, xPtr := sel.Recv().Underlying().(*types.Pointer)
		return !xPtr
	}
	return false
}

// sharedLoopVar reports whether v may be a range or for variable that
// every iteration shares, as before Go 1.22. In a file older than that
// every variable counts, which is simpler than telling loop variables
// apart and only costs a fix.
func (f *fixer) sharedLoopVar(v *types.Var) bool {
	for _, file := range f.pass.Files {
		if file.FileStart <= v.Pos() && v.Pos() < file.FileEnd {
			ver := f.pass.TypesInfo.FileVersions[file]
			return ver != "" && version.Compare(ver, "go1.22") < 0
		}
	}
	return true
}

// assignedVars lists the variables fn assigns after declaring them, or
// whose address it takes: their values may change after a go statement.
func (f *fixer) assignedVars(fn ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
				continue
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.Ident:
				if v, ok := f.pass.TypesInfo.Uses[x].(*types.Var); ok {
					out[v] = true
				}
			}
			return
		}
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				mark(lhs)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					mark(n.Key)
				}
				if n.Value != nil {
					mark(n.Value)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		}
		return true
	})
	return out
}

// freeName returns base, or base with a number, such that declaring it at
// pos shadows nothing and clashes with no name used anywhere in fn.
func (f *fixer) freeName(base string, pos token.Pos, fn ast.Node) (string, bool) {
	used := map[string]bool{}
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	scope := f.pass.Pkg.Scope().Innermost(pos)
	for i := 1; i < 10; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprint(base, i)
		}
		if used[name] {
			continue
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, pos); obj != nil {
				continue
			}
		}
		return name, true
	}
	return "", false
}

// isBuiltin reports whether name means the predeclared function at pos.
func (f *fixer) isBuiltin(name string, pos token.Pos) bool {
	scope := f.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	_, ok := obj.(*types.Builtin)
	return ok
}

// source returns the text of the file holding pos and pos's offset in it.
func (f *fixer) source(pos token.Pos) ([]byte, *token.File, bool) {
	tf := f.pass.Fset.File(pos)
	if tf == nil {
		return nil, nil, false
	}
	src, err := f.pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil, nil, false
	}
	return src, tf, true
}

// indentAt is the white space that starts the line holding pos.
func (f *fixer) indentAt(pos token.Pos) (string, bool) {
	src, tf, ok := f.source(pos)
	if !ok {
		return "", false
	}
	start := tf.Offset(tf.LineStart(tf.PositionFor(pos, false).Line))
	line := src[start:tf.Offset(pos)]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))]), true
}

// lineAfter finds the end of the line on which pos falls, provided only
// white space or a line comment follows pos there, and that line's indent.
func (f *fixer) lineAfter(pos token.Pos) (token.Pos, string, bool) {
	src, tf, ok := f.source(pos)
	if !ok {
		return token.NoPos, "", false
	}
	off := tf.Offset(pos)
	rest := src[off:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	tail := strings.TrimSpace(string(rest))
	if tail != "" && !strings.HasPrefix(tail, "//") {
		return token.NoPos, "", false
	}
	indent, ok := f.indentAt(pos)
	return tf.Pos(off + len(rest)), indent, ok
}

func (f *fixer) line(pos token.Pos) int { return flowtypes.Line(f.pass.Fset, pos) }

// text is the source between two positions of one file.
func (f *fixer) text(from, to token.Pos) (string, bool) {
	src, tf, ok := f.source(from)
	if !ok {
		return "", false
	}
	return string(src[tf.Offset(from):tf.Offset(to)]), true
}

func enclosingFunc(cur syntax.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c != cur {
			return c.Node()
		}
	}
	return nil
}

func enclosingFuncOf(ix *syntax.Index, n ast.Node) ast.Node {
	cur, ok := flowtypes.CursorOf(ix.Root(), n)
	if !ok {
		return nil
	}
	return enclosingFunc(cur)
}

// outermostFunc is the top-level function around cur: names declared in a
// closure within it may still clash with what a fix declares.
func outermostFunc(cur syntax.Cursor) ast.Node {
	var out ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		out = c.Node()
	}
	return out
}
