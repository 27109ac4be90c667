package syntax

import "go/ast"

// builder walks syntax in the order ast.Inspect visits it, first to count
// the nodes and then to record them. It is written out rather than built
// on ast.Inspect, which costs four indirect calls per node and made the
// index the most expensive thing flowlint did on the standard library.
// Unlike ast.Walk it steps over a nil child instead of visiting it, so a
// tree with holes (from code that did not parse) cannot break the walk.
type builder struct {
	ix       *Index
	counting bool
	n        int   // nodes counted
	up       int32 // index of the node being walked, the parent of the next
}

// walk visits n, of kind k, and its subtree.
func (b *builder) walk(n ast.Node, k uint8) {
	var self, parent int32
	if b.counting {
		b.n++
	} else {
		self, parent = int32(len(b.ix.nodes)), b.up
		b.ix.nodes = append(b.ix.nodes, n)
		b.ix.parent = append(b.ix.parent, parent)
		b.ix.kind = append(b.ix.kind, k)
		b.up = self
	}
	b.children(n)
	if !b.counting {
		b.ix.end[self] = int32(len(b.ix.nodes))
		b.up = parent
	}
}

// The helpers below walk one child, or a list, when it is there.

func (b *builder) expr(e ast.Expr) {
	if e != nil {
		b.walk(e, kindOf(e))
	}
}

func (b *builder) exprs(list []ast.Expr) {
	for _, e := range list {
		b.expr(e)
	}
}

func (b *builder) stmt(s ast.Stmt) {
	if s != nil {
		b.walk(s, kindOf(s))
	}
}

func (b *builder) stmts(list []ast.Stmt) {
	for _, s := range list {
		b.stmt(s)
	}
}

func (b *builder) ident(id *ast.Ident) {
	if id != nil {
		b.walk(id, kIdent)
	}
}

func (b *builder) idents(list []*ast.Ident) {
	for _, id := range list {
		b.ident(id)
	}
}

func (b *builder) block(s *ast.BlockStmt) {
	if s != nil {
		b.walk(s, kBlockStmt)
	}
}

func (b *builder) fields(l *ast.FieldList) {
	if l != nil {
		b.walk(l, kFieldList)
	}
}

func (b *builder) comments(g *ast.CommentGroup) {
	if g != nil {
		b.walk(g, kCommentGroup)
	}
}

