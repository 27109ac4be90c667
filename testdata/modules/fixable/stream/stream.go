// Package stream has one finding of each rule that offers a fix: a
// capacity that does not match its burst, a log call on a goroutine per
// event, and a goroutine per event with no bound.
package stream

import "log"

type Event struct{ ID int }

func handle(ev Event) {}

// Consume drains events through a documented edge.
func Consume(in <-chan Event) {
	//flow:edge policy=backpressure burst=200/s*90s*1.5
	buf := make(chan Event, 2700)
	for ev := range in {
		buf <- ev
		go log.Printf("queued %d", ev.ID)
	}
	close(buf)
}

// Work starts a goroutine for each event.
func Work(in <-chan Event) {
	for ev := range in {
		go handle(ev)
	}
}
