package accumulator

import (
	"context"
	"net"
	"time"
)

type Event struct {
	ID    string
	Items []string
	Skip  bool
	State State
}

type State int

const (
	Pending State = iota
	Done
)

type Store struct {
	in       chan Event
	log      []Event
	buf      []Event
	byState  map[State]Event
	latest   map[string]Event
	recent   []Event
	queue    []Event
	sessions map[string]Event
	conns    []net.Conn
	pending  []Event
	names    []string
	items    []Event
	index    map[string]int
}

func NewStore() *Store {
	return &Store{in: make(chan Event, 8), index: map[string]int{}}
}

func (s *Store) run() {
	for ev := range s.in {
		s.log = append(s.log, ev) // want `^accumulator: s\.log grows by an append per event in an event loop that ranges over s\.in and is never reset; flush at a threshold \(if len\(s\.log\) >= N\) and reset after the flush, or keep a bounded ring$`
	}
}

// The map is made in the constructor and never emptied after.
func (s *Store) indexAll() {
	for ev := range s.in {
		s.index[ev.ID] = len(ev.Items) // want `^accumulator: s\.index gains a key per event in an event loop that ranges over s\.in and nothing deletes from it; evict with an LRU or TTL, or check len\(s\.index\) against a limit before inserting$`
	}
}

// A flush on the ticker that forgets to reset.
func flushNoReset(ctx context.Context, in <-chan Event, sink func([]Event)) {
	var buf []Event
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case ev := <-in:
			buf = append(buf, ev) // want `^accumulator: buf is handed to sink but never reset, so it grows by an append per event in an event loop that receives from in; reset it after the flush \(buf = buf\[:0\]\)$`
		case <-t.C:
			sink(buf)
		case <-ctx.Done():
			return
		}
	}
}

func dedup(ctx context.Context, in <-chan Event, out chan<- Event) {
	seen := map[string]bool{}
	for {
		select {
		case ev := <-in:
			if seen[ev.ID] {
				continue
			}
			seen[ev.ID] = true // want `seen gains a key per event`
			out <- ev
		case <-ctx.Done():
			return
		}
	}
}

// Labeled continue skips some events; the rest accumulate.
func (s *Store) labeled(ctx context.Context, msgs <-chan Event) {
outer:
	for {
		select {
		case m := <-msgs:
			if m.Skip {
				continue outer
			}
			s.pending = append(s.pending, m) // want `s\.pending grows by an append per event`
		case <-ctx.Done():
			break outer
		}
	}
}

// Every accepted connection is remembered forever.
func (s *Store) serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		s.conns = append(s.conns, conn) // want `s\.conns grows .* loop that calls ln\.Accept`
		go func() { _ = conn.Close() }()
	}
}

// The inner loop walks the event, not a stream: the outer loop is the
// event loop the field outlives.
func (s *Store) nested() {
	for ev := range s.in {
		for _, name := range ev.Items {
			s.names = append(s.names, name) // want `s\.names grows .* ranges over s\.in`
		}
	}
}

var history []string

func record(in <-chan Event) {
	for ev := range in {
		history = append(history, ev.ID) // want `history grows by an append per event`
	}
}

// A worker started through a helper, appending to its creator's slice.
func spawn(f func()) { go f() }

func startWorker(jobs <-chan Event) {
	var done []string
	spawn(func() {
		for j := range jobs {
			done = append(done, j.ID) // want `done grows by an append per event`
		}
	})
}

// Resetting before the loop starts does not bound what the loop adds.
func (s *Store) resetOnce() {
	s.queue = nil
	for ev := range s.in {
		s.queue = append(s.queue, ev) // want `s\.queue grows by an append per event`
	}
}

// ok: a batch declared in the loop body lives for one event.
func perEvent(in <-chan Event, sink func([]Event)) {
	for ev := range in {
		batch := []Event{}
		for range ev.Items {
			batch = append(batch, ev) // ok: per-event local
		}
		sink(batch)
	}
}

