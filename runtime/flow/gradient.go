package flow

import (
	"fmt"
	"sync"
)

// Hop is one edge of an ordered chain and the operator that reads from it.
type Hop struct {
	Edge Source
	To   string
}

// Gradient reads the occupancy gradient of a chain of edges, listed from
// source to sink, and names the bottleneck. A slow operator fills the edge
// in front of it and, through backpressure, every edge upstream, while the
// edges after it stay empty; so the bottleneck is the operator right after
// the rightmost edge that stays full.
//
// An edge counts as persistently full if at least Persist of the samples in
// the window show it at least FullAt of its capacity. An unbuffered edge
// has no occupancy to read and never counts as full.
//
// A Gradient keeps a fixed window of samples and is safe for concurrent use.
type Gradient struct {
	FullAt  float64 // fraction of capacity that counts as full; 0 means 0.9
	Persist float64 // fraction of samples that must be full; 0 means 0.8

	mu      sync.Mutex
	hops    []Hop
	window  int
	samples []float64 // ring of window rows, one column per hop
	rows    int       // rows filled, up to window
	next    int       // row the next sample goes to
}

// NewGradient watches the chain of hops, keeping the last window samples.
func NewGradient(window int, hops ...Hop) (*Gradient, error) {
	if window < 1 {
		return nil, fmt.Errorf("gradient window %d, want at least 1 sample", window)
	}
	if len(hops) == 0 {
		return nil, fmt.Errorf("gradient needs at least one hop")
	}
	for i, h := range hops {
		if h.To == "" {
			return nil, fmt.Errorf("gradient hop %d has no reading operator", i)
		}
	}
	return &Gradient{
		hops:    hops,
		window:  window,
		samples: make([]float64, window*len(hops)),
	}, nil
}

// Sample reads every hop's occupancy now and records it.
func (g *Gradient) Sample() {
	g.mu.Lock()
	defer g.mu.Unlock()
	row := g.row()
	for i, h := range g.hops {
		if h.Edge == nil {
			continue
		}
		st := h.Edge.Stats()
		if st.Capacity > 0 {
			row[i] = float64(st.Occupancy) / float64(st.Capacity)
		}
	}
}

// Record adds one sample of occupancy fractions, one per hop in chain
// order, for readings taken elsewhere (a metrics scrape, a log).
func (g *Gradient) Record(fractions ...float64) error {
	if len(fractions) != len(g.hops) {
		return fmt.Errorf("gradient sample has %d readings for %d hops",
			len(fractions), len(g.hops))
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	copy(g.row(), fractions)
	return nil
}

// row claims the next ring row, cleared, and advances the ring.
func (g *Gradient) row() []float64 {
	n := len(g.hops)
	row := g.samples[g.next*n : (g.next+1)*n]
	clear(row)
	g.next = (g.next + 1) % g.window
	g.rows = min(g.rows+1, g.window)
	return row
}

// Bottleneck names the operator after the rightmost persistently full
// edge. It reports false until the window has filled, and when no edge
// stays full.
func (g *Gradient) Bottleneck() (operator string, ok bool) {
	fullAt, persist := g.FullAt, g.Persist
	if fullAt == 0 {
		fullAt = 0.9
	}
	if persist == 0 {
		persist = 0.8
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.rows < g.window {
		return "", false
	}
	n := len(g.hops)
	for i := n - 1; i >= 0; i-- {
		full := 0
		for r := range g.window {
			if g.samples[r*n+i] >= fullAt {
				full++
			}
		}
		if float64(full) >= persist*float64(g.window) {
			return g.hops[i].To, true
		}
	}
	return "", false
}
