package accumulator

import (
	"bufio"
	"io"
	"net/http"
	"sync"
)

type Profile struct {
	Edges  []string
	Weight map[string]int
}

// ok: a profile parsed into a local struct and returned.
func parse(r io.Reader) *Profile {
	d := &Profile{Weight: map[string]int{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		d.Edges = append(d.Edges, line) // ok: d is returned when the input ends
		d.Weight[line] = len(line)      // ok: likewise
	}
	return d
}

type Parser struct {
	sc    *bufio.Scanner
	lines []string
}

// ok: the field is returned when the scan ends.
func (p *Parser) all() []string {
	for p.sc.Scan() {
		p.lines = append(p.lines, p.sc.Text()) // ok: returned after the loop
	}
	return p.lines
}

type Proxy struct {
	mu      sync.Mutex
	backend map[string]string
	procs   []string
	byUser  map[string]int
}

// ok: one backend per directory, started on the first request for it.
func (p *Proxy) Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if u := p.backend[dir]; u != "" {
			return
		}
		if p.backend == nil {
			p.backend = map[string]string{}
		}
		p.backend[dir] = r.Host           // ok: dir is the same for every request
		p.procs = append(p.procs, r.Host) // ok: runs once per dir, behind the cache hit
	})
}

// A lazy initialisation is not a reset.
func (p *Proxy) count(w http.ResponseWriter, r *http.Request) {
	if p.byUser == nil {
		p.byUser = map[string]int{}
	}
	p.byUser[r.Header.Get("User")] = 1 // want `p\.byUser gains a key per event in an HTTP handler`
}

// A loop bounded by a length collects a bounded amount.
func readUpTo(in <-chan string, limit int) []string {
	var got []string
	seen := map[string]struct{}{}
	for len(got) < limit {
		s, ok := <-in
		if !ok {
			break
		}
		if _, dup := seen[s]; !dup {
			seen[s] = struct{}{} // ok: at most limit keys
			got = append(got, s) // ok: at most limit items
		}
	}
	return got
}

type logDir struct{ id int32 }

// A named result handed back by a bare return is a finite collection.
func gatherDirs(results <-chan logDir) (all map[int32]logDir, err error) {
	all = make(map[int32]logDir)
	for r := range results {
		all[r.id] = r // ok: returned once the fan-in is drained
	}
	return
}
