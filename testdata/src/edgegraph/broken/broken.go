// Package broken has an edge of each kind that breaks the chain.
package broken

import (
	"github.com/flowlint/flowlint/policy"
	"github.com/flowlint/flowlint/runtime/flow"
)

type Span struct{ Name string }

// queue has no annotation: nobody said what happens when it fills.
var queue = make(chan Span, 64)

func Export(s Span) { queue <- s }

func drain() {
	for s := range queue {
		_ = s
	}
}

// sized is unannotated and sized at run time: nothing bounds it.
func sized(n int) {
	ch := make(chan Span, n)
	go func() { ch <- Span{} }()
	<-ch
}

// shed declares shed but one send drops without counting.
func shed(s Span) {
	//flow:edge policy=shed burst=10/s*1s*1
	out := make(chan Span, 10)
	select {
	case out <- s:
	default:
	}
	go func() {
		for range out {
		}
	}()
}

// Near miss: sized from a policy.Spec, so declared at run time, not broken.
func fromSpec(spec policy.Spec) {
	ch := make(chan Span, spec.Capacity())
	ch <- Span{}
	<-ch
}

// Near miss: a runtime edge from a spec that is not constant.
func fromFields(fields string) (*flow.Edge[Span], error) {
	return flow.ParseEdge[Span](fields)
}

// A malformed spec string breaks the edge too.
func malformed() (*flow.Edge[Span], error) {
	e, err := flow.ParseEdge[Span]("policy=drop burst=none")
	return e, err
}
