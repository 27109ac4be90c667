// Package spawnloop holds the cases of the spawnloop rule: goroutines
// started per event, and the shapes that bound them.
package spawnloop

import (
	"context"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

type Msg struct {
	ID   int
	Body []byte
}

type Server struct {
	mu      sync.Mutex
	running bool
	once    sync.Once
	started atomic.Bool
	pool    *errgroup.Group
}

func (s *Server) handle(c net.Conn)          { c.Close() }
func (s *Server) process(m Msg)              {}
func (s *Server) run()                       {}
func (s *Server) compact()                   {}
func process(m Msg) error                    { return nil }
func notify(sub chan<- Msg, m Msg)           {}
func store(ctx context.Context, m Msg) error { return nil }

// Serve is the classic accept loop: one goroutine per connection.
func (s *Server) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go s.handle(conn) // want `go s.handle\(conn\) starts a goroutine per event in an event loop that calls ln.Accept, so goroutines grow with load; acquire a semaphore`
	}
}

// ServeLimited caps connections at the listener.
func (s *Server) ServeLimited(ln net.Listener) error {
	ln = netutil.LimitListener(ln, 100)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go s.handle(conn) // ok: the listener admits at most 100 connections
	}
}

func (s *Server) consume(jobs <-chan Msg) {
	for j := range jobs {
		go func(m Msg) { // want `go func\(\) \{...\}\(\) starts a goroutine per event in an event loop that ranges over jobs`
			s.process(m)
		}(j)
	}
}

func (s *Server) consumeBounded(jobs <-chan Msg) {
	sem := make(chan struct{}, 8)
	for j := range jobs {
		sem <- struct{}{}
		go func() { // ok: a semaphore slot is taken first in the same iteration
			defer func() { <-sem }()
			s.process(j)
		}()
	}
}

func (s *Server) consumeTokens(jobs <-chan Msg, tokens chan int) {
	for j := range jobs {
		tokens <- 1
		go func() { // ok: the goroutine gives its token back
			s.process(j)
			<-tokens
		}()
	}
}

func (s *Server) consumeWeighted(ctx context.Context, jobs <-chan Msg) {
	sem := semaphore.NewWeighted(16)
	for j := range jobs {
		if err := sem.Acquire(ctx, 1); err != nil {
			return
		}
		go func() { // ok: semaphore.Weighted bounds the goroutines
			defer sem.Release(1)
			s.process(j)
		}()
	}
}

func (s *Server) selectLoop(ctx context.Context, in <-chan Msg) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case m := <-in:
			go s.process(m) // want `go s.process\(m\) starts a goroutine per event in an event loop that receives from in`
		case <-ticker.C:
			go s.compact() // ok: once a minute, not once per event
		case <-ctx.Done():
			go s.run() // ok: on shutdown, once
			return
		}
	}
}

func (s *Server) labeled(in <-chan Msg, quit chan struct{}) {
loop:
	for {
		select {
		case m, ok := <-in:
			if !ok {
				break loop
			}
			if m.ID == 0 {
				continue loop
			}
			go s.process(m) // want `go s.process\(m\) starts a goroutine per event`
		case <-quit:
			break loop
		}
	}
}

func groupPerEvent(ctx context.Context, in <-chan Msg) error {
	g, ctx := errgroup.WithContext(ctx)
	for m := range in {
		g.Go(func() error { // want `g.Go\(...\) starts a goroutine per event in an event loop that ranges over in, so goroutines grow with load; call SetLimit on an errgroup`
			return store(ctx, m)
		})
	}
	return g.Wait()
}

func groupLimited(ctx context.Context, in <-chan Msg) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(32)
	for m := range in {
		g.Go(func() error { // ok: SetLimit caps the group
			return store(ctx, m)
		})
	}
	return g.Wait()
}

// NewServer limits the shared pool once; the loops below inherit it.
func NewServer() *Server {
	s := &Server{pool: new(errgroup.Group)}
	s.pool.SetLimit(4)
	return s
}

func (s *Server) poolLoop(in <-chan Msg) {
	for m := range in {
		s.pool.Go(func() error { return process(m) }) // ok: SetLimit is called on s.pool
	}
}

func (s *Server) tryLoop(in <-chan Msg) {
	for m := range in {
		if !s.pool.TryGo(func() error { return process(m) }) { // ok: TryGo refuses when full
			log.Printf("dropped %d", m.ID)
		}
	}
}

