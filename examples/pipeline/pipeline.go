package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// The edges, written in //flow:edge annotation fields. Each burst profile
// says what gap it absorbs: GAP/s the producer may outrun the consumer, for
// DURATION, times a SAFETY margin; the capacity is their product.
const (
	// The generator bursts to 10 000/s for half a second over normalize's
	// pace; 5000/s*0.5s*1.2 = 3000 slots. Ingest may wait briefly for
	// normalize, never long: the outside world does not wait for us.
	rawSpec = "name=raw policy=timed timeout=20ms burst=5000/s*500ms*1.2 from=generate to=normalize"
	// Classify keeps up with normalize; the slots only smooth scheduling
	// jitter (1000/s*1s*1 = 1000), and nothing may be lost here.
	normalizedSpec = "name=normalized policy=backpressure burst=1000/s*1s*1 " +
		"from=normalize to=classify"
	// Correlate is the slow stage. Bursts beyond 2000/s*1s*1.25 = 2500
	// held events are shed, low severity first.
	eventsSpec = "name=events policy=shed burst=2000/s*1s*1.25 from=classify to=correlate"
	// Alerts are rare and must all be delivered; credits bound the work
	// queued at the emitter and let it pause the flow for a checkpoint.
	alertsSpec = "name=alerts policy=backpressure burst=20/s*1s*1 from=correlate to=emit"
)

const (
	alertCredits   = 8
	hosts          = 16
	noisyEvery     = 4  // hosts 0, 4, 8 and 12 raise alerts
	alertThreshold = 40 // high-severity events from one host in one window
	alertWindow    = time.Second
)

// Event is one log record as the pipeline carries it.
type Event struct {
	Host     string
	Severity int // 0 (debug) to 5 (critical) after normalize
	Msg      string
	At       time.Time
}

// Alert says a host produced too many severe events in one window.
type Alert struct {
	Host   string
	Count  int
	Window time.Time
}

// config is what main and the tests vary.
type config struct {
	rate        int           // events per second at the generator's base pace
	correlateAt int           // events per second the correlator can handle
	checkpoint  time.Duration // how often the emitter drains for a checkpoint
	report      time.Duration // how often to print a status line
	out         io.Writer
}

// pipeline holds the edges and the counts the operators keep themselves.
type pipeline struct {
	cfg        config
	raw        *flow.Edge[Event]
	normalized *flow.Edge[Event]
	events     *flow.PrioritySink[Event]
	alerts     *flow.CreditEdge[Alert]
	gradient   *flow.Gradient

	generated   atomic.Uint64 // events the generator offered to raw
	correlated  atomic.Uint64 // events the correlator took off the sink
	emitted     atomic.Uint64 // alerts the emitter finished
	checkpoints atomic.Uint64
}

func newPipeline(cfg config) (*pipeline, error) {
	p := &pipeline{cfg: cfg}
	var err error
	if p.raw, err = flow.ParseEdge[Event](rawSpec); err != nil {
		return nil, err
	}
	if p.normalized, err = flow.ParseEdge[Event](normalizedSpec); err != nil {
		return nil, err
	}
	if p.events, err = flow.ParsePrioritySink(eventsSpec, classify); err != nil {
		return nil, err
	}
	if p.alerts, err = flow.ParseCreditEdge[Alert](alertsSpec, alertCredits); err != nil {
		return nil, err
	}
	p.gradient, err = flow.NewGradient(20,
		flow.Hop{Edge: p.raw, To: "normalize"},
		flow.Hop{Edge: p.normalized, To: "classify"},
		flow.Hop{Edge: p.events, To: "correlate"},
		flow.Hop{Edge: p.alerts, To: "emit"},
	)
	return p, err
}

// run starts every operator, waits for ctx to end, then lets the stream
// drain: the generator stops and closes its edge, and each operator closes
// its output once its input is closed and empty. It returns once every
// goroutine it started has returned.
func (p *pipeline) run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { p.generate(ctx) })
	wg.Go(p.normalize)
	wg.Go(p.classify)
	wg.Go(p.correlate)
	wg.Go(p.emit)
	wg.Go(func() { p.checkpoint(ctx) })
	wg.Go(func() { p.watch(ctx) })
	wg.Wait()
}

// generate offers events at cfg.rate per second, and at twice that for the
// first half of every third second: the burst the raw edge is sized for.
// Every noisyEvery-th host is noisy, so the correlator has something to
// find; the rest log severity 0 to 3 only.
func (p *pipeline) generate(ctx context.Context) {
	defer p.raw.Close()
	const tick = 10 * time.Millisecond
	t := time.NewTicker(tick)
	defer t.Stop()
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n := p.cfg.rate * int(tick) / int(time.Second)
			if since := now.Sub(start) % (3 * time.Second); since < 500*time.Millisecond {
				n *= 2
			}
			for range n {
				host := r.IntN(hosts)
				sev := r.IntN(4)
				if host%noisyEvery == 0 && r.IntN(3) == 0 {
					sev = 5
				}
				ev := Event{
					Host:     rawHosts[host],
					Severity: sev,
					Msg:      "Disk Latency High",
					At:       now,
				}
				// A timed-out event was offered and counted by the edge as
				// dropped; only an ending context stops the generator.
				err := p.raw.Send(ctx, ev)
				if err == nil || errors.Is(err, flow.ErrTimeout) {
					p.generated.Add(1)
					continue
				}
				if ctx.Err() == nil {
					fmt.Fprintln(p.cfg.out, "generate:", err)
				}
				return
			}
		}
	}
}

