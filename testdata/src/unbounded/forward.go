package unbounded

import (
	"container/list"
	"sync"
)

// Pipe is the classic "infinite channel": it never blocks the sender.
func Pipe[T any](in <-chan T, out chan<- T) {
	var pending []T
	for {
		var next T
		var send chan<- T
		if len(pending) > 0 { // an emptiness check bounds nothing
			next, send = pending[0], out
		}
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			pending = append(pending, v) // want `pending grows without limit: the event loop that receives from in forwards through it and never checks its length; stop receiving, or shed with a counted drop, when len\(pending\) reaches a limit`
		case send <- next:
			pending = pending[1:]
		}
	}
}

const maxPending = 4096

// PipeBounded stops taking input when the queue is full.
func PipeBounded(in <-chan Event, out chan<- Event) {
	var pending []Event
	for {
		var send chan<- Event
		var next Event
		recv := in
		if len(pending) >= maxPending {
			recv = nil // full: stop receiving, the producer waits
		}
		if len(pending) > 0 {
			next, send = pending[0], out
		}
		select {
		case v := <-recv:
			pending = append(pending, v) // ok: the receive stops at maxPending
		case send <- next:
			pending = pending[1:]
		}
	}
}

type Broker struct {
	mu    sync.Mutex
	queue []Event
	out   chan Event
}

func (b *Broker) run(in <-chan Event) {
outer:
	for {
		select {
		case e, ok := <-in:
			if !ok {
				break outer
			}
			b.queue = append(b.queue, e) // want `b.queue grows without limit`
		default:
			if len(b.queue) == 0 {
				continue outer
			}
			b.out <- b.queue[0]
			copy(b.queue, b.queue[1:])
			b.queue = b.queue[:len(b.queue)-1]
		}
	}
}

// listPipe forwards through a container/list.
func listPipe(in <-chan Event, out chan<- Event) {
	l := list.New()
	for {
		var send chan<- Event
		var head Event
		if front := l.Front(); front != nil {
			send, head = out, front.Value.(Event)
		}
		select {
		case e := <-in:
			l.PushBack(e) // want `l grows without limit: the event loop that receives from in`
		case send <- head:
			l.Remove(l.Front())
		}
	}
}

func listPipeBounded(in <-chan Event, out chan<- Event) {
	l := list.New()
	for {
		var send chan<- Event
		var head Event
		if front := l.Front(); front != nil {
			send, head = out, front.Value.(Event)
		}
		select {
		case e := <-in:
			if l.Len() >= maxPending {
				continue // ok: shed at the limit
			}
			l.PushBack(e)
		case send <- head:
			l.Remove(l.Front())
		}
	}
}

// batch accumulates and flushes; it is not a forwarder.
func batch(in <-chan Event, flush func([]Event)) {
	var buf []Event
	for e := range in {
		buf = append(buf, e) // ok: no head is taken and sent on
		if len(buf) == 100 {
			flush(buf)
			buf = nil
		}
	}
}

// logPipe forwards log lines; firelog reports its queue.
func logPipe(in <-chan string, out chan<- string) {
	var logLines []string
	for {
		var send chan<- string
		var next string
		if len(logLines) > 0 {
			next, send = logLines[0], out
		}
		select {
		case s := <-in:
			logLines = append(logLines, s) // ok: a log queue, firelog's
		case send <- next:
			logLines = logLines[1:]
		}
	}
}