func waitGroupGo(in <-chan Msg) {
	var wg sync.WaitGroup
	for m := range in {
		wg.Go(func() { process(m) }) // want `wg.Go\(...\) starts a goroutine per event`
	}
	wg.Wait()
}

func delayed(in <-chan Msg) {
	for m := range in {
		time.AfterFunc(time.Second, func() { process(m) }) // want `time.AfterFunc\(...\) starts a goroutine per event in an event loop that ranges over in, so goroutines grow with load; drive delayed work from one timer loop`
	}
}

// fanout notifies every subscriber of every event without waiting.
func fanout(events <-chan Msg, subs []chan<- Msg) {
	for ev := range events {
		for _, sub := range subs {
			go notify(sub, ev) // want `go notify\(sub, ev\) starts a goroutine per event`
		}
	}
}

// fanoutJoined waits for the fixed set of subscribers before the next event.
func fanoutJoined(events <-chan Msg, subs []chan<- Msg) {
	for ev := range events {
		var wg sync.WaitGroup
		for _, sub := range subs {
			wg.Add(1)
			go func() { // ok: joined by wg.Wait before the next event
				defer wg.Done()
				notify(sub, ev)
			}()
		}
		wg.Wait()
	}
}

// withTimeout runs each event's work on a goroutine it waits for.
func withTimeout(ctx context.Context, in <-chan Msg) {
	for m := range in {
		done := make(chan struct{})
		go func() { // ok: the iteration waits on done, which the goroutine closes
			defer close(done)
			process(m)
		}()
		select {
		case <-done:
		case <-ctx.Done():
			return
		}
	}
}

// Start starts the workers once, with a counted loop.
func Start(n int, jobs <-chan Msg) {
	for i := 0; i < n; i++ {
		go func() { // ok: a worker pool of n, not an event loop
			for j := range jobs {
				process(j)
			}
		}()
	}
}

// lazyStart starts the background loop on the first event only.
func (s *Server) lazyStart(in <-chan Msg) {
	for m := range in {
		s.mu.Lock()
		if !s.running {
			s.running = true
			go s.run() // ok: the flag lets this happen once
		}
		s.mu.Unlock()
		s.once.Do(func() {
			go s.compact() // ok: sync.Once
		})
		if s.started.CompareAndSwap(false, true) {
			go s.run() // ok: CompareAndSwap lets one event through
		}
		s.process(m)
	}
}

// Recv-style stream loop, as a gRPC server stream is read.
type stream interface {
	Recv() (*Msg, error)
}

func (s *Server) readStream(st stream) error {
	for {
		m, err := st.Recv()
		if err != nil {
			return err
		}
		go s.process(*m) // want `go s.process\(\*m\) starts a goroutine per event in an event loop that calls st.Recv`
	}
}

// Fanout is generic over the element.
func Fanout[T any](in <-chan T, f func(T)) {
	for v := range in {
		go f(v) // want `go f\(v\) starts a goroutine per event in an event loop that ranges over in`
	}
}

// logAndForward both logs and sends: more than a parked send, so it is
// goroutine work.
func logAndForward(in <-chan Msg, out chan<- Msg) {
	for m := range in {
		go func() { // want `go func\(\) \{...\}\(\) starts a goroutine per event`
			log.Printf("forwarding %d", m.ID)
			out <- m
		}()
	}
}

// startOnce starts the background loop outside of any loop.
func (s *Server) startOnce() {
	go s.run() // ok: not per event
}

// retry walks a fixed slice, not a stream of events.
func retry(items []Msg) {
	for _, it := range items {
		go process(it) // ok: not an event loop; the slice is already in memory
	}
}

// A group limited where it is made, then kept in a field or handed to a
// helper, is still limited.
type limitedFanout struct{ g *errgroup.Group }

func newLimitedFanout() *limitedFanout {
	g := new(errgroup.Group)
	g.SetLimit(8)
	return &limitedFanout{g: g}
}

func (f *limitedFanout) run(in <-chan Msg) error {
	for m := range in {
		f.g.Go(func() error { _ = m; return nil }) // ok: limited in newLimitedFanout
	}
	return f.g.Wait()
}

func runWith(g *errgroup.Group, in <-chan Msg) error {
	for m := range in {
		g.Go(func() error { _ = m; return nil }) // ok: its only caller limits it
	}
	return g.Wait()
}

func limitedCaller(in <-chan Msg) error {
	var g errgroup.Group
	g.SetLimit(4)
	return runWith(&g, in)
}
