package spawnloop

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type API struct{ s *Server }

// ServeHTTP runs once per request on net/http's goroutine; a go inside it
// is one more goroutine per request.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go a.s.process(Msg{ID: 1}) // want `go a.s.process\(Msg\{…\}\) starts a goroutine per event in an HTTP handler`
	w.WriteHeader(http.StatusAccepted)
}

func (a *API) register(mux *http.ServeMux) {
	mux.HandleFunc("/ingest", func(w http.ResponseWriter, r *http.Request) {
		go a.audit(r.URL.Path) // want `go a.audit\(r.URL.Path\) starts a goroutine per event in a callback registered with HandleFunc`
	})
	mux.HandleFunc("/batch", func(w http.ResponseWriter, r *http.Request) {
		parts := []string{"a", "b"}
		var wg sync.WaitGroup
		for _, p := range parts {
			wg.Add(1)
			go func() { // ok: joined before the handler returns
				defer wg.Done()
				a.audit(p)
			}()
		}
		wg.Wait()
	})
}

// audit is called from handlers, so it is per-event code too.
func (a *API) audit(path string) {
	go a.s.run() // want `go a.s.run\(\) starts a goroutine per event in a function called from`
}

type flushWriter struct {
	t *time.Timer
}

func (f *flushWriter) flush() {}
func (f *flushWriter) stop()  { f.t.Stop() }

// Proxy starts helpers whose lifetime is the request's.
func (a *API) Proxy(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	notify := make(chan bool)
	go func() { // ok: ends when the deferred cancel fires
		select {
		case <-notify:
			cancel()
		case <-ctx.Done():
		}
	}()

	closed := make(chan bool)
	defer close(closed)
	go func() { // ok: ends when the handler closes closed
		<-closed
		a.audit("closed")
	}()

	fw := &flushWriter{}
	defer fw.stop()
	fw.t = time.AfterFunc(time.Second, fw.flush) // ok: the handler stops the timer

	time.AfterFunc(time.Second, fw.flush) // want `time.AfterFunc\(...\) starts a goroutine per event in an HTTP handler`

	go func() { // want `go func\(\) \{...\}\(\) starts a goroutine per event in an HTTP handler`
		for range notify { // nothing ends this loop when the handler returns
			a.audit("again")
		}
	}()
}

// A goroutine that waits on the request's own context ends with the
// request: net/http cancels it when the handler returns.
func (a *API) Stream(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() { // ok: tied to the request's context
		<-ctx.Done()
		a.s.process(Msg{})
	}()
	go func() { // ok: likewise, spelled out
		<-r.Context().Done()
	}()
	w.WriteHeader(http.StatusOK)
}

// A debouncer keeps one timer per key and stops the previous one.
type debouncer struct {
	mu     sync.Mutex
	timers map[string]*time.Timer
}

func (d *debouncer) run(in <-chan Msg) {
	for m := range in {
		d.mu.Lock()
		if t, ok := d.timers[key(m)]; ok {
			t.Stop()
		}
		k := key(m)
		d.timers[k] = time.AfterFunc(time.Second, func() { // ok: one live timer per key
			d.mu.Lock()
			delete(d.timers, k)
			d.mu.Unlock()
		})
		d.mu.Unlock()
	}
}

func (d *debouncer) runLeaky(in <-chan Msg) {
	for m := range in {
		d.timers[key(m)] = time.AfterFunc(time.Second, func() {}) // want `spawnloop: time.AfterFunc`
	}
}

func key(m Msg) string { return string(m.Body) }
