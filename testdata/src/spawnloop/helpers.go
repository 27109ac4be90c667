package spawnloop

import "sync"

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
