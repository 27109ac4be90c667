package accumulator

import (
	"net/http"
	"sync"
	"time"
)

type Server struct {
	mu      sync.Mutex
	hits    []string
	clients map[string]time.Time
	cache   map[string][]byte
	seen    map[string]bool
	audit   []string
	inbox   []Msg
}

// ServeHTTP remembers every path ever requested.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits = append(s.hits, r.URL.Path) // want `s\.hits grows .* in an HTTP handler`
	s.mu.Unlock()
}

var visitors = map[string]int{}

func register(mux *http.ServeMux, s *Server) {
	mux.HandleFunc("/v", func(w http.ResponseWriter, r *http.Request) {
		visitors[r.RemoteAddr] = 1 // want `visitors gains a key .* registered with HandleFunc`
	})

	var trail []string
	mux.HandleFunc("/t", func(w http.ResponseWriter, r *http.Request) {
		trail = append(trail, r.URL.Path) // want `trail grows .* registered with HandleFunc`
	})

	mux.HandleFunc("/c", s.track)

	// ok: a per-request slice.
	mux.HandleFunc("/local", func(w http.ResponseWriter, r *http.Request) {
		var parts []string
		for k := range r.URL.Query() {
			parts = append(parts, k) // ok: declared in the handler
		}
		_ = parts
	})
}

// A method registered as a handler: its receiver lives as long as the mux.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	s.clients[r.RemoteAddr] = time.Now() // want `s\.clients gains .* registered with HandleFunc`
}

// ok: the cache evicts when it is full.
func (s *Server) cached(w http.ResponseWriter, r *http.Request) {
	if len(s.cache) > 1000 {
		for k := range s.cache {
			delete(s.cache, k)
			break
		}
	}
	s.cache[r.URL.Path] = nil // ok: bounded by the len check and delete
}

// ok: a janitor goroutine expires entries.
func (s *Server) remember(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen[r.URL.Path] = true // ok: the janitor deletes
	s.mu.Unlock()
}

func (s *Server) janitor(t *time.Ticker) {
	for range t.C {
		s.mu.Lock()
		s.seen = map[string]bool{}
		s.mu.Unlock()
	}
}

// ok: a rotation in another method swaps the slice out.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) {
	s.audit = append(s.audit, r.Method) // ok: rotate swaps it
}

func (s *Server) rotate() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.audit
	s.audit = nil
	return old
}

type request struct{ tags []string }

// ok: fields of a per-request value.
func tagged(w http.ResponseWriter, r *http.Request) {
	req := &request{}
	for k := range r.Header {
		req.tags = append(req.tags, k) // ok: req is per request
	}
}

type Msg struct{ Body string }

type Bus struct{}

func (b *Bus) Subscribe(topic string, fn func(Msg)) {}

func (s *Server) listen(b *Bus) {
	b.Subscribe("orders", func(m Msg) {
		s.inbox = append(s.inbox, m) // want `s\.inbox grows .* registered with Subscribe`
	})
}

// false negative: a helper called from the handler appends to a field of
// the server; whether the helper's receiver is per request is not known.
func (s *Server) logged(w http.ResponseWriter, r *http.Request) {
	s.note(r.URL.Path)
}

func (s *Server) note(path string) { s.hits = append(s.hits, path) }
