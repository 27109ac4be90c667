// Package chain is a pipeline whose every edge is declared and obeyed:
// its graph has no broken edge.
package chain

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

type Record struct{ ID int }

// Stage holds its output edge in an annotated field.
type Stage struct {
	//flow:edge policy=shed burst=100/s*1s*1
	out     chan Record
	dropped atomic.Int64
}

func NewStage() *Stage { return &Stage{out: make(chan Record, 100)} }

// offer sheds and counts: not a break.
func (s *Stage) offer(r Record) {
	select {
	case s.out <- r:
	default:
		s.dropped.Add(1)
	}
}

// Run wires source → parse → stage → sink; the parsed edge goes through a
// parameter, the stage's through a method.
func Run(ctx context.Context, s *Stage) {
	//flow:edge policy=backpressure burst=none
	lines := make(chan string)
	//flow:edge policy=timed timeout=10ms burst=50/s*2s*1
	parsed := make(chan Record, 100)
	go source(ctx, lines)
	go parse(lines, parsed)
	go func() {
		for r := range parsed {
			s.offer(r)
		}
	}()
	sink(s.out)
}

func source(ctx context.Context, out chan<- string) {
	for {
		select {
		case out <- "x":
		case <-ctx.Done():
			return
		}
	}
}

func parse(in <-chan string, out chan<- Record) {
	for range in {
		select {
		case out <- Record{}:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func sink(in <-chan Record) {
	for r := range in {
		_ = r
	}
}

// Near misses that are not edges: a signal, a one-shot result.
func signals() error {
	done := make(chan struct{})
	errc := make(chan error, 1)
	go func() { errc <- nil; close(done) }()
	<-done
	return <-errc
}

// The runtime's edges: a constant spec is the annotation, and from= and
// to= name the operators instead of inference.
const auditSpec = "name=audit policy=backpressure burst=10/s*1s*1 from=audit to=archive"

func audit(e *flow.Edge[Record]) { _ = e.Send(context.Background(), Record{}) }

func archive(e *flow.Edge[Record]) {
	for range e.C() {
	}
}

func Runtime() error {
	e, err := flow.ParseEdge[Record](auditSpec)
	if err != nil {
		return err
	}
	go audit(e)
	archive(e)
	return nil
}
