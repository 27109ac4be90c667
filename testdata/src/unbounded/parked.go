// Package unbounded holds the cases of the unbounded rule: parked sends,
// forwarding queues with no limit, and channel capacities no one bounded.
package unbounded

import (
	"context"
	"net/http"
)

type Event struct {
	Key  string
	Data []byte
}

func work(e Event) error { return nil }

type Relay struct {
	out    chan Event
	events chan Event
	logs   chan string
}

func (r *Relay) forward(in <-chan Event) {
	for e := range in {
		go func() { r.out <- e }() // want `go func\(\) \{...\}\(\) parks one goroutine per event in an event loop that ranges over in, each holding its value until r.out has room: a queue with no limit; send from the loop`
	}
}

func (r *Relay) forwardArg(ctx context.Context, in <-chan Event) {
	for {
		select {
		case e := <-in:
			go func(v Event) { // want `parks one goroutine per event in an event loop that receives from in`
				r.out <- v
			}(e)
		case <-ctx.Done():
			return
		}
	}
}

func (r *Relay) forwardCancellable(ctx context.Context, in <-chan Event) {
	for e := range in {
		go func() { // want `parks one goroutine per event`
			select {
			case r.out <- e:
			case <-ctx.Done():
			}
		}()
	}
}

// ServeHTTP hands each request's event to a goroutine that waits to send.
func (r *Relay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ev := Event{Key: req.URL.Path}
	go func() { r.events <- ev }() // want `parks one goroutine per event in an HTTP handler`
}

// emit is a helper the loop below calls per event.
func (r *Relay) emit(e Event) {
	go func() { r.out <- e }()
}

func (r *Relay) viaHelper(in <-chan Event) {
	for e := range in {
		r.emit(e) // want `r.emit\(...\) \(go func\(\) \{...\}\(\) in emit\) parks one goroutine per event`
	}
}

func (r *Relay) direct(in <-chan Event) {
	for e := range in {
		r.out <- e // ok: the loop waits, so a slow reader slows the producer
	}
}

func (r *Relay) joined(in <-chan Event) {
	for e := range in {
		done := make(chan error, 1)
		go func() { done <- work(e) }() // ok: the iteration receives the result
		if err := <-done; err != nil {
			return
		}
	}
}

func (r *Relay) bounded(in <-chan Event) {
	sem := make(chan struct{}, 4)
	for e := range in {
		sem <- struct{}{}
		go func() { // ok: a semaphore slot is taken first
			r.out <- e
			<-sem
		}()
	}
}

func (r *Relay) logs2(in <-chan Event) {
	for e := range in {
		go func() { r.logs <- e.Key }() // ok: a log queue, which firelog reports
	}
}

func (r *Relay) tryOnce(in <-chan Event) {
	for e := range in {
		select {
		case r.out <- e: // ok: a select with default never parks
		default:
		}
	}
}
