// Command noop is a go/analysis tool that analyzes nothing. Driven exactly
// as flowlint is (standalone or as a go vet tool), its cost is the floor:
// loading, parsing and type-checking, which no analyzer can avoid.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "do nothing, to measure what loading and type-checking cost",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
