package flow

import "github.com/flowlint/flowlint/policy"

// Stats is what an edge reports: its capacity, occupancy and drop counters.
type Stats struct {
	Edge      string
	Policy    policy.Policy
	Capacity  int // slots, from the burst profile
	Occupancy int // values sent and not yet received
	Sent      uint64
	// Dropped counts every value the edge lost: shed at a full edge,
	// evicted from a priority sink, or dropped after a timed send's timeout.
	Dropped uint64
	// TimedOut is the part of Dropped that a timed send gave up on.
	TimedOut uint64
	// Evicted is the part of Dropped that had been sent and was later
	// pushed out by a higher-priority item. Once senders stop, the values
	// received are Sent - Evicted - Occupancy.
	Evicted uint64

	// Prioritized is set by a priority sink, whose drops split by priority:
	// DroppedHigh + DroppedLow == Dropped.
	Prioritized bool
	DroppedHigh uint64
	DroppedLow  uint64
}

// Source is anything that reports edge stats: an Edge or a PrioritySink.
// Stats must be cheap and safe to call from any goroutine at any time.
type Source interface {
	Stats() Stats
}

var (
	_ Source = (*Edge[int])(nil)
	_ Source = (*PrioritySink[int])(nil)
)
