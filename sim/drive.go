package sim

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// Drive plays sc on the real runtime: a flow.Edge, or a flow.PrioritySink
// for a priority stage, per stage; one goroutine per operator that
// receives, spends its service time asleep and sends on; one goroutine
// that offers the arrivals at their times; and one that samples occupancy
// and the goroutine count once per bucket. It stops at sc.Duration (or
// when ctx ends) and reports as Model does.
//
// Drive measures time with the clock, so it is meant for a testing/synctest
// bubble, where the clock is virtual and a five-minute scenario takes as
// long as its goroutines take to run. Outside one it runs in real time.
func Drive(ctx context.Context, sc *Scenario) (*Report, error) {
	d, err := newDriver(sc)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, sc.Duration)
	defer cancel()
	d.start = time.Now()
	var wg sync.WaitGroup
	wg.Go(func() { d.offer(ctx) })
	for i := range d.stages {
		wg.Go(func() { d.operate(ctx, i) })
	}
	wg.Go(func() { d.sample(ctx) })
	wg.Wait()
	return d.report(), nil
}

// stageEdge is what an operator needs of its input, whichever runtime type
// carries it.
type stageEdge interface {
	flow.Source
	Len() int
	send(ctx context.Context, it Item) error
	recv(ctx context.Context) (Item, error)
	close()
}

type plainEdge struct{ *flow.Edge[Item] }

func (e plainEdge) send(ctx context.Context, it Item) error { return e.Send(ctx, it) }
func (e plainEdge) recv(ctx context.Context) (Item, error)  { return e.Recv(ctx) }
func (e plainEdge) close()                                  { e.Close() }

type priorityEdge struct{ *flow.PrioritySink[Item] }

func (e priorityEdge) send(_ context.Context, it Item) error { return e.Send(it) }
func (e priorityEdge) close()                                { e.Close() }

func (e priorityEdge) recv(ctx context.Context) (Item, error) {
	it, _, err := e.Recv(ctx)
	return it, err
}

func classOf(it Item) flow.Priority { return it.Class }

// driveStage is one stage's edge and the counts of the goroutines around
// it. Each count has a single writer (the edge's sender or its operator),
// and the report reads them only after every goroutine has returned.
type driveStage struct {
	edge     stageEdge
	service  time.Duration
	highOnly bool

	// written by the sender of the edge
	peak    int
	dropped [2]uint64
	// written by the operator
	holding   *Item // the item it had when the run stopped
	delivered [2]uint64
	filtered  [2]uint64
	// written by the sampler
	occupancy [Buckets]int32
	sampled   float64 // sum of sampled occupancy, for the mean
}

type driver struct {
	sc      *Scenario
	start   time.Time
	stages  []*driveStage
	rep     Report
	arrived [2]uint64
	source  *Item // the arrival offered when the run stopped
	// written by the last operator
	latency   Histogram
	lastHigh  uint64
	unordered uint64
	// written by the sampler
	samples, baseline, peakGoroutines int
	caughtUp                          bool
	catchUp                           time.Duration
}

func newDriver(sc *Scenario) (*driver, error) {
	d := &driver{sc: sc}
	for _, st := range sc.Stages {
		ds := &driveStage{service: serviceTime(st.Rate), highOnly: st.HighOnly}
		if st.Priority {
			s, err := flow.NewPrioritySink(st.Edge, classOf)
			if err != nil {
				return nil, err
			}
			ds.edge = priorityEdge{s}
		} else {
			e, err := flow.NewEdge[Item](st.Edge)
			if err != nil {
				return nil, err
			}
			ds.edge = plainEdge{e}
		}
		d.stages = append(d.stages, ds)
	}
	return d, nil
}

// elapsed is the run's clock, in the same units as Item.At.
func (d *driver) elapsed() time.Duration { return time.Since(d.start) }

// offer is the arrival process: it sends each item at its time, or as soon
// as it can when the first edge held it back.
func (d *driver) offer(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	arr := NewArrivals(d.sc)
	for it, ok := arr.Next(); ok; it, ok = arr.Next() {
		if !sleep(ctx, timer, it.At-d.elapsed()) {
			return
		}
		d.arrived[it.Class]++
		if !d.forward(ctx, 0, it) {
			d.source = &it
			return
		}
	}
}

