package edgegraph

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A Graph is the pressure chain of several packages, ready to draw.
type Graph struct {
	Packages []*Package // sorted by path
}

// NewGraph merges packages into one graph, in a stable order.
func NewGraph(pkgs []*Package) *Graph {
	g := &Graph{Packages: append([]*Package(nil), pkgs...)}
	sort.Slice(g.Packages, func(i, j int) bool { return g.Packages[i].Path < g.Packages[j].Path })
	for _, p := range g.Packages {
		sort.SliceStable(p.Edges, func(i, j int) bool { return lessPos(p.Edges[i], p.Edges[j]) })
	}
	return g
}

func lessPos(a, b *Edge) bool {
	if a.Pos.Filename != b.Pos.Filename {
		return a.Pos.Filename < b.Pos.Filename
	}
	if a.Pos.Offset != b.Pos.Offset {
		return a.Pos.Offset < b.Pos.Offset
	}
	return a.Name < b.Name
}

// An arrow is one drawn line: an edge from one producer to one consumer.
// A side inference could not find is a placeholder node of its own.
type arrow struct {
	from, to string // node ids
	edge     *Edge
}

// layout gives every node an id and lists the arrows, in a stable order.
// Each package is a cluster holding its operators and the placeholders of
// its edges' missing sides.
type layout struct {
	clusters []*cluster
	arrows   []arrow
	missing  int // placeholders so far
}

type cluster struct {
	pkg     string
	nodes   []node
	missing []node
}

type node struct{ id, label string }

func (g *Graph) layout() layout {
	var l layout
	ids := map[Node]string{}
	for _, p := range g.Packages {
		if len(p.Edges) == 0 {
			continue
		}
		c := &cluster{pkg: p.Path}
		l.clusters = append(l.clusters, c)
		for _, name := range operators(p) {
			id := "n" + strconv.Itoa(len(ids))
			ids[Node{Pkg: p.Path, Name: name}] = id
			c.nodes = append(c.nodes, node{id: id, label: name})
		}
		for _, e := range p.Edges {
			from := l.side(c, ids, e.From, "no sender seen")
			to := l.side(c, ids, e.To, "no receiver seen")
			for _, f := range from {
				for _, t := range to {
					l.arrows = append(l.arrows, arrow{from: f, to: t, edge: e})
				}
			}
		}
	}
	return l
}

