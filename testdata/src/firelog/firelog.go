// Package firelog holds the cases of the firelog rule: logs, metrics and
// traces emitted from a goroutine per event, and log queues with no
// account.
package firelog

import (
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
)

type Event struct {
	ID  int
	Key string
}

type Service struct {
	logger  *zap.Logger
	logs    chan string
	entries chan *logrus.Entry
	catalog chan Event
	dropped atomic.Int64
}

func (s *Service) handle(e Event) {}

func (s *Service) consume(in <-chan Event) {
	for e := range in {
		go log.Printf("event %d", e.ID) // want `go log.Printf\("event %d", e.ID\) logs from a goroutine per event in an event loop that ranges over in, so under load log writes pile up as parked goroutines; log synchronously`
		s.handle(e)
	}
}

func (s *Service) selectLoop(in <-chan Event, quit <-chan struct{}) {
	for {
		select {
		case e := <-in:
			go s.logger.Info("event", zap.Int("id", e.ID)) // want `go s.logger.Info\("event", zap.Int\("id", \.\.\. logs from a goroutine per event`
			s.handle(e)
		case <-quit:
			go s.logger.Info("quit") // ok: once, on shutdown
			return
		}
	}
}

func (s *Service) structured(in <-chan Event) {
	for e := range in {
		go slog.Info("event", "id", e.ID) // want `go slog.Info\("event", "id", e.ID\) logs from a goroutine per event`
		log.Printf("event %d", e.ID)      // ok: logged on the event's own goroutine
	}
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go func() { // want `go func\(\) \{...\}\(\) logs from a goroutine per event in an HTTP handler`
		log.Printf("%s %s", r.Method, r.URL.Path)
	}()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Service) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() { // want `logs from a goroutine per event in an event loop that calls ln.Accept`
			logrus.WithField("remote", c.RemoteAddr().String()).Infof("accepted")
		}()
		c.Close()
	}
}

// logEvent only logs; starting it per event is firelog's.
func (s *Service) logEvent(e Event) {
	s.logger.Info("event", zap.Int("id", e.ID))
	log.Printf("event %d", e.ID)
}

// audit starts the log write itself; calling it per event is firelog's.
func (s *Service) audit(e Event) {
	go log.Printf("audit %d", e.ID)
}

func (s *Service) helpers(in <-chan Event) {
	for e := range in {
		go s.logEvent(e) // want `go s.logEvent\(e\) logs from a goroutine per event`
		s.audit(e)       // want `s.audit\(...\) \(go log.Printf\("audit %d", e.ID\) in audit\) logs from a goroutine per event`
	}
}

func (s *Service) queues(in <-chan Event) {
	for e := range in {
		go func() { s.logs <- e.Key }() // want `go func\(\) \{...\}\(\) logs from a goroutine per event`
		entry := logrus.WithField("id", e.ID)
		go func() { s.entries <- entry }() // want `logs from a goroutine per event`
		go func() { s.catalog <- e }()     // ok: not a log queue (unbounded reports it)
	}
}

func (s *Service) slowTimers(in <-chan Event) {
	for e := range in {
		t := time.AfterFunc(time.Second, func() { log.Printf("slow %d", e.ID) }) // want `time.AfterFunc\(...\) logs from a goroutine per event`
		s.handle(e)
		t.Stop()
	}
}

func (s *Service) mixed(in <-chan Event) {
	for e := range in {
		go func() { // ok: logs and works, which spawnloop reports
			log.Printf("event %d", e.ID)
			s.handle(e)
		}()
		go fmt.Println(e.ID) // ok: fmt is not a logging package (spawnloop's)
	}
}

func (s *Service) bounded(in <-chan Event) {
	sem := make(chan struct{}, 4)
	for e := range in {
		sem <- struct{}{}
		go func() { // ok: a semaphore bounds the log writers
			defer func() { <-sem }()
			log.Printf("event %d", e.ID)
		}()
	}
}

// Start logs once at startup, from a goroutine of its own.
func (s *Service) Start() {
	go s.logger.Info("started") // ok: not per event
	go s.writeLogs()            // ok: one long-lived writer
}

func (s *Service) writeLogs() {
	for line := range s.logs {
		log.Print(line)
	}
}

// enqueue hands log lines to the writer without blocking.
func (s *Service) enqueue(line string) {
	select {
	case s.logs <- line:
	default: // want `default drops log entries for s.logs silently when it is full; count the drop`
	}
}

func (s *Service) enqueueCounted(line string) {
	select {
	case s.logs <- line:
	default: // ok: the drop is counted
		s.dropped.Add(1)
	}
}

func (s *Service) enqueueEntry(e *logrus.Entry) {
	select {
	case s.entries <- e:
	default: // want `default drops log entries for s.entries silently`
		return
	}
}

func (s *Service) offer(e Event) {
	select {
	case s.catalog <- e:
	default: // ok: not a log channel; policydoc judges data drops
	}
}

// logPump is an async log queue that never says no.
func logPump(in <-chan string, out chan<- string) {
	var backlog []string
	for {
		var send chan<- string
		var next string
		if len(backlog) > 0 {
			next, send = backlog[0], out
		}
		select {
		case line := <-in:
			backlog = append(backlog, line) // false negative: the queue's name does not say log
		case send <- next:
			backlog = backlog[1:]
		}
	}
}

func entryPump(in <-chan *logrus.Entry, out chan<- *logrus.Entry) {
	var pending []*logrus.Entry
	for {
		var send chan<- *logrus.Entry
		var next *logrus.Entry
		if len(pending) > 0 {
			next, send = pending[0], out
		}
		select {
		case e := <-in:
			pending = append(pending, e) // want `log queue pending grows without limit: the event loop that receives from in forwards entries through it and never checks its length`
		case send <- next:
			pending = pending[1:]
		}
	}
}

func logLinePump(in <-chan string, out chan<- string) {
	var logLines []string
	for {
		var send chan<- string
		var next string
		if len(logLines) > 0 {
			next, send = logLines[0], out
		}
		select {
		case s := <-in:
			if len(logLines) >= 10000 {
				continue // ok: capped
			}
			logLines = append(logLines, s)
		case send <- next:
			logLines = logLines[1:]
		}
	}
}
