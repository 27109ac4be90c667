package spawn

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/flowlint/flowlint/analyzers/flowtypes"
)

// startedFunc is the function a start runs: a literal, or a name. When the
// start sits in helper decl, reached through call, a parameter of the
// helper stands for the argument call passes.
func (s *scanner) startedFunc(st *Start, decl *ast.FuncDecl, call *ast.CallExpr) ast.Expr {
	fn := st.Call
	if st.Kind == GoStmt {
		c, ok := st.Call.(*ast.CallExpr)
		if !ok {
			return nil
		}
		fn = c.Fun
	}
	fn = ast.Unparen(fn)
	if decl != nil && call != nil {
		if arg := argFor(s.pass.TypesInfo, fn, decl, call); arg != nil {
			fn = ast.Unparen(arg)
		}
	}
	return fn
}

// argFor is the argument call passes for the parameter of decl that id
// names, or nil.
func argFor(info *types.Info, e ast.Expr, decl *ast.FuncDecl, call *ast.CallExpr) ast.Expr {
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.ObjectOf(id)
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == obj && obj != nil && i < len(call.Args) {
				return call.Args[i]
			}
			i++
		}
	}
	return nil
}

// startedBody is the body of the function a start runs, when the package
// holds it: a literal's, or a same-package function's.
func (s *scanner) startedBody(st *Start, decl *ast.FuncDecl, call *ast.CallExpr) *ast.BlockStmt {
	switch fn := s.startedFunc(st, decl, call).(type) {
	case *ast.FuncLit:
		return fn.Body
	case *ast.Ident, *ast.SelectorExpr:
		if d := s.decls.Of(fn); d != nil {
			return d.Body
		}
	}
	return nil
}

// job classifies what the started goroutine does.
func (s *scanner) job(st *Start, decl *ast.FuncDecl, call *ast.CallExpr) (Job, []ast.Expr) {
	if st.Kind == GoStmt {
		if c, ok := st.Call.(*ast.CallExpr); ok && s.isLogCall(c) {
			return Log, nil // go logger.Info(...)
		}
	}
	body := s.startedBody(st, decl, call)
	if body == nil {
		return Work, nil
	}
	return s.bodyJob(body)
}

// bodyJob classifies a goroutine body: sends and nothing else is Send,
// logging and nothing else is Log. Marking a WaitGroup done is neither.
func (s *scanner) bodyJob(body *ast.BlockStmt) (Job, []ast.Expr) {
	var sends, logs []ast.Expr
	for _, stmt := range body.List {
		switch stmt := stmt.(type) {
		case *ast.ExprStmt:
			call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
			switch {
			case ok && s.isLogCall(call):
				logs = append(logs, nil)
			case ok && isDone(call):
			default:
				return Work, nil
			}
		case *ast.DeferStmt:
			switch {
			case s.isLogCall(stmt.Call):
				logs = append(logs, nil)
			case isDone(stmt.Call):
			default:
				return Work, nil
			}
		case *ast.SendStmt:
			if s.isLogChan(stmt.Chan) {
				logs = append(logs, stmt.Chan)
			} else {
				sends = append(sends, stmt.Chan)
			}
		case *ast.SelectStmt:
			ch := parkedSend(stmt)
			switch {
			case ch == nil:
				return Work, nil
			case s.isLogChan(ch):
				logs = append(logs, ch)
			default:
				sends = append(sends, ch)
			}
		default:
			return Work, nil
		}
	}
	switch {
	case len(sends) > 0 && len(logs) == 0:
		return Send, sends
	case len(logs) > 0 && len(sends) == 0:
		return Log, nonNil(logs)
	}
	return Work, nil
}

func nonNil(list []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, e := range list {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// isDone recognises wg.Done(), the bookkeeping a goroutine body carries
// whatever its job.
func isDone(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done" && len(call.Args) == 0
}

// parkedSend returns the channel of a select that waits to send one value,
// giving up only on cancellation or a timeout: such a goroutine still parks
// per event until a receiver comes. A default clause, or any other work,
// makes it something else, and parkedSend returns nil.
func parkedSend(sel *ast.SelectStmt) ast.Expr {
	var ch ast.Expr
	for _, stmt := range sel.Body.List {
		cc, ok := stmt.(*ast.CommClause)
		if !ok || cc.Comm == nil || !onlyExits(cc.Body) {
			return nil
		}
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			if ch != nil {
				return nil
			}
			ch = comm.Chan
		case *ast.ExprStmt:
			if !isGiveUp(comm.X) {
				return nil
			}
		default:
			return nil
		}
	}
	return ch
}

func onlyExits(body []ast.Stmt) bool {
	for _, stmt := range body {
		switch stmt.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt, *ast.EmptyStmt:
		default:
			return false
		}
	}
	return true
}

// isGiveUp recognises <-ctx.Done(), <-time.After(d) and <-timer.C.
func isGiveUp(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	switch x := ast.Unparen(u.X).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		return ok && (sel.Sel.Name == "Done" || sel.Sel.Name == "After")
	case *ast.SelectorExpr:
		return x.Sel.Name == "C"
	}
	return false
}

// isLogCall reports whether call goes to a logging, metrics or tracing
// package of cfg.LogPackages.
func (s *scanner) isLogCall(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
	return ok && fn.Pkg() != nil && IsLogPackage(s.cfg.LogPackages, fn.Pkg().Path())
}

// IsLogPackage reports whether path is one of pkgs or below one of them.
func IsLogPackage(pkgs []string, path string) bool {
	for _, p := range pkgs {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// isLogChan reports whether ch carries log entries.
func (s *scanner) isLogChan(ch ast.Expr) bool {
	return IsLogChan(s.pass.TypesInfo, s.cfg.LogPackages, ch)
}

// IsLogChan reports whether ch is a log queue: its elements are a type of
// a logging package (a *logrus.Entry, a slog.Record), or its name says so
// (logs, logCh, auditLogQueue).
func IsLogChan(info *types.Info, pkgs []string, ch ast.Expr) bool {
	if c, ok := flowtypes.Under(info.TypeOf(ch)).(*types.Chan); ok {
		if IsLogType(pkgs, c.Elem()) {
			return true
		}
	}
	return NamesLog(lastName(ch))
}

// IsLogQueue reports whether a queue q holding elem carries log entries,
// by the element's type or the queue's name.
func IsLogQueue(pkgs []string, elem types.Type, q ast.Expr) bool {
	return elem != nil && IsLogType(pkgs, elem) || NamesLog(lastName(q))
}

// IsLogType reports whether t, or what it points to, is declared in a
// logging package.
func IsLogType(pkgs []string, t types.Type) bool {
	named := flowtypes.NamedOf(t)
	return named != nil && named.Obj().Pkg() != nil && IsLogPackage(pkgs, named.Obj().Pkg().Path())
}

func lastName(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// NamesLog reports whether one of the words of a mixedCaps or snake_case
// name is log, logs or logger: logCh and auditLogs are, catalog and
// dialogs are not.
func NamesLog(name string) bool {
	for _, w := range words(name) {
		switch w {
		case "log", "logs", "logger", "logging":
			return true
		}
	}
	return false
}

func words(name string) []string {
	var out []string
	start := 0
	runes := []rune(name)
	for i := 1; i <= len(runes); i++ {
		wordStart := i < len(runes) && unicode.IsUpper(runes[i]) && !unicode.IsUpper(runes[i-1])
		if i == len(runes) || runes[i] == '_' || wordStart {
			if w := strings.Trim(string(runes[start:i]), "_"); w != "" {
				out = append(out, strings.ToLower(w))
			}
			start = i
		}
	}
	return out
}
