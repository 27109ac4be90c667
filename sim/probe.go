package sim

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
)

// Probe is what DriveFunc saw of the process while it played a
// scenario's arrivals into a function.
type Probe struct {
	// Arrived counts the arrivals handed to the function, by class.
	Arrived [2]uint64
	// PeakGoroutines is the highest runtime.NumGoroutine seen, less the
	// count when the run began. DriveFunc's own two goroutines are
	// included, so a function that starts none peaks at 2.
	PeakGoroutines int
	// PeakHeap is the highest HeapInuse seen above its value when the run
	// began, in bytes; 0 if it never rose.
	PeakHeap uint64
	// Samples is how many times the process was read: once per bucket
	// of the run, and once more at its end.
	Samples int
}

// DriveFunc plays sc's arrival process (its load and burst; its stages
// are not used) into offer, one call per arrival, at the arrival's time or,
// when an earlier call blocked past it, as soon as that call returns. A
// sampler reads the goroutine count and the heap in use once per bucket
// and at the end. offer is given a context that ends at sc.Duration (or
// with ctx), so an offer blocked on a full program can give up.
//
// DriveFunc returns when the run is over and its own goroutines have
// returned; stopping whatever offer started is the caller's job. Like
// Drive it measures time with the clock, so it is meant for a
// testing/synctest bubble. runtime.NumGoroutine counts the whole process,
// so tests running in parallel with it inflate PeakGoroutines; so, for a
// moment, can a garbage collection that recycles many goroutines which
// have already exited. A test that judges the count runs the collector
// before the drive and turns it off during it (debug.SetGCPercent(-1)).
func DriveFunc(ctx context.Context, sc *Scenario, offer func(context.Context, Item)) (*Probe, error) {
	if sc.Duration <= 0 || !(sc.Rate > 0) || sc.Burst.Multiplier < 1 {
		return nil, errors.New("sim: DriveFunc needs a positive duration and rate, and a burst multiplier of at least 1")
	}
	ctx, cancel := context.WithTimeout(ctx, sc.Duration)
	defer cancel()
	p := &Probe{}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	baseGoroutines, baseHeap := runtime.NumGoroutine(), mem.HeapInuse
	read := func() {
		p.Samples++
		p.PeakGoroutines = max(p.PeakGoroutines, runtime.NumGoroutine()-baseGoroutines)
		runtime.ReadMemStats(&mem)
		if mem.HeapInuse > baseHeap {
			p.PeakHeap = max(p.PeakHeap, mem.HeapInuse-baseHeap)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	var arrived [2]uint64
	wg.Go(func() {
		timer := time.NewTimer(0)
		defer timer.Stop()
		arr := NewArrivals(sc)
		for it, ok := arr.Next(); ok; it, ok = arr.Next() {
			if !sleep(ctx, timer, it.At-time.Since(start)) {
				return
			}
			arrived[it.Class]++
			offer(ctx, it)
		}
	})
	wg.Go(func() {
		tick := time.NewTicker(bucketWidth(sc.Duration))
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				read()
			}
		}
	})
	wg.Wait()
	read()
	p.Arrived = arrived
	return p, nil
}