// operators lists the names of a package's operators, sorted.
func operators(p *Package) []string {
	var names []string
	for _, e := range p.Edges {
		for _, n := range slices.Concat(e.From, e.To) {
			if !slices.Contains(names, n.Name) {
				names = append(names, n.Name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// side returns the ids of one side of an edge, or a new placeholder.
func (l *layout) side(c *cluster, ids map[Node]string, ns []Node, missing string) []string {
	if len(ns) == 0 {
		id := "u" + strconv.Itoa(l.missing)
		l.missing++
		c.missing = append(c.missing, node{id: id, label: missing})
		return []string{id}
	}
	var out []string
	for _, n := range ns {
		out = append(out, ids[n])
	}
	return out
}

// label is an edge's text, one line per fact: its name and kind, its
// policy and capacity, its burst profile, then what breaks the chain.
func (e *Edge) label() []string {
	name := e.Name
	if e.Kind != "chan" {
		name += " (" + e.Kind + ")"
	}
	policy := e.Policy
	switch {
	case e.SpecAtRunTime:
		policy = "spec given at run time"
	case policy == "":
		policy = "no policy"
	case e.Timeout > 0:
		policy += " " + e.Timeout.String()
	}
	capacity := "cap ?"
	switch {
	case e.CapacityKnown && e.Capacity == 0:
		capacity = "unbuffered"
	case e.CapacityKnown:
		capacity = "cap " + strconv.FormatInt(e.Capacity, 10)
	}
	lines := []string{name, policy + ", " + capacity}
	if e.Burst != "" {
		lines = append(lines, "burst "+e.Burst)
	}
	for _, p := range e.Problems {
		lines = append(lines, "BREAK: "+p)
	}
	return lines
}

func (e *Edge) where() string {
	return filepath.Base(e.Pos.Filename) + ":" + strconv.Itoa(e.Pos.Line)
}

// WriteDOT writes the graph in Graphviz's DOT language: one cluster per
// package, operators as boxes, edges as labelled arrows, and edges that
// break the chain red and dashed.
func (g *Graph) WriteDOT(w io.Writer) error {
	b := bufio.NewWriter(w)
	l := g.layout()
	fmt.Fprintln(b, "digraph flowlint {")
	fmt.Fprintln(b, "\trankdir=LR;")
	fmt.Fprintln(b, "\tfontname=\"Helvetica\";")
	fmt.Fprintln(b, "\tnode [shape=box, style=rounded, fontname=\"Helvetica\"];")
	fmt.Fprintln(b, "\tedge [fontname=\"Helvetica\", fontsize=10];")
	for i, c := range l.clusters {
		fmt.Fprintf(b, "\tsubgraph cluster_%d {\n", i)
		fmt.Fprintf(b, "\t\tlabel=%s;\n\t\tstyle=dotted;\n", dotQuote(c.pkg))
		for _, n := range c.nodes {
			fmt.Fprintf(b, "\t\t%s [label=%s];\n", n.id, dotQuote(n.label))
		}
		for _, m := range c.missing {
			fmt.Fprintf(b, "\t\t%s [label=%s, shape=plaintext, fontcolor=gray40];\n",
				m.id, dotQuote(m.label))
		}
		fmt.Fprintln(b, "\t}")
	}
	for _, a := range l.arrows {
		attrs := "label=" + dotQuote(strings.Join(a.edge.label(), "\n")) +
			", tooltip=" + dotQuote(a.edge.where())
		if len(a.edge.Problems) > 0 {
			attrs += ", color=red, fontcolor=red, style=dashed"
		}
		fmt.Fprintf(b, "\t%s -> %s [%s];\n", a.from, a.to, attrs)
	}
	fmt.Fprintln(b, "}")
	return b.Flush()
}

func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// WriteMermaid writes the graph as a Mermaid flowchart: one subgraph per
// package, and edges that break the chain dotted and red.
func (g *Graph) WriteMermaid(w io.Writer) error {
	b := bufio.NewWriter(w)
	l := g.layout()
	fmt.Fprintln(b, "flowchart LR")
	for i, c := range l.clusters {
		fmt.Fprintf(b, "\tsubgraph p%d [%s]\n", i, mermaidQuote(c.pkg))
		for _, n := range c.nodes {
			fmt.Fprintf(b, "\t\t%s(%s)\n", n.id, mermaidQuote(n.label))
		}
		for _, m := range c.missing {
			fmt.Fprintf(b, "\t\t%s[%s]\n", m.id, mermaidQuote(m.label))
			fmt.Fprintf(b, "\t\tstyle %s fill:none,stroke:none,color:#666\n", m.id)
		}
		fmt.Fprintln(b, "\tend")
	}
	var broken []string
	for i, a := range l.arrows {
		link := "-->"
		if len(a.edge.Problems) > 0 {
			link = "-.->"
			broken = append(broken, strconv.Itoa(i))
		}
		label := mermaidQuote(strings.Join(a.edge.label(), "<br/>"))
		fmt.Fprintf(b, "\t%s %s|%s| %s\n", a.from, link, label, a.to)
	}
	if len(broken) > 0 {
		fmt.Fprintf(b, "\tlinkStyle %s stroke:red,color:red\n", strings.Join(broken, ","))
	}
	return b.Flush()
}

// mermaidQuote quotes a label; Mermaid spells a quote inside one #quot;.
func mermaidQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"`
}