// forward sends it on stage i's edge and counts the outcome. It returns
// false only when the run stopped while the send waited.
func (d *driver) forward(ctx context.Context, i int, it Item) bool {
	st := d.stages[i]
	err := st.edge.send(ctx, it)
	switch {
	case err == nil:
		st.peak = max(st.peak, st.edge.Len())
	case errors.Is(err, flow.ErrShed) || errors.Is(err, flow.ErrTimeout):
		st.dropped[it.Class]++
	default:
		return false
	}
	return true
}

// operate is operator i: one item at a time, for its service time each.
func (d *driver) operate(ctx context.Context, i int) {
	st := d.stages[i]
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		it, err := st.edge.recv(ctx)
		if err != nil {
			return
		}
		if !sleep(ctx, timer, st.service) {
			st.holding = &it
			return
		}
		switch {
		case st.highOnly && it.Class == flow.Low:
			st.filtered[it.Class]++
		case i == len(d.stages)-1:
			d.deliver(st, it)
		case !d.forward(ctx, i+1, it):
			st.holding = &it
			return
		}
	}
}

func (d *driver) deliver(st *driveStage, it Item) {
	st.delivered[it.Class]++
	if it.Class != flow.High {
		return
	}
	d.latency.Record(d.elapsed() - it.At)
	if it.Seq <= d.lastHigh {
		d.unordered++
	} else {
		d.lastHigh = it.Seq
	}
}

// sleep waits d on the clock, reusing t; it reports false if ctx ended
// first.
func sleep(ctx context.Context, t *time.Timer, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t.Reset(d)
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// sample reads every edge's occupancy once per bucket. It is also where a
// program's own cost under the burst shows: the goroutine count is read
// with the edges.
func (d *driver) sample(ctx context.Context) {
	width := bucketWidth(d.sc.Duration)
	tick := time.NewTicker(width)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			d.sampleOnce(d.elapsed(), width)
		}
	}
}

func (d *driver) sampleOnce(now, width time.Duration) {
	total := 0
	b := min(int(now/width), Buckets-1)
	for _, st := range d.stages {
		n := st.edge.Len()
		total += n
		st.occupancy[b] = max(st.occupancy[b], int32(n))
		st.sampled += float64(n)
	}
	d.samples++
	d.peakGoroutines = max(d.peakGoroutines, runtime.NumGoroutine())
	end := d.sc.Burst.End()
	switch {
	case now < d.sc.Burst.Start:
		d.baseline = max(d.baseline, total)
	case now >= end && !d.caughtUp && total <= d.baseline:
		d.caughtUp, d.catchUp = true, now-end
	}
}

func (d *driver) report() *Report {
	r := &d.rep
	*r = Report{Scenario: d.sc.Name, Engine: "runtime", Duration: d.sc.Duration,
		Burst: d.sc.Burst, HighSLO: d.sc.HighSLO, Arrived: d.arrived,
		HighLatency: d.latency, OutOfOrder: d.unordered, CaughtUp: d.caughtUp,
		CatchUp: d.catchUp, PeakGoroutines: d.peakGoroutines}
	if d.source != nil {
		r.InFlight[d.source.Class]++
	}
	for i, st := range d.stages {
		r.Edges = append(r.Edges, d.edgeReport(i, st))
		for c := range 2 {
			r.Delivered[c] += st.delivered[c]
			r.Filtered[c] += st.filtered[c]
		}
		if st.holding != nil {
			r.InFlight[st.holding.Class]++
		}
		d.drain(st, &r.InFlight)
	}
	return r
}

func (d *driver) edgeReport(i int, st *driveStage) EdgeReport {
	er := newEdgeReport(d.sc.Stages[i])
	s := st.edge.Stats()
	er.Peak, er.Sent, er.TimedOut, er.Evicted = st.peak, s.Sent, s.TimedOut, s.Evicted
	er.Dropped = st.dropped
	if s.Prioritized {
		// Evictions happen to items already held, not to the sender's.
		er.Dropped = [2]uint64{flow.Low: s.DroppedLow, flow.High: s.DroppedHigh}
	}
	er.Occupancy = st.occupancy
	if d.samples > 0 {
		er.Mean = st.sampled / float64(d.samples)
	}
	return er
}

// drain empties a stopped edge to count what it still held, by class.
func (d *driver) drain(st *driveStage, inFlight *[2]uint64) {
	defer st.edge.close()
	for range st.edge.Len() {
		it, err := st.edge.recv(context.Background())
		if err != nil {
			return // closed: nothing held after all
		}
		inFlight[it.Class]++
	}
}
