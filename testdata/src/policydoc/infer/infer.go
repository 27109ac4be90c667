package infer

import (
	"context"
	"sync/atomic"
	"time"
)

type Event struct{ ID int }

var dropped atomic.Int64

// Every send blocks, one of them cancellably: backpressure.
func blocking(ctx context.Context, evs []Event) {
	out := make(chan Event, 64) // want `policydoc: channel of Event has no //flow:edge annotation`
	go func() {
		for range out {
		}
	}()
	out <- evs[0]
	for _, ev := range evs {
		select {
		case out <- ev:
		case <-ctx.Done():
			return
		}
	}
}

// An unbuffered channel is documented exactly: burst=none, no remark.
func unbuffered(evs []Event) {
	handoff := make(chan Event) // want `has no //flow:edge annotation`
	go func() {
		for _, ev := range evs {
			handoff <- ev
		}
	}()
	<-handoff
}

// The send is in a helper the channel is passed to.
func relayed(ev Event) {
	relay := make(chan Event, 16) // want `has no //flow:edge annotation`
	go forward(relay, ev)
	<-relay
}

func forward(to chan<- Event, ev Event) { to <- ev }

// Every default counts what it drops: shed.
func shedding(evs []Event) {
	if len(evs) > 0 {
		queue := make(chan Event, 100) // want `has no //flow:edge annotation`
		for _, ev := range evs {
			select {
			case queue <- ev:
			default:
				dropped.Add(1)
			}
		}
		<-queue
	}
}

// Every send waits on a timer of one length: timed.
func waiting(evs []Event) {
	slow := make(chan Event, 10) // want `has no //flow:edge annotation`
	for _, ev := range evs {
		select {
		case slow <- ev:
		case <-time.After(50 * time.Millisecond):
			dropped.Add(1)
		}
	}
	<-slow
}

// Near miss: one send blocks, the other sheds. No fix.
func disagree(evs []Event) {
	mixed := make(chan Event, 8) // want `has no //flow:edge annotation`
	mixed <- evs[0]
	select {
	case mixed <- evs[1]:
	default:
		dropped.Add(1)
	}
	<-mixed
}

// Near miss: timers of two lengths. No fix.
func twoTimeouts(evs []Event) {
	timers := make(chan Event, 8) // want `has no //flow:edge annotation`
	select {
	case timers <- evs[0]:
	case <-time.After(time.Second):
	}
	select {
	case timers <- evs[1]:
	case <-time.After(2 * time.Second):
	}
	<-timers
}

// Near miss: no send in this package. No fix.
func received() <-chan Event {
	in := make(chan Event, 8) // want `has no //flow:edge annotation`
	return in
}

// Near miss: a capacity computed at run time cannot be documented.
func sized(n int, ev Event) {
	ch := make(chan Event, n) // want `has no //flow:edge annotation`
	ch <- ev
	<-ch
}
