package silent

import (
	"log"
	"sync/atomic"
)

type Span struct{ ID string }

type exporter struct {
	queue   chan Span
	wake    chan struct{}
	dropped atomic.Int64
}

func (e *exporter) Export(s Span) {
	select {
	case e.queue <- s:
	default: // want `policydoc: default case drops the value silently when e.queue is full; count the drop`
	}
}

func (e *exporter) ExportReturn(s Span) {
	select {
	case e.queue <- s:
	default: // want `drops the value silently`
		return
	}
}

func (e *exporter) ExportLoop(spans []Span) {
	for _, s := range spans {
		select {
		case e.queue <- s:
		default: // want `drops the value silently`
			continue
		}
	}
}

func (e *exporter) Counted(s Span) {
	select {
	case e.queue <- s:
	default: // ok: counted
		e.dropped.Add(1)
	}
}

func (e *exporter) Logged(s Span) {
	select {
	case e.queue <- s:
	default: // ok: logged, someone can tell
		log.Printf("exporter: queue full, dropping span %s", s.ID)
	}
}

func (e *exporter) Reported(s Span) bool {
	select {
	case e.queue <- s:
		return true
	default: // ok: the caller learns of the drop
		return false
	}
}

func (e *exporter) Wake() {
	select {
	case e.wake <- struct{}{}:
	default: // ok: a wake-up already pending says the same thing
	}
}

func firstError(errs []error) error {
	errc := make(chan error, 1) // want `channel of error has no //flow:edge annotation`
	for _, err := range errs {
		select {
		case errc <- err:
		default: // want `drops the value silently when errc is full`
		}
	}
	return <-errc
}

func firstOnly(err error) error {
	errc := make(chan error, 1) // ok: one-shot
	go func() {
		select {
		case errc <- err:
		default: // ok: a one-shot result, the first one wins
		}
	}()
	return <-errc
}

type backend interface{ Put(Span) error }

func (e *exporter) Spill(s Span, b backend) error {
	select {
	case e.queue <- s:
		return nil
	default: // ok: the overflow goes to the backend below
	}
	return b.Put(s)
}

func (e *exporter) SpillBreak(s Span, b backend) error {
	select {
	case e.queue <- s:
		return nil
	default:
		break // ok: write to the backend instead
	}
	return b.Put(s)
}

func (e *exporter) Preferred(s Span, near, far chan Span) {
	select {
	case near <- s:
	case far <- s:
	default: // want `drops the value silently when near or far is full`
	}
}

func (e *exporter) Literal(b backend) error {
	select {
	case e.queue <- Span{ID: "heartbeat"}:
	default: // want `drops the value silently when e.queue is full`
	}
	return b.Put(Span{})
}

type pump struct {
	ready chan int
	start chan bool
}

func (p *pump) Kick() {
	select {
	case p.ready <- 1: // ok: a constant is a wake-up, the pending one says the same
	default:
	}
	select {
	case p.start <- true: // ok
	default:
	}
}