func (b *builder) children(n ast.Node) {
	switch n := n.(type) {
	case *ast.Comment, *ast.BadExpr, *ast.Ident, *ast.BasicLit, *ast.BadStmt,
		*ast.EmptyStmt, *ast.BadDecl:
		// leaves

	case *ast.CommentGroup:
		for _, c := range n.List {
			if c != nil {
				b.walk(c, kComment)
			}
		}
	case *ast.Field:
		b.comments(n.Doc)
		b.idents(n.Names)
		b.expr(n.Type)
		if n.Tag != nil {
			b.walk(n.Tag, kBasicLit)
		}
		b.comments(n.Comment)
	case *ast.FieldList:
		for _, f := range n.List {
			if f != nil {
				b.walk(f, kField)
			}
		}

	case *ast.Ellipsis:
		b.expr(n.Elt)
	case *ast.FuncLit:
		if n.Type != nil {
			b.walk(n.Type, kFuncType)
		}
		b.block(n.Body)
	case *ast.CompositeLit:
		b.expr(n.Type)
		b.exprs(n.Elts)
	case *ast.ParenExpr:
		b.expr(n.X)
	case *ast.SelectorExpr:
		b.expr(n.X)
		b.ident(n.Sel)
	case *ast.IndexExpr:
		b.expr(n.X)
		b.expr(n.Index)
	case *ast.IndexListExpr:
		b.expr(n.X)
		b.exprs(n.Indices)
	case *ast.SliceExpr:
		b.expr(n.X)
		b.expr(n.Low)
		b.expr(n.High)
		b.expr(n.Max)
	case *ast.TypeAssertExpr:
		b.expr(n.X)
		b.expr(n.Type)
	case *ast.CallExpr:
		b.expr(n.Fun)
		b.exprs(n.Args)
	case *ast.StarExpr:
		b.expr(n.X)
	case *ast.UnaryExpr:
		b.expr(n.X)
	case *ast.BinaryExpr:
		b.expr(n.X)
		b.expr(n.Y)
	case *ast.KeyValueExpr:
		b.expr(n.Key)
		b.expr(n.Value)

	case *ast.ArrayType:
		b.expr(n.Len)
		b.expr(n.Elt)
	case *ast.StructType:
		b.fields(n.Fields)
	case *ast.FuncType:
		b.fields(n.TypeParams)
		b.fields(n.Params)
		b.fields(n.Results)
	case *ast.InterfaceType:
		b.fields(n.Methods)
	case *ast.MapType:
		b.expr(n.Key)
		b.expr(n.Value)
	case *ast.ChanType:
		b.expr(n.Value)

	case *ast.DeclStmt:
		if n.Decl != nil {
			b.walk(n.Decl, kindOf(n.Decl))
		}
	case *ast.LabeledStmt:
		b.ident(n.Label)
		b.stmt(n.Stmt)
	case *ast.ExprStmt:
		b.expr(n.X)
	case *ast.SendStmt:
		b.expr(n.Chan)
		b.expr(n.Value)
	case *ast.IncDecStmt:
		b.expr(n.X)
	case *ast.AssignStmt:
		b.exprs(n.Lhs)
		b.exprs(n.Rhs)
	case *ast.GoStmt:
		if n.Call != nil {
			b.walk(n.Call, kCallExpr)
		}
	case *ast.DeferStmt:
		if n.Call != nil {
			b.walk(n.Call, kCallExpr)
		}
	case *ast.ReturnStmt:
		b.exprs(n.Results)
	case *ast.BranchStmt:
		b.ident(n.Label)
	case *ast.BlockStmt:
		b.stmts(n.List)
	case *ast.IfStmt:
		b.stmt(n.Init)
		b.expr(n.Cond)
		b.block(n.Body)
		b.stmt(n.Else)
	case *ast.CaseClause:
		b.exprs(n.List)
		b.stmts(n.Body)
	case *ast.SwitchStmt:
		b.stmt(n.Init)
		b.expr(n.Tag)
		b.block(n.Body)
	case *ast.TypeSwitchStmt:
		b.stmt(n.Init)
		b.stmt(n.Assign)
		b.block(n.Body)
	case *ast.CommClause:
		b.stmt(n.Comm)
		b.stmts(n.Body)
	case *ast.SelectStmt:
		b.block(n.Body)
	case *ast.ForStmt:
		b.stmt(n.Init)
		b.expr(n.Cond)
		b.stmt(n.Post)
		b.block(n.Body)
	case *ast.RangeStmt:
		b.expr(n.Key)
		b.expr(n.Value)
		b.expr(n.X)
		b.block(n.Body)

	case *ast.ImportSpec:
		b.comments(n.Doc)
		b.ident(n.Name)
		if n.Path != nil {
			b.walk(n.Path, kBasicLit)
		}
		b.comments(n.Comment)
	case *ast.ValueSpec:
		b.comments(n.Doc)
		b.idents(n.Names)
		b.expr(n.Type)
		b.exprs(n.Values)
		b.comments(n.Comment)
	case *ast.TypeSpec:
		b.comments(n.Doc)
		b.ident(n.Name)
		b.fields(n.TypeParams)
		b.expr(n.Type)
		b.comments(n.Comment)
	case *ast.GenDecl:
		b.comments(n.Doc)
		for _, s := range n.Specs {
			if s != nil {
				b.walk(s, kindOf(s))
			}
		}
	case *ast.FuncDecl:
		b.comments(n.Doc)
		b.fields(n.Recv)
		b.ident(n.Name)
		if n.Type != nil {
			b.walk(n.Type, kFuncType)
		}
		b.block(n.Body)

	case *ast.File:
		b.comments(n.Doc)
		b.ident(n.Name)
		for _, d := range n.Decls {
			if d != nil {
				b.walk(d, kindOf(d))
			}
		}
	}
}
