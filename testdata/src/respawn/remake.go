package respawn

import "sync"

type Job struct{ ID int }

type Pool struct {
	jobs    chan Job
	results chan Job
	changed chan struct{}
	wg      sync.WaitGroup
	mu      sync.Mutex
}

func (p *Pool) work() {
	for j := range p.jobs {
		p.results <- j
	}
}

// Each resize re-makes the channel the previous pass's worker reads.
func (p *Pool) resize(sizes <-chan int) {
	for n := range sizes {
		p.jobs = make(chan Job, n) // want `^respawn: p\.jobs is re-made while the goroutine started on line 25 may still use the old channel and nothing joined it; each restart strands a worker and what it held; drain and join the old worker \(close, then wait on a done channel or sync\.WaitGroup\) before re-making$`
		go p.work()
	}
}

// The worker is started, then the channel it reads is swapped.
func (p *Pool) swap() {
	go p.work()
	p.jobs = make(chan Job, 16) // want `p\.jobs is re-made while the goroutine started on line 31`
}

func writer(ch <-chan []byte) {
	for range ch {
	}
}

// The first writer keeps the only handle to its channel.
func redial(fail bool) {
	send := make(chan []byte, 16)
	go writer(send)
	if fail {
		send = make(chan []byte, 16) // want `send is re-made while the goroutine`
		go writer(send)
	}
	send <- nil
}

// A closure reading a captured channel.
func relay(in <-chan Job) {
	out := make(chan Job)
	go func() {
		for j := range out {
			_ = j
		}
	}()
	out = make(chan Job) // want `out is re-made while the goroutine`
	for j := range in {
		out <- j
	}
}

// Closing and re-making a data channel leaves readers on the old one.
func (p *Pool) Reset() {
	close(p.results)
	p.results = make(chan Job, 64) // want `^respawn: p\.results is closed and re-made without draining: readers still on the old channel race with the new one and what it buffered is left behind; drain and join the readers \(let them range to the close, then wait\) before re-making$`
}

func (p *Pool) collect() {
	for r := range p.results {
		_ = r
	}
}

// A generic stage restarted under a running worker.
type Stage[T any] struct {
	in     chan T
	cancel func()
}

func (s *Stage[T]) pump() {
	for v := range s.in {
		_ = v
	}
}

func (s *Stage[T]) Restart() {
	go s.pump()
	s.in = make(chan T, 8) // want `s\.in is re-made while the goroutine`
}

func (s *Stage[T]) Reload() {
	s.cancel()
	s.cancel = func() {}
	go s.pump() // want `go s\.pump\(\.\.\.\) starts a new worker after s\.cancel\(\)`
}

// ok: the channel is made before the worker starts.
func (p *Pool) Start() {
	p.jobs = make(chan Job, 16) // ok: no goroutine yet
	go p.work()
}

// ok: the old worker is drained and joined first.
func (p *Pool) Resize(n int) {
	close(p.jobs)
	p.wg.Wait()
	p.jobs = make(chan Job, n) // ok: joined
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.work()
	}()
}

// ok: a broadcast: closing a signal channel wakes every waiter.
func (p *Pool) notify() {
	p.mu.Lock()
	close(p.changed)
	p.changed = make(chan struct{}) // ok: signal channel
	p.mu.Unlock()
}

// ok: one channel per worker, each kept in the slice.
func fanOut(n int) []chan Job {
	var chans []chan Job
	var ch chan Job
	for i := 0; i < n; i++ {
		ch = make(chan Job, 1) // ok: handed to the worker and kept
		go func(c chan Job) { <-c }(ch)
		chans = append(chans, ch)
	}
	return chans
}

// ok: the handle is kept before the re-make.
func handOff(keep func(chan []byte)) {
	send := make(chan []byte)
	go writer(send)
	keep(send)
	send = make(chan []byte) // ok: the old channel was handed on
	keep(send)
}

// ok: the goroutine does not use the re-made channel.
func (p *Pool) unrelated() {
	go p.tick()
	p.results = make(chan Job, 8) // ok: tick does not read p.results
}

func (p *Pool) tick() {}

// ok: nothing in the package reads this channel.
type Sink struct{ out chan Job }

func (s *Sink) Reset() {
	close(s.out)
	s.out = make(chan Job) // ok: no reader here to strand
}

// false negative: the worker reading p.jobs was started by another method,
// and this one re-makes the channel under it.
func (p *Pool) Renew() {
	p.jobs = make(chan Job, 32)
}

type task struct {
	start chan bool
	end   chan struct{}
}

// ok: each pass makes channels for a different task: the range variable
// names a new task every time.
func runAll(tasks []*task) {
	for _, t := range tasks {
		t.start = make(chan bool) // ok: a fresh task each pass
		t.end = make(chan struct{})
		go func(t *task) {
			<-t.start
			close(t.end)
		}(t)
	}
}
