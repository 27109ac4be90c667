package flow

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/flowlint/flowlint/policy"
)

// Priority is the class a priority sink's classifier gives an item.
type Priority uint8

const (
	// Low items are shed first and give up their slots to High items.
	Low Priority = iota
	// High items are received first and dropped only when every slot
	// already holds a High item.
	High
)

func (p Priority) String() string {
	if p == High {
		return "high"
	}
	return "low"
}

// PrioritySink is a shed edge with two classes sharing one budget of slots
// (the burst profile's capacity). A classifier puts each item on a High or a
// Low sub-edge. The exact guarantees:
//
//   - Send never blocks.
//   - While fewer than Cap items are held, every item is kept.
//   - When all slots are held, a Low item is dropped; a High item instead
//     evicts the oldest held Low item and takes its slot. A High item is
//     dropped only if, at that moment, every slot holds a High item.
//   - Recv returns a High item whenever one is held when it is called; it
//     returns a Low item only when no High item is held.
//
// Sends take a mutex so the budget check and eviction are one step; the
// receive side takes no lock. Both sub-edges keep FIFO order.
type PrioritySink[T any] struct {
	spec     policy.Spec
	classify func(T) Priority

	mu     sync.Mutex // serialises senders: only receivers run beside a check
	closed bool
	high   chan T
	low    chan T

	sentHigh, sentLow       atomic.Uint64
	droppedHigh, droppedLow atomic.Uint64
	evicted                 atomic.Uint64
}

// NewPrioritySink builds a priority sink from a shed spec with a buffer. The
// classifier runs on the sending goroutine for every item.
func NewPrioritySink[T any](spec policy.Spec, classify func(T) Priority) (*PrioritySink[T], error) {
	capacity, err := checkSpec(spec)
	if err != nil {
		return nil, err
	}
	if spec.Policy != policy.Shed {
		return nil, fmt.Errorf("priority sink %q: want policy=shed, not %s", spec.Name, spec.Policy)
	}
	if capacity == 0 {
		return nil, fmt.Errorf("priority sink %q: policy=shed needs a buffer, not burst=none",
			spec.Name)
	}
	if classify == nil {
		return nil, fmt.Errorf("priority sink %q: no classifier", spec.Name)
	}
	// Each class may come to hold every slot, so each sub-edge has the full
	// capacity; the shared budget is enforced by Send, not by the channels.
	return &PrioritySink[T]{
		spec:     spec,
		classify: classify,
		high:     make(chan T, spec.Capacity()),
		low:      make(chan T, spec.Capacity()),
	}, nil
}

// ParsePrioritySink builds a priority sink from annotation fields, for
// example "name=events policy=shed burst=200/s*90s*1.5".
func ParsePrioritySink[T any](fields string, classify func(T) Priority) (*PrioritySink[T], error) {
	spec, err := policy.ParseFields(fields)
	if err != nil {
		return nil, fmt.Errorf("priority sink spec %q: %w", fields, err)
	}
	return NewPrioritySink(spec, classify)
}

// Send classifies v and keeps or sheds it as the type's comment describes.
// It returns nil if v is held, ErrShed if it was dropped, and ErrClosed
// after Close. An eviction is not an error for the sender of the High item.
func (s *PrioritySink[T]) Send(v T) error {
	p := s.classify(v)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	// Only receivers run concurrently with the decision, and they only free
	// slots, so a decision to drop can be overtaken by a receive but never
	// one to keep. An eviction that finds the Low item already received
	// decides again: a slot has been freed meanwhile.
	for {
		switch AdmitPriority(p, len(s.high), len(s.low), cap(s.high)) {
		case Keep:
			return s.put(p, v)
		case Evict:
			select {
			case <-s.low:
				// The oldest Low item gives its slot to v.
				s.droppedLow.Add(1)
				s.evicted.Add(1)
				return s.put(High, v)
			default:
			}
		default:
			s.dropped(p).Add(1)
			return ErrShed
		}
	}
}

func (s *PrioritySink[T]) dropped(p Priority) *atomic.Uint64 {
	if p == High {
		return &s.droppedHigh
	}
	return &s.droppedLow
}

// put places v on its class's sub-edge. The budget check before it means
// the sub-edge has room; the default case is a guard that still counts.
func (s *PrioritySink[T]) put(p Priority, v T) error {
	ch, sent := s.low, &s.sentLow
	if p == High {
		ch, sent = s.high, &s.sentHigh
	}
	select {
	case ch <- v:
		sent.Add(1)
		return nil
	default:
		s.dropped(p).Add(1)
		return ErrShed
	}
}

// Recv returns the next item and its class, High before Low. It returns
// ErrClosed once the sink is closed and drained, and ctx.Err() if ctx ends
// while nothing is held.
func (s *PrioritySink[T]) Recv(ctx context.Context) (T, Priority, error) {
	high, low := s.high, s.low
	for {
		// Go's select picks among ready cases at random, so the bias is
		// built here: look at High alone first, without waiting.
		if high != nil {
			select {
			case v, ok := <-high:
				if ok {
					return v, High, nil
				}
				high = nil
				continue
			default:
			}
		}
		if high == nil && low == nil {
			var zero T
			return zero, Low, ErrClosed
		}
		// Nothing High right now: wait for whichever class comes first.
		select {
		case v, ok := <-high:
			if !ok {
				high = nil
				continue
			}
			return v, High, nil
		case v, ok := <-low:
			if !ok {
				low = nil
				continue
			}
			return v, Low, nil
		case <-ctx.Done():
			var zero T
			return zero, Low, ctx.Err()
		}
	}
}

// Close ends the stream. Items already held are still received, High first;
// later sends return ErrClosed. Close is safe to call concurrently with
// Send and more than once.
func (s *PrioritySink[T]) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.high)
		close(s.low)
	}
}

// Name is the sink's edge name.
func (s *PrioritySink[T]) Name() string { return s.spec.Name }

// Cap is the shared slot budget.
func (s *PrioritySink[T]) Cap() int { return cap(s.high) }

// Len is the number of items held, both classes together.
func (s *PrioritySink[T]) Len() int { return len(s.high) + len(s.low) }

// Evicted counts Low items that gave their slot to a High item. They are
// included in the Low drop count.
func (s *PrioritySink[T]) Evicted() uint64 { return s.evicted.Load() }

// Stats reports the sink as one shed edge whose drops split by priority.
func (s *PrioritySink[T]) Stats() Stats {
	dh, dl := s.droppedHigh.Load(), s.droppedLow.Load()
	return Stats{
		Edge:        s.spec.Name,
		Policy:      policy.Shed,
		Capacity:    cap(s.high),
		Occupancy:   len(s.high) + len(s.low),
		Sent:        s.sentHigh.Load() + s.sentLow.Load(),
		Dropped:     dh + dl,
		Prioritized: true,
		Evicted:     s.evicted.Load(),
		DroppedHigh: dh,
		DroppedLow:  dl,
	}
}
