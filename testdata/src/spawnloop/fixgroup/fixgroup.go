// Package fixgroup holds the errgroups spawnloop offers SetLimit for, and
// the near misses it leaves alone (marked "no fix").
package fixgroup

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Msg struct{ ID int }

func store(ctx context.Context, m Msg) error { return nil }
func process(m Msg)                          {}

func withContext(ctx context.Context, in <-chan Msg) error {
	g, ctx := errgroup.WithContext(ctx) // one group per call
	for m := range in {
		g.Go(func() error { // want `g.Go\(...\) starts a goroutine per event`
			return store(ctx, m)
		})
	}
	return g.Wait()
}

func zeroValue(in <-chan Msg) error {
	var g errgroup.Group
	for m := range in {
		g.Go(func() error { // want `g.Go\(...\) starts a goroutine per event`
			process(m)
			return nil
		})
	}
	return g.Wait()
}

// twoLoops feeds one group from two loops: one SetLimit bounds both, so
// the first finding carries the fix.
func twoLoops(ctx context.Context, a, b <-chan Msg) error {
	g, ctx := errgroup.WithContext(ctx)
	for m := range a {
		g.Go(func() error { return store(ctx, m) }) // want `g.Go\(...\) starts a goroutine`
	}
	for m := range b {
		g.Go(func() error { return store(ctx, m) }) // want `g.Go\(...\) starts a goroutine`
	}
	return g.Wait()
}

type Server struct{ pool *errgroup.Group }

func (s *Server) field(in <-chan Msg) {
	for m := range in {
		s.pool.Go(func() error { process(m); return nil }) // no fix: a field // want `per event`
	}
}

func param(g *errgroup.Group, in <-chan Msg) {
	for m := range in {
		g.Go(func() error { process(m); return nil }) // no fix: a parameter // want `per event`
	}
}

func allocated(in <-chan Msg) error {
	g := new(errgroup.Group)
	for m := range in {
		g.Go(func() error { process(m); return nil }) // no fix: not a listed shape // want `event`
	}
	return g.Wait()
}

func outerGroup(in <-chan Msg) error {
	var g errgroup.Group
	run := func() {
		for m := range in {
			g.Go(func() error { process(m); return nil }) // no fix: not local // want `event`
		}
	}
	run()
	return g.Wait()
}

func waitGroup(in <-chan Msg) {
	var wg sync.WaitGroup
	for m := range in {
		wg.Go(func() { process(m) }) // no fix: a WaitGroup has no limit // want `per event`
	}
	wg.Wait()
}

// mixed would get two fixes, each declaring the limit: it gets none.
func mixed(in, more <-chan Msg) error {
	var g errgroup.Group
	for m := range in {
		g.Go(func() error { process(m); return nil }) // no fix: one fix a function // want `event`
	}
	for m := range more {
		go process(m) // no fix: one fix a function // want `per event`
	}
	return g.Wait()
}