// ok: flushed at a threshold.
func (s *Store) threshold(sink func([]Event)) {
	for ev := range s.in {
		s.buf = append(s.buf, ev) // ok: len(s.buf) is checked against a bound below
		if len(s.buf) >= 100 {
			sink(s.buf)
			s.buf = s.buf[:0]
		}
	}
}

// ok: the ticker clause flushes and resets.
func tickerFlush(ctx context.Context, in <-chan Event, sink func([]Event)) {
	var buf []Event
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case ev := <-in:
			buf = append(buf, ev) // ok: reset in the ticker clause
		case <-t.C:
			sink(buf)
			buf = buf[:0]
		case <-ctx.Done():
			return
		}
	}
}

// ok: sessions are deleted when they end, in another method.
func (s *Store) open(in <-chan Event) {
	for ev := range in {
		s.sessions[ev.ID] = ev // ok: delete in s.end
	}
}

func (s *Store) end(id string) { delete(s.sessions, id) }

// ok: a fan-out's results, collected until the channel closes and returned.
func collect(results <-chan Event) []Event {
	var out []Event
	for r := range results {
		out = append(out, r) // ok: finite collection used after the loop
	}
	return out
}

// ok: returned from inside a select loop when the source closes.
func collectSelect(ctx context.Context, results <-chan Event) []Event {
	var out []Event
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return out
			}
			out = append(out, r) // ok: returned when the loop ends
		case <-ctx.Done():
			return nil
		}
	}
}

// ok: a ring that drops the oldest.
func (s *Store) ring() {
	for ev := range s.in {
		s.recent = append(s.recent[1:], ev) // ok: appends to a trimmed slice, not to itself
	}
}

// ok: a cap guards the append.
func (s *Store) capped(max int) {
	for ev := range s.in {
		if len(s.items) < max {
			s.items = append(s.items, ev) // ok: guarded by a length check
		}
	}
}

// ok: a constant key and an enumeration key cannot grow the map.
func (s *Store) last() {
	for ev := range s.in {
		s.latest["last"] = ev    // ok: constant key
		s.byState[ev.State] = ev // ok: State is an enumeration
	}
}

// ok: not an event loop, the slice is walked.
func (s *Store) load(evs []Event) {
	for _, ev := range evs {
		s.items = append(s.items, ev) // ok: not per event
	}
}

// ok: clear in the ticker clause.
func window(ctx context.Context, in <-chan Event) {
	counts := map[string]int{}
	t := time.NewTicker(time.Minute)
	for {
		select {
		case ev := <-in:
			counts[ev.ID] = counts[ev.ID] + 1 // ok: cleared every minute
		case <-t.C:
			clear(counts)
		case <-ctx.Done():
			return
		}
	}
}

// false negative: the growth is in a method the loop calls; the loop's
// per-event place does not follow calls.
func (s *Store) viaHelper() {
	for ev := range s.in {
		s.add(ev)
	}
}

func (s *Store) add(ev Event) { s.log = append(s.log, ev) }

// false negative: a counter map keyed by ID grows just the same, but an
// increment is not read as an insert.
func counter(in <-chan Event, n map[string]int) {
	for ev := range in {
		n[ev.ID]++
	}
}

type reader interface{ Read(p []byte) (int, error) }

// ok: chunks are joined and returned when the stream ends.
func readAll(r reader) ([]byte, error) {
	var chunks [][]byte
	for {
		b := make([]byte, 512)
		n, err := r.Read(b)
		if err != nil {
			var all []byte
			for _, c := range chunks {
				all = append(all, c...)
			}
			return all, nil
		}
		chunks = append(chunks, b[:n]) // ok: consumed in the block that returns
	}
}

// ok: the key is fixed for the whole loop, so the map holds one entry.
func (s *Store) latestFor(source string) {
	for ev := range s.in {
		s.latest[source] = ev // ok: source is declared outside the loop
	}
}
