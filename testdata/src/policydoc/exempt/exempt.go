package exempt

import (
	"github.com/flowlint/flowlint/policy"
	"os"
	"os/signal"
)

type Result struct{ N int }

type server struct {
	ready chan struct{}
}

func signals() {
	done := make(chan struct{}) // ok: a signal channel carries no data
	close(done)

	stop := make(chan [0]int, 4) // ok: zero-size elements are signals too
	_ = stop

	s := &server{ready: make(chan struct{})} // ok
	_ = s
}

func oneShot() error {
	errc := make(chan error, 1) // ok: one result, sent once
	go func() {
		errc <- work()
	}()

	res := make(chan Result) // ok: unbuffered, one send
	go func() { res <- Result{N: 1} }()
	<-res

	sig := make(chan os.Signal, 1) // ok: local, capacity one, no loop sends on it here
	signal.Notify(sig, os.Interrupt)

	return <-errc
}

func notOneShot(items []int) {
	results := make(chan Result, 1) // want `policydoc: channel of Result has no //flow:edge annotation`
	for _, it := range items {
		go func() { results <- Result{N: it} }()
	}

	big := make(chan Result, 2) // want `channel of Result has no //flow:edge annotation`
	big <- Result{}
}

type holder struct{ c chan Result }

func stored() *holder {
	return &holder{c: make(chan Result, 1)} // want `has no //flow:edge annotation`
}

func work() error { return nil }

type Edge[T any] struct{ ch chan T }

// NewEdge sizes its channel from a policy.Spec: the spec, given at run time
// in annotation terms, is the channel's annotation.
func NewEdge[T any](spec policy.Spec) *Edge[T] {
	return &Edge[T]{ch: make(chan T, spec.Capacity())} // ok
}

func NewFromLocal[T any](spec policy.Spec) chan T {
	n := spec.Burst.Capacity()
	return make(chan T, n) // ok
}

func NewFromInt[T any](n int) chan T {
	return make(chan T, n) // want `channel of T has no //flow:edge annotation`
}

type worker struct {
	ready chan int
	quit  chan bool
	data  chan int
}

func newWorker() *worker {
	return &worker{
		ready: make(chan int, 1),  // ok: only constants are sent on it
		quit:  make(chan bool),    // ok: only closed
		data:  make(chan int, 16), // want `channel of int has no //flow:edge annotation`
	}
}

func (w *worker) kick(n int) {
	w.ready <- 1
	close(w.quit)
	w.data <- n
}

// One result per item: the channel has a slot for every sender.
func fanIn(items []int) []error {
	errs := make(chan error, len(items)) // ok: sized to its senders
	for _, it := range items {
		go func() { errs <- check(it) }()
	}
	var out []error
	for range items {
		if err := <-errs; err != nil {
			out = append(out, err)
		}
	}
	return out
}

func check(int) error { return nil }
