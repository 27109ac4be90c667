// Package spawnloop defines an analyzer that reports goroutines started
// once per event with nothing bounding how many run at once.
//
// # Analyzer spawnloop
//
// spawnloop: report goroutines started per event with no bound
//
// A goroutine started for every message, connection or request is a queue
// whose length is the backlog: under a burst the process holds one stack,
// and whatever the goroutine captured, per event still in flight, until
// memory or a downstream limit gives out. spawnloop reports a go statement,
// errgroup.Group.Go, sync.WaitGroup.Go or time.AfterFunc in an event loop
// (a range over a channel, a for/select receiving data, a loop around
// Accept, Read, Recv, Next and their kin) or in a per-event handler (an
// HTTP handler, a gRPC method, a callback registered with HandleFunc,
// Subscribe and their kin, and the same-package functions they call). A
// call, in an event loop, of a same-package function that starts a
// goroutine is reported at the call.
//
// A start is bounded, and not reported, when the same iteration first
// acquires a slot (a send on a semaphore channel, semaphore.Weighted
// Acquire, or another configured bound primitive), when the errgroup has
// SetLimit called on it, when the Accept loop's function wraps its
// listener with netutil.LimitListener, when the iteration waits for the
// goroutines before the next event (wg.Wait, g.Wait, or a receive from a
// channel they send on or close), or when a guard lets it run once
// (sync.Once, an if that sets the flag it tests, a CompareAndSwap).
// Worker pools started by a counted loop are not event loops.
//
// Two simple shapes get a suggested fix: SetLimit on an errgroup declared
// in the function before the loop, and a semaphore channel around a go
// statement written directly in a loop over a channel. The bound is a
// constant whose comment says it is a starting point to tune.
//
// A goroutine whose only job is to send one value is reported by the
// unbounded rule instead, and one whose only job is to log by firelog.
package spawnloop