// rawHosts are host names as a careless log shipper writes them.
var rawHosts = func() (names [hosts]string) {
	for i := range names {
		names[i] = fmt.Sprintf("  Host-%02d ", i)
	}
	return names
}()

// normalize trims and lowercases text and clamps severity. It forwards on a
// backpressure edge, so it never drops: a slow classifier slows it down.
func (p *pipeline) normalize() {
	defer p.normalized.Close()
	for ev := range p.raw.C() {
		ev.Host = strings.ToLower(strings.TrimSpace(ev.Host))
		ev.Msg = strings.ToLower(ev.Msg)
		ev.Severity = min(max(ev.Severity, 0), 5)
		// The stream drains to the end after shutdown, so this send waits
		// on no context: it returns once classify takes the event.
		if err := p.normalized.Send(context.Background(), ev); err != nil {
			fmt.Fprintln(p.cfg.out, "normalize:", err)
			return
		}
	}
}

// classify marks severity 4 and up as High priority for the sink.
func classify(ev Event) flow.Priority {
	if ev.Severity >= 4 {
		return flow.High
	}
	return flow.Low
}

// classify offers every event to the priority sink, which sheds Low events
// first when the correlator falls behind. A shed event is counted by the
// sink, so the error needs no handling here.
func (p *pipeline) classify() {
	defer p.events.Close()
	for ev := range p.normalized.C() {
		_ = p.events.Send(ev)
	}
}

// correlate counts severe events per host in tumbling windows and raises an
// alert when a host reaches the threshold. It works at cfg.correlateAt
// events per second, which makes it the bottleneck under bursts. Its state
// is one counter per known host, at most hosts of them.
func (p *pipeline) correlate() {
	defer p.alerts.Close()
	counts := make(map[string]int, hosts)
	var window time.Time
	pace := time.Second / time.Duration(p.cfg.correlateAt)
	const batch = 50 // sleep per batch: a sleep per event is too coarse
	for n := 1; ; n++ {
		ev, _, err := p.events.Recv(context.Background())
		if err != nil {
			return // closed and drained
		}
		p.correlated.Add(1)
		if n%batch == 0 {
			time.Sleep(batch * pace)
		}
		if w := ev.At.Truncate(alertWindow); !w.Equal(window) {
			window = w
			clear(counts)
		}
		if ev.Severity < 4 {
			continue
		}
		if _, known := counts[ev.Host]; !known && len(counts) >= hosts {
			continue // an unexpected host: keep the state bounded
		}
		counts[ev.Host]++
		if counts[ev.Host] == alertThreshold {
			a := Alert{Host: ev.Host, Count: alertThreshold, Window: window}
			if err := p.alerts.Send(context.Background(), a); err != nil {
				fmt.Fprintln(p.cfg.out, "correlate:", err)
				return
			}
		}
	}
}

// emit delivers alerts, here by printing them, and returns each credit
// only after the alert is out.
func (p *pipeline) emit() {
	for d := range p.alerts.C() {
		a := d.Value
		time.Sleep(2 * time.Millisecond) // the alert sink's round trip
		fmt.Fprintf(p.cfg.out, "ALERT %s: %d severe events in the window at %s\n",
			a.Host, a.Count, a.Window.Format(time.TimeOnly))
		p.emitted.Add(1)
		d.Done()
	}
}

// checkpoint periodically drains the alerts edge, as a sink would before
// flushing its state: the correlator waits for credits, holding no slot,
// until the checkpoint is written and the flow resumes.
func (p *pipeline) checkpoint(ctx context.Context) {
	t := time.NewTicker(p.cfg.checkpoint)
	defer t.Stop()
	credits := p.alerts.Credits()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			dctx, cancel := context.WithTimeout(ctx, time.Second)
			err := credits.Drain(dctx)
			cancel()
			// The checkpoint itself would be written here, with nothing
			// in flight; it is resumed even if the drain gave up.
			credits.Resume()
			if err == nil {
				p.checkpoints.Add(1)
			}
		}
	}
}

// watch samples the occupancy gradient and prints a status line.
func (p *pipeline) watch(ctx context.Context) {
	sample := time.NewTicker(100 * time.Millisecond)
	defer sample.Stop()
	report := time.NewTicker(p.cfg.report)
	defer report.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-sample.C:
			p.gradient.Sample()
		case <-report.C:
			fmt.Fprintln(p.cfg.out, p.status())
		}
	}
}

// status is one line: each edge's occupancy/capacity and drops, and the
// bottleneck the gradient names.
func (p *pipeline) status() string {
	var b strings.Builder
	for _, e := range []flow.Source{p.raw, p.normalized, p.events, p.alerts} {
		st := e.Stats()
		fmt.Fprintf(&b, "%s %d/%d", st.Edge, st.Occupancy, st.Capacity)
		if st.Dropped > 0 {
			fmt.Fprintf(&b, " (dropped %d)", st.Dropped)
		}
		b.WriteString(" | ")
	}
	if op, ok := p.gradient.Bottleneck(); ok {
		fmt.Fprintf(&b, "bottleneck: %s", op)
	} else {
		b.WriteString("bottleneck: none")
	}
	return b.String()
}
