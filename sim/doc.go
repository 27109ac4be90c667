// Package sim is the burst simulator: it plays a scenario (a chain of
// operators joined by edges, a nominal arrival rate and a burst) in virtual
// time and reports what each edge did: occupancy, drops by priority,
// timeouts, and the High class's end-to-end latency against its SLO.
//
// Two engines play the same scenario. Model is a discrete-event model that
// runs millions of events in seconds; Drive runs the real runtime/flow
// edges and priority sink with one goroutine per operator, and is meant to
// run inside a testing/synctest bubble so that its sleeps take no wall
// time. Both take every admission decision from runtime/flow (Admit,
// AdmitPriority), and a test checks that they agree.
package sim
