package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/flowlint/flowlint/analyzers/edgegraph"
)

// graphUsage is printed for -h and after a flag error.
const graphUsage = `usage: flowlint graph [-format=dot|mermaid] [packages]

Draws the pressure chain of the packages (default: the current one): each
edge with its policy and capacity, between the functions that send on it and
the functions that receive from it. Edges that break the chain are red.
`

// runGraph is the graph subcommand. It returns the exit status: 0 when
// the graph was written, 1 on any error.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, graphUsage) }
	format := fs.String("format", "dot", "output format: dot or mermaid")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 1
	}
	writers := map[string]func(*edgegraph.Graph, io.Writer) error{
		"dot":     (*edgegraph.Graph).WriteDOT,
		"mermaid": (*edgegraph.Graph).WriteMermaid,
	}
	write, ok := writers[*format]
	if !ok {
		fmt.Fprintf(stderr, "flowlint graph: unknown -format %q; want dot or mermaid\n", *format)
		return 1
	}
	g, err := edgegraph.Load("", fs.Args()...)
	if err == nil {
		err = write(g, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "flowlint graph: %v\n", err)
		return 1
	}
	return 0
}
