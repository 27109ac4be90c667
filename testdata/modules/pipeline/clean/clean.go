// Package clean is a two-stage pipeline whose edges all declare and obey
// their policy.
package clean

import (
	"context"
	"sync/atomic"
)

type Event struct{ ID int }

type Stage struct {
	//flow:edge policy=backpressure burst=100/s*10s*1.5
	in chan Event

	//flow:edge policy=shed burst=50/s*2s*1
	alerts chan Event

	dropped atomic.Int64
}

func New() *Stage {
	return &Stage{in: make(chan Event, 1500), alerts: make(chan Event, 100)}
}

func (s *Stage) Submit(ctx context.Context, ev Event) error {
	select {
	case s.in <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Stage) Alert(ev Event) {
	select {
	case s.alerts <- ev:
	default:
		s.dropped.Add(1)
	}
}
