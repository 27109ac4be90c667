package sends

import (
	"context"
	"sync/atomic"
	"time"
)

type Event struct{ ID int }

type metrics struct{ dropped atomic.Int64 }

type router struct {
	//flow:edge policy=backpressure burst=100/s*10s*1
	out chan Event

	//flow:edge policy=shed burst=100/s*10s*1
	alerts chan Event

	//flow:edge policy=timed timeout=50ms burst=100/s*10s*1
	audit chan Event

	quit    chan struct{}
	m       metrics
	dropped int
}

// Backpressure: the send blocks, a select with cancellation cases is fine.

func (r *router) forward(ctx context.Context, ev Event) error {
	r.out <- ev // ok: a blocking send is backpressure

	select {
	case r.out <- ev: // ok: cancellable blocking send
	case <-ctx.Done():
		return ctx.Err()
	case <-r.quit:
		return nil
	}

	select {
	case r.out <- ev: // want `policydoc: send on backpressure edge r.out has a default case that drops the value when it is full`
	default:
		r.dropped++
	}

	select {
	case r.out <- ev: // want `send on backpressure edge r.out gives up when the time.After case fires; .* declare policy=timed`
	case <-time.After(time.Second):
	}
	return nil
}

// Shed: never block, count every drop.

func (r *router) alert(ev Event) {
	select {
	case r.alerts <- ev: // ok
	default:
		r.m.dropped.Add(1)
	}

	select {
	case r.alerts <- ev: // ok: a plain increment counts too
	default:
		r.dropped++
	}

	r.alertUncounted(ev)

	r.alerts <- ev // want `send on shed edge r.alerts blocks when it is full; send in a select whose default case counts the drop`

	select {
	case r.alerts <- ev: // want `its select has no default; add a default case that counts the drop`
	case <-r.quit:
	}
}

func (r *router) alertUncounted(ev Event) {
	select {
	case r.alerts <- ev:
	default: // want `policydoc: shed edge r.alerts drops without counting; increment a drop counter`
	}
}

// A first try that falls through to a blocking send drops nothing: the
// blocking send is what the policy judges.
func (r *router) tryThenBlock(ctx context.Context, ev Event) error {
	select {
	case r.out <- ev: // ok
		return nil
	default:
	}
	select {
	case r.out <- ev: // ok: backpressure, cancellable
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A pump whose value stays in its pending buffer drops nothing.
func (r *router) pump(pending []Event) {
	for len(pending) > 0 {
		select {
		case r.alerts <- pending[0]: // ok: not sent yet, still pending
			pending = pending[1:]
			continue
		default:
		}
		break
	}
}

type clock interface{ After(time.Duration) <-chan time.Time }

// A deadline shared by a batch, or an injected clock, is a timer case.
func (r *router) batch(evs []Event, c clock) {
	deadline := time.After(50 * time.Millisecond)
	for _, ev := range evs {
		select {
		case r.audit <- ev: // ok: the batch deadline is the declared timeout
		case <-deadline:
			r.dropped++
			return
		}
	}
	for _, ev := range evs {
		select {
		case r.audit <- ev: // ok: an injected clock's duration is not judged
		case <-c.After(50 * time.Millisecond):
			r.dropped++
		}
	}
	giveUp := time.After(time.Second)
	select {
	case r.out <- evs[0]: // want `send on backpressure edge r.out gives up when the time.After case fires`
	case <-giveUp:
	}
	late := time.After(time.Second)
	select {
	case r.audit <- evs[0]:
	case <-late: // want `send on timed edge r.audit waits 1s but the edge declares timeout=50ms`
	}
}

func (r *router) recordDrop() {}

func (r *router) alertViaHelper(ev Event) {
	select {
	case r.alerts <- ev: // ok: a helper named for the drop counts it
	default:
		r.recordDrop()
	}
}

// Timed: wait the declared timeout, then drop.

func (r *router) audited(ctx context.Context, ev Event) {
	select {
	case r.audit <- ev: // ok
	case <-time.After(50 * time.Millisecond):
		r.dropped++
	}

	select {
	case r.audit <- ev:
	case <-time.After(100 * time.Millisecond): // want `send on timed edge r.audit waits 100ms but the edge declares timeout=50ms`
	}

	t := time.NewTimer(50 * time.Millisecond)
	defer t.Stop()
	select {
	case r.audit <- ev: // ok: a timer of the declared duration
	case <-t.C:
	}

	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	select {
	case r.audit <- ev: // ok: the context's deadline is the timeout
	case <-tctx.Done():
	}

	long, cancel2 := context.WithTimeout(ctx, time.Second)
	defer cancel2()
	select {
	case r.audit <- ev:
	case <-long.Done(): // want `waits 1s but the edge declares timeout=50ms`
	}

	r.audit <- ev // want `send on timed edge r.audit waits forever when it is full; send in a select with a case <-time.After\(50ms\)`

	select {
	case r.audit <- ev: // want `send on timed edge r.audit never waits: its select has a default`
	default:
		r.dropped++
	}

	select {
	case r.audit <- ev: // want `send on timed edge r.audit has no timer or deadline case`
	case <-r.quit:
	}

	select {
	case r.audit <- ev: // ok: a context from the caller may carry the deadline
	case <-ctx.Done():
	}
}

// Edges followed through locals, closures and parameters.

func (r *router) viaLocal(ev Event) {
	out := r.alerts
	out <- ev // want `send on shed edge out blocks when it is full`

	go func() {
		out <- ev // want `send on shed edge out blocks`
	}()
}

func produce(dst chan<- Event, ev Event) {
	dst <- ev // want `send on shed edge dst blocks when it is full`
}

func (r *router) viaParam(ev Event) {
	produce(r.alerts, ev)
}

func fanout(dst chan<- Event, ev Event) {
	dst <- ev // ok: called with edges of two policies, so no single policy applies
}

func (r *router) twoCallers(ev Event) {
	fanout(r.out, ev)
	fanout(r.alerts, ev)
}

// Generic stages keep their edges.

type Stage[T any] struct {
	//flow:edge policy=shed burst=10/s*1s*1
	buf chan T
	n   atomic.Uint64
}

func (s *Stage[T]) Offer(v T) bool {
	select {
	case s.buf <- v: // ok
		return true
	default:
		s.n.Add(1)
		return false
	}
}

func (s *Stage[T]) Push(v T) {
	s.buf <- v // want `send on shed edge s.buf blocks when it is full`
}

//flow:edge policy=backpressure burst=none
var results = make(chan Event)

func publish(ev Event) {
	results <- ev // ok
	select {
	case results <- ev: // want `send on backpressure edge results has a default case`
	default:
	}
}
