package respawn

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type Config struct{ Workers int }

type Service struct {
	cancel  context.CancelFunc
	quit    chan struct{}
	done    chan struct{}
	wg      sync.WaitGroup
	stopped func()
	mu      sync.Mutex
}

func (s *Service) run(ctx context.Context, cfg Config) { <-ctx.Done() }

func (s *Service) loop() {
	for {
		select {
		case <-s.quit:
			return
		}
	}
}

// Reload cancels the running worker and starts the next at once.
func (s *Service) Reload(cfg Config) {
	s.cancel()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.run(ctx, cfg) // want `^respawn: go s\.run\(\.\.\.\) starts a new worker after s\.cancel\(\) without waiting for the old one to exit, so every restart can leave one more worker running; drain and join the old worker \(wait on its done channel or sync\.WaitGroup\) before starting the new one$`
}

// Restart closes the quit channel and replaces it without waiting.
func (s *Service) Restart() {
	close(s.quit)
	s.quit = make(chan struct{})
	go s.loop() // want `go s\.loop\(\.\.\.\) starts a new worker after close\(s\.quit\)`
}

// A reload loop over configuration updates.
func supervise(parent context.Context, updates <-chan Config) {
	var cancel context.CancelFunc
	for cfg := range updates {
		if cancel != nil {
			cancel()
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(parent)
		go worker(ctx, cfg) // want `go worker\(\.\.\.\) starts a new worker after cancel\(\)`
	}
}

func worker(ctx context.Context, cfg Config) { <-ctx.Done() }

// A select loop with a labeled break: reloads restart without a join.
func (s *Service) control(ctx context.Context, reload <-chan Config) {
	var stop context.CancelFunc = func() {}
outer:
	for {
		select {
		case <-ctx.Done():
			break outer
		case cfg := <-reload:
			stop()
			var wctx context.Context
			wctx, stop = context.WithCancel(ctx)
			go s.run(wctx, cfg) // want `starts a new worker after stop\(\)`
		}
	}
	stop()
}

// The stop and the start both go through helpers.
func (s *Service) Bounce(cfg Config) {
	s.halt()
	s.start(cfg) // want `s\.start\(\.\.\.\) starts a new worker after s\.cancel\(\)`
}

func (s *Service) halt() { s.cancel() }

func (s *Service) start(cfg Config) {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.run(ctx, cfg)
}

// An HTTP handler that reloads the pipeline on request.
func register(mux *http.ServeMux, s *Service) {
	var cancel context.CancelFunc = func() {}
	mux.HandleFunc("/reload", func(w http.ResponseWriter, r *http.Request) {
		cancel()
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		go s.run(ctx, Config{}) // want `go s\.run\(\.\.\.\) starts a new worker after cancel\(\)`
	})
}

// A func-typed field named for stopping counts as a cancel function.
func (s *Service) swap(cfg Config) {
	s.stopped()
	ctx, cancel := context.WithCancel(context.Background())
	s.stopped = cancel
	go func() { // want `go func\(\) \{\.\.\.\}\(\) starts a new worker after s\.stopped\(\)`
		s.run(ctx, cfg)
	}()
}

// ok: the old worker is joined before the new one starts.
func (s *Service) ReloadJoined(cfg Config) {
	s.cancel()
	s.wg.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.wg.Add(1)
	go func() { // ok: joined with s.wg.Wait
		defer s.wg.Done()
		s.run(ctx, cfg)
	}()
}

// ok: waits on the done channel, with a timeout.
func (s *Service) RestartDone() {
	close(s.quit)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
	}
	s.quit = make(chan struct{})
	go s.loop() // ok: the done channel was awaited
}

// ok: the helper stops and joins.
func (s *Service) ReloadViaStop(cfg Config) {
	s.stopAndWait()
	s.start(cfg) // ok: stopAndWait joins
}

func (s *Service) stopAndWait() {
	s.cancel()
	<-s.done
}

// ok: stop in one branch, start in the other.
func (s *Service) Toggle(on bool, cfg Config) {
	if !on {
		s.cancel()
		s.cancel = func() {}
	} else {
		go s.run(context.Background(), cfg) // ok: exclusive branches
	}
}

// ok: the stop path returns before the start.
func (s *Service) Apply(cfg Config, err error) {
	if err != nil {
		s.cancel()
		s.cancel = func() {}
		return
	}
	go s.run(context.Background(), cfg) // ok: the cancel returns first
}

// ok: a cancel that is not replaced ends work for good.
func (s *Service) Close() {
	s.cancel()
	go s.flushLater() // ok: not a restart, the cancel func is never replaced
}

func (s *Service) flushLater() {}

// ok: a deferred cancel runs at return, after the go.
func spawnWithTimeout(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	go worker(ctx, Config{}) // ok: no stop before it
	<-ctx.Done()
}

// false negative: the cancel comes after the go in the loop body; the
// next pass starts a worker right after the previous cancel.
func rotate(parent context.Context, ticks <-chan time.Time) {
	var cancel context.CancelFunc
	for range ticks {
		var ctx context.Context
		ctx, cancel = context.WithCancel(parent)
		go worker(ctx, Config{})
		time.Sleep(time.Second)
		cancel()
	}
}

type Runner struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	cancel func()
	procs  []func()
}

// ok: a teardown: it cancels, waits for the processes it fans out to, and
// clears the cancel function rather than replacing it.
func (r *Runner) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cancel()
	for _, p := range r.procs {
		r.wg.Add(1)
		go func() { // ok: joined below, and r.cancel is cleared, not replaced
			p()
			r.wg.Done()
		}()
	}
	r.wg.Wait()
	r.cancel = nil
}

// ok: the new worker is waited for before the function returns.
func (r *Runner) Once(ctx context.Context) {
	r.cancel()
	ctx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	done := make(chan struct{})
	go func() { // ok: joined through done below
		defer close(done)
		<-ctx.Done()
	}()
	<-done
}

// ok: clearing the cancel function is a teardown, not a restart.
func (r *Runner) Stop() {
	r.cancel()
	r.cancel = nil
	go r.report() // ok: nothing new replaces what was cancelled
}

func (r *Runner) report() {}
