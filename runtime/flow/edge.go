package flow

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flowlint/flowlint/policy"
)

// MaxCapacity bounds the slots one edge may allocate. A burst profile can
// describe more (Capacity saturates at the largest int), but a channel that
// size would fail at make, so NewEdge refuses it with an error instead.
const MaxCapacity = 1 << 24

var (
	// ErrShed is returned by a send that a full shed edge dropped.
	ErrShed = errors.New("flow: edge full, value shed")
	// ErrTimeout is returned by a timed send that found no room in time.
	ErrTimeout = errors.New("flow: edge full until timeout, value dropped")
	// ErrClosed is returned by sends after Close and by receives once the
	// edge is closed and drained.
	ErrClosed = errors.New("flow: edge closed")
)

// Edge is a named, bounded edge between two operators. Its Send applies
// the edge's policy when the buffer is full; its capacity is the one the
// burst profile documents.
//
// Any number of goroutines may send and receive. Close belongs to the
// producing side and must come after every Send has returned, as with a
// Go channel: Close marks the end of the stream for the receivers.
type Edge[T any] struct {
	spec   policy.Spec
	onFull Admission // OnFull(spec.Policy), decided once
	ch     chan T
	closed atomic.Bool
	once   sync.Once
	timers sync.Pool // *time.Timer, reused by timed sends

	// The counters are written by senders only. The padding keeps them off
	// the cache line that receivers read (spec, ch), so counting a send does
	// not slow the other side down.
	_        [64]byte
	sent     atomic.Uint64
	dropped  atomic.Uint64
	timedOut atomic.Uint64
	_        [64]byte
}

// NewEdge builds an edge from a validated spec. The spec must name the edge
// (metrics and the gradient reader refer to it by name) and a shed edge
// needs at least one slot, since an unbuffered shed edge drops whenever its
// receiver is busy.
func NewEdge[T any](spec policy.Spec) (*Edge[T], error) {
	capacity, err := checkSpec(spec)
	if err != nil {
		return nil, err
	}
	if spec.Policy == policy.Shed && capacity == 0 {
		return nil, fmt.Errorf("edge %q: policy=shed needs a buffer, not burst=none", spec.Name)
	}
	// The policy and burst profile of this channel are the spec's: the same
	// grammar as a //flow:edge annotation, checked above.
	return &Edge[T]{spec: spec, onFull: OnFull(spec.Policy), ch: make(chan T, spec.Capacity())}, nil
}

// ParseEdge builds an edge from annotation fields, for example
// "name=ingest policy=shed burst=200/s*90s*1.5".
func ParseEdge[T any](fields string) (*Edge[T], error) {
	spec, err := policy.ParseFields(fields)
	if err != nil {
		return nil, fmt.Errorf("edge spec %q: %w", fields, err)
	}
	return NewEdge[T](spec)
}

// checkSpec returns the capacity a spec asks for, or why it cannot be built.
func checkSpec(spec policy.Spec) (int, error) {
	if spec.Name == "" {
		return 0, fmt.Errorf("edge spec %q: an edge needs name=NAME", spec.String())
	}
	if err := spec.Validate(); err != nil {
		return 0, fmt.Errorf("edge %q: %w", spec.Name, err)
	}
	capacity := spec.Capacity()
	if capacity > MaxCapacity {
		return 0, fmt.Errorf("edge %q: burst %s needs %d slots, more than the %d one edge may hold",
			spec.Name, spec.Burst, capacity, MaxCapacity)
	}
	return capacity, nil
}

// Send offers v to the edge and applies the edge's policy if it is full.
//
//   - backpressure: waits for room; returns ctx.Err() if ctx ends first.
//   - shed: never waits; a value that does not fit is counted as dropped
//     and ErrShed is returned.
//   - timed: waits up to the spec's timeout, then counts the value as
//     dropped and timed out and returns ErrTimeout (ctx.Err() if ctx ends
//     first, which is not counted: the caller gave up, the edge did not).
//
// A nil error means the value is on the edge.
func (e *Edge[T]) Send(ctx context.Context, v T) error {
	if e.closed.Load() {
		return ErrClosed
	}
	// Each send below tries to keep v and, if the channel is full, does what
	// OnFull decided for the policy; the channel operation makes the check
	// for room and the placing of v one atomic step.
	switch e.onFull {
	case Drop:
		return e.sendShed(v)
	case WaitThenDrop:
		return e.sendTimed(ctx, v)
	default:
		return e.sendBackpressure(ctx, v)
	}
}

