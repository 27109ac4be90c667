// Package fixsem holds the go statements spawnloop offers a semaphore
// for, and the near misses it leaves alone (marked "no fix").
package fixsem

import (
	"net"
	"time"
)

type Msg struct{ ID int }

type Server struct{ name string }

func (s *Server) process(m Msg) {}
func (s Server) copyProcess(m Msg) {}
func process(m Msg)                {}
func next(in <-chan Msg) Msg       { return <-in }

func literal(in <-chan Msg) {
	for m := range in {
		go func() { // want `go func\(\) \{...\}\(\) starts a goroutine per event`
			process(m)
		}()
	}
}

func literalArgs(s *Server, jobs <-chan Msg) {
	for j := range jobs {
		go func(m Msg) { // want `starts a goroutine per event`
			s.process(m)
		}(j)
	}
}

func oneLine(in <-chan Msg) {
	for m := range in {
		go func() { process(m) }() // want `starts a goroutine per event`
	}
}

func plainCall(s *Server, in <-chan Msg) {
	for m := range in {
		go s.process(m) // want `go s.process\(m\) starts a goroutine per event`
	}
}

// Fanout is generic: the function is a parameter nothing reassigns.
func Fanout[T any](in <-chan T, f func(T)) {
	for v := range in {
		go f(v) // want `go f\(v\) starts a goroutine per event`
	}
}

func receiveLoop(in <-chan Msg) {
	for {
		m, ok := <-in
		if !ok {
			return
		}
		go process(m) // want `go process\(m\) starts a goroutine per event`
	}
}

func labeled(in <-chan Msg) {
outer:
	for m := range in {
		if m.ID < 0 {
			break outer
		}
		go process(m) // want `starts a goroutine per event`
	}
}

// clash already uses the names sem and maxInFlight, so the fix picks
// others.
func clash(in <-chan Msg, sem chan struct{}, maxInFlight int) {
	close(sem)
	_ = maxInFlight
	for m := range in {
		go process(m) // want `starts a goroutine per event`
	}
}

func nested(in <-chan Msg) {
	for m := range in {
		if m.ID > 0 {
			go process(m) // no fix: not directly in the loop body // want `per event`
		}
	}
}

func selected(in <-chan Msg, quit <-chan struct{}) {
	for {
		select {
		case m := <-in:
			go process(m) // no fix: in a select clause // want `starts a goroutine per event`
		case <-quit:
			return
		}
	}
}

func accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go c.Close() // no fix: an Accept loop // want `starts a goroutine per event`
	}
}

func evaluatedNow(in <-chan Msg) {
	for range in {
		go process(next(in)) // no fix: the argument is a call // want `per event`
	}
}

func pointed(in <-chan *Msg) {
	for p := range in {
		go process(*p) // no fix: reads through a pointer // want `starts a goroutine`
	}
}

func reassigned(in <-chan Msg) {
	for m := range in {
		go process(m) // no fix: m changes after the go statement // want `starts a goroutine`
		m.ID++
	}
}

func copied(s *Server, in <-chan Msg) {
	for m := range in {
		go s.copyProcess(m) // no fix: copies *s at the go statement // want `per event`
	}
}

func twice(in <-chan Msg) {
	for m := range in {
		go process(m) // no fix: two starts in one loop // want `starts a goroutine per event`
		go process(m) // no fix: two starts in one loop // want `starts a goroutine per event`
	}
}

func delayed(in <-chan Msg) {
	for m := range in {
		time.AfterFunc(time.Second, func() { process(m) }) // no fix: a timer // want `per event`
	}
}
