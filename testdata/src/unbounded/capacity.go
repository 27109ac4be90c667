package unbounded

import "errors"

type Config struct {
	QueueSize  int
	BufferSize int64
	Workers    int
	Backlog    int
}

// Validate puts an upper bound on Backlog.
func (c Config) Validate() error {
	if c.Backlog > 1<<16 {
		return errors.New("backlog too large")
	}
	return nil
}

type Buffer struct {
	items []Event
}

var global = make(chan Event, 1<<24) // want `channel capacity 1 << 24 \(16777216\) exceeds max_capacity 1048576`

//flow:edge policy=backpressure burst=50000/s*60s*1
var documented = make(chan Event, 3000000) // ok: a burst profile documents the size

var atLimit = make(chan Event, 1<<20) // ok: at max_capacity, not above it

var signals = make(chan struct{}, 1<<30) // ok: signals hold no data

func NewQueue(size int) chan Event {
	return make(chan Event, size) // want `channel capacity comes from the parameter size with no upper bound, so configuration or input decides how much a burst may queue; clamp it, e.g. min\(size, maxQueue\)`
}

func NewQueueDefault(size int) chan Event {
	if size <= 0 {
		size = 64 // a default is not a limit
	}
	return make(chan Event, size) // want `channel capacity comes from the parameter size`
}

const maxQueue = 1 << 16

func newQueueClamped(size int) chan Event {
	size = min(size, maxQueue)
	return make(chan Event, size) // ok: clamped by min
}

func newQueueChecked(size int) chan Event {
	if size > maxQueue {
		size = maxQueue
	}
	return make(chan Event, size) // ok: checked against an upper bound
}

func newQueueMin(size int) chan Event {
	return make(chan Event, min(size, maxQueue)) // ok: clamped in place
}

func fromConfig(cfg Config) (chan Event, chan Event, chan Event) {
	a := make(chan Event, cfg.QueueSize)       // want `channel capacity comes from the field cfg.QueueSize with no upper bound`
	b := make(chan Event, int(cfg.BufferSize)) // want `channel capacity comes from the field cfg.BufferSize`
	c := make(chan Event, cfg.Backlog)         // ok: Validate bounds Backlog
	return a, b, c
}

func (b *Buffer) drain() chan Event {
	ch := make(chan Event, len(b.items)) // ok: mirrors a slice already in memory
	for _, it := range b.items {
		ch <- it
	}
	close(ch)
	return ch
}

func semaphoreOf(cfg Config) chan struct{} {
	return make(chan struct{}, cfg.Workers) // ok: a semaphore of signals
}

func local() chan Event {
	n := 128
	return make(chan Event, n) // ok: a local, not configuration
}

func fromClosure(size int) func() chan Event {
	return func() chan Event {
		return make(chan Event, size) // false negative: a captured parameter is not followed
	}
}

// newRing is unexported and every caller passes a constant.
func newRing(size int) chan Event {
	return make(chan Event, size) // ok: callers pass 16 and 64
}

// newLane is unexported, but one caller passes a size from configuration.
func newLane(size int) chan Event {
	return make(chan Event, size) // want `channel capacity comes from the parameter size`
}

func lanes(cfg Config) []chan Event {
	return []chan Event{newRing(16), newRing(64), newLane(8), newLane(cfg.Workers)}
}