func (e *Edge[T]) sendBackpressure(ctx context.Context, v T) error {
	done := ctx.Done()
	if done == nil {
		// A context that can never end: a plain send is the cheapest wait.
		e.ch <- v
		e.sent.Add(1)
		return nil
	}
	select {
	case e.ch <- v:
		e.sent.Add(1)
		return nil
	case <-done:
		return ctx.Err()
	}
}

func (e *Edge[T]) sendShed(v T) error {
	select {
	case e.ch <- v:
		e.sent.Add(1)
		return nil
	default:
		e.dropped.Add(1)
		return ErrShed
	}
}

func (e *Edge[T]) sendTimed(ctx context.Context, v T) error {
	t := e.timer(e.spec.Timeout)
	defer e.putTimer(t)
	select {
	case e.ch <- v:
		e.sent.Add(1)
		return nil
	case <-t.C:
		e.timedOut.Add(1)
		e.dropped.Add(1)
		return ErrTimeout
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Timers are reused across an edge's timed sends so a send allocates
// nothing once the pool is warm. Since Go 1.23 a stopped timer's channel
// holds no stale tick, so Reset on a pooled timer is safe. The pool is per
// edge, not global, because a timer belongs to the synctest bubble that made
// it, and an edge lives where it was built.
func (e *Edge[T]) timer(d time.Duration) *time.Timer {
	if t, ok := e.timers.Get().(*time.Timer); ok {
		t.Reset(d)
		return t
	}
	return time.NewTimer(d)
}

func (e *Edge[T]) putTimer(t *time.Timer) {
	t.Stop()
	e.timers.Put(t)
}

// Recv takes the next value off the edge. It returns ErrClosed once the
// edge is closed and every value sent before Close has been received, and
// ctx.Err() if ctx ends first.
func (e *Edge[T]) Recv(ctx context.Context) (T, error) {
	done := ctx.Done()
	if done == nil {
		v, ok := <-e.ch
		if !ok {
			return v, ErrClosed
		}
		return v, nil
	}
	select {
	case v, ok := <-e.ch:
		if !ok {
			return v, ErrClosed
		}
		return v, nil
	case <-done:
		var zero T
		return zero, ctx.Err()
	}
}

// C is the receive side as a channel, for range loops and selects. It is
// closed by Close.
func (e *Edge[T]) C() <-chan T { return e.ch }

// Close ends the stream: receivers get the values already on the edge, then
// ErrClosed. Later sends return ErrClosed. Calling Close more than once is
// harmless; calling it while a Send is still in progress is a bug in the
// producer, as closing a channel under a sender is.
func (e *Edge[T]) Close() {
	e.once.Do(func() {
		e.closed.Store(true)
		close(e.ch)
	})
}

// Name is the edge's name from its spec.
func (e *Edge[T]) Name() string { return e.spec.Name }

// Spec is the spec the edge was built from.
func (e *Edge[T]) Spec() policy.Spec { return e.spec }

// Cap is the edge's capacity, the burst profile's slot count.
func (e *Edge[T]) Cap() int { return cap(e.ch) }

// Len is the edge's current occupancy: values sent and not yet received.
func (e *Edge[T]) Len() int { return len(e.ch) }

// Stats reads the edge's counters and occupancy. Each field is read
// atomically; together they are a snapshot of a moving edge, not a
// consistent cut.
func (e *Edge[T]) Stats() Stats {
	return Stats{
		Edge:      e.spec.Name,
		Policy:    e.spec.Policy,
		Capacity:  cap(e.ch),
		Occupancy: len(e.ch),
		Sent:      e.sent.Load(),
		Dropped:   e.dropped.Load(),
		TimedOut:  e.timedOut.Load(),
	}
}
