package spawnloop

import (
	"sync"
	"time"
)

type Dispatcher struct {
	mu      sync.Mutex
	started bool
	sem     chan struct{}
	worker  func(Msg)
}

// spawn is a helper: each call starts a goroutine.
func (d *Dispatcher) spawn(m Msg) {
	go func() {
		process(m)
	}()
}

// goSafe runs f on a goroutine that survives panics.
func goSafe(f func()) {
	go func() {
		defer func() { recover() }()
		f()
	}()
}

// ensureLoop starts the background loop the first time only.
func (d *Dispatcher) ensureLoop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.started {
		return
	}
	d.started = true
	go d.loop()
}

func (d *Dispatcher) loop() {}

// spawnTwice reaches the go statement through two helpers.
func (d *Dispatcher) spawnTwice(m Msg) { d.spawn(m) }

func (d *Dispatcher) Run(in <-chan Msg) {
	for m := range in {
		d.spawn(m)                     // want `d.spawn\(...\) \(go func\(\) \{...\}\(\) in spawn\) starts a goroutine per event in an event loop that ranges over in`
		goSafe(func() { d.worker(m) }) // want `goSafe\(...\) \(go func\(\) \{...\}\(\) in goSafe\) starts a goroutine per event`
		d.ensureLoop()                 // ok: the helper starts its goroutine once
		d.spawnTwice(m)                // false negative: helpers are followed one call deep
		func() { go d.worker(m) }()    // want `go d.worker\(m\) starts a goroutine per event`
		spawner := d.worker
		go spawner(m) // want `go spawner\(m\) starts a goroutine per event`

		d.sem <- struct{}{}
		d.spawn(m) // ok: a semaphore slot is taken first
	}
}

// Starts guarded by state the start itself changes happen once per
// object, not once per event.

type conn struct{ timer *time.Timer }

type pool struct {
	//flow:edge policy=backpressure burst=none
	reqs chan *conn
}

func (p *pool) release(c *conn) {
	if c.timer != nil {
		c.timer.Reset(time.Minute)
	} else {
		c.timer = time.AfterFunc(time.Minute, func() {}) // ok: one timer per conn, reset after
	}
}

func (p *pool) serve() {
	for c := range p.reqs {
		p.release(c)
	}
}

type reader struct {
	version int
	//flow:edge policy=backpressure burst=none
	errs chan error
}

func (r *reader) start() {
	r.version++
	go func() {}()
}

func (r *reader) fetch() {
	for {
		if r.version == 0 {
			r.start() // ok: start bumps the version it is guarded by
		}
		if err := <-r.errs; err != nil {
			return
		}
	}
}

func counted(n int, ready chan int) {
	for j := 0; j < n; j++ {
		go func() { ready <- 1 }() // ok: a counted loop, not an event loop
		<-ready
	}
}

func ticks(updates func()) {
	ticker := time.Tick(time.Second)
	for {
		select {
		case <-ticker:
			go updates() // ok: once per tick, not per event
		}
	}
}
