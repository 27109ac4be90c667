package flowlint_test

import (
	"context"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/runtime/flow"
	"github.com/flowlint/flowlint/sim"
	accumulatorbad "github.com/flowlint/flowlint/testdata/witness/accumulator/bad"
	accumulatorgood "github.com/flowlint/flowlint/testdata/witness/accumulator/good"
	firelogbad "github.com/flowlint/flowlint/testdata/witness/firelog/bad"
	firelookgood "github.com/flowlint/flowlint/testdata/witness/firelog/good"
	policydocbad "github.com/flowlint/flowlint/testdata/witness/policydoc/bad"
	policydocgood "github.com/flowlint/flowlint/testdata/witness/policydoc/good"
	respawnbad "github.com/flowlint/flowlint/testdata/witness/respawn/bad"
	respawngood "github.com/flowlint/flowlint/testdata/witness/respawn/good"
	spawnloopbad "github.com/flowlint/flowlint/testdata/witness/spawnloop/bad"
	spawnloopgood "github.com/flowlint/flowlint/testdata/witness/spawnloop/good"
	unboundedbad "github.com/flowlint/flowlint/testdata/witness/unbounded/bad"
	unboundedgood "github.com/flowlint/flowlint/testdata/witness/unbounded/good"
)

// The burst every witness is driven through, in virtual time: 100 arrivals
// a second, ten times that for two seconds, about 2200 in all. Every slow
// resource a witness talks to (a store, a consumer, a log sink) serves one
// item at a time in service, 200 a second: twice the nominal rate, a fifth
// of the burst's.
const service = 5 * time.Millisecond

func witnessBurst() *sim.Scenario {
	return &sim.Scenario{Name: "witness", Seed: 1, Duration: 4 * time.Second, Rate: 100,
		HighShare: 0.1, Burst: sim.Burst{Start: time.Second, Duration: 2 * time.Second, Multiplier: 10}}
}

// outcome is what one drive of a witness measured.
type outcome struct {
	value int    // the row's metric
	lost  int    // items sent and neither delivered nor counted as dropped
	high  uint64 // High items lost or dropped
	heap  uint64 // peak heap in use above the start, bytes (shown, not judged)
	dup   int    // items delivered more than once
	held  int    // arrivals the program had not taken when the run ended: pushed back
	shed  int    // items dropped and counted
}

// A witness is a rule's bad program and its fix. Driven through the
// burst, bad must reach failAt on the metric, and good must stay within
// bound, lose nothing uncounted, deliver nothing twice and drop no High
// item.
type witness struct {
	rule      string
	metric    string
	bound     int
	failAt    int
	bad, good func(t *testing.T, sc *sim.Scenario) outcome
}

var witnesses = []witness{
	{"policydoc", "items lost uncounted", 0, 100,
		func(t *testing.T, sc *sim.Scenario) outcome { return driveForward(t, sc, policydocbad.Run) },
		func(t *testing.T, sc *sim.Scenario) outcome { return driveForward(t, sc, policydocgood.Run) }},
	{"spawnloop", "peak goroutines", 16, 160,
		func(t *testing.T, sc *sim.Scenario) outcome { return driveStore(t, sc, spawnloopbad.Run) },
		func(t *testing.T, sc *sim.Scenario) outcome { return driveStore(t, sc, spawnloopgood.Run) }},
	{"unbounded", "peak goroutines", 16, 160,
		func(t *testing.T, sc *sim.Scenario) outcome { return driveHandoff(t, sc, unboundedbad.Run) },
		func(t *testing.T, sc *sim.Scenario) outcome { return driveHandoff(t, sc, unboundedgood.Run) }},
	{"firelog", "peak goroutines", 16, 160,
		func(t *testing.T, sc *sim.Scenario) outcome { return driveLog(t, sc, firelogbad.Run) },
		func(t *testing.T, sc *sim.Scenario) outcome { return driveLog(t, sc, firelookgood.Run) }},
	{"accumulator", "items retained", accumulatorgood.MaxBatch, 10 * accumulatorgood.MaxBatch,
		func(t *testing.T, sc *sim.Scenario) outcome { return driveBatch(t, sc, accumulatorbad.Run) },
		func(t *testing.T, sc *sim.Scenario) outcome { return driveBatch(t, sc, accumulatorgood.Run) }},
	{"respawn", "peak goroutines", 8, 80,
		func(t *testing.T, sc *sim.Scenario) outcome {
			return driveReload(t, sc, func(poll func()) reloader { return respawnbad.New(poll) })
		},
		func(t *testing.T, sc *sim.Scenario) outcome {
			return driveReload(t, sc, func(poll func()) reloader { return respawngood.New(poll) })
		}},
}

// TestWitnesses shows, for every rule, that flowlint flags the bad program
// with that rule and nothing on its fix, that the bad program fails under
// the burst in the way the rule describes, and that the fix stays bounded.
// The figures are logged; docs/witnesses.md quotes them.
func TestWitnesses(t *testing.T) {
	findings := lintWitnesses(t)
	for _, w := range witnesses {
		t.Run(w.rule, func(t *testing.T) {
			bad, good := "testdata/witness/"+w.rule+"/bad", "testdata/witness/"+w.rule+"/good"
			if !hasRule(findings[bad], w.rule) {
				t.Errorf("flowlint does not flag %s with %s; it says %q", bad, w.rule, findings[bad])
			}
			if len(findings[good]) > 0 {
				t.Errorf("flowlint flags %s: %q", good, findings[good])
			}

			sc := witnessBurst()
			b, g := w.bad(t, sc), w.good(t, sc)
			t.Logf("%s: %s: bad %d (lost %d, High lost %d, shed %d, resent %d, held back %d, heap +%d KiB), good %d (lost %d, High lost %d, shed %d, resent %d, held back %d, heap +%d KiB)",
				w.rule, w.metric, b.value, b.lost, b.high, b.shed, b.dup, b.held, b.heap>>10,
				g.value, g.lost, g.high, g.shed, g.dup, g.held, g.heap>>10)
			if b.value < w.failAt {
				t.Errorf("bad: %s %d under the burst, want at least %d", w.metric, b.value, w.failAt)
			}
			if g.value > w.bound {
				t.Errorf("good: %s %d under the burst, want at most %d", w.metric, g.value, w.bound)
			}
			if g.lost != 0 || g.high != 0 || g.dup != 0 {
				t.Errorf("good: %d items lost uncounted, %d High lost or dropped, %d resent; want none",
					g.lost, g.high, g.dup)
			}
			if w.rule == "policydoc" && b.high == 0 {
				t.Errorf("bad: no High item lost under the burst")
			}
		})
	}
}

// lintWitnesses runs the root analyzer over every witness and returns the
// findings by package directory, as "rule: message".
func lintWitnesses(t *testing.T) map[string][]string {
	t.Helper()
	var patterns []string
	for _, w := range witnesses {
		patterns = append(patterns, "./testdata/witness/"+w.rule+"/bad", "./testdata/witness/"+w.rule+"/good")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax}, patterns...)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the witnesses: %v", err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{flowlint.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "github.com/flowlint/flowlint/"
	out := map[string][]string{}
	for act := range g.All() {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		if act.IsRoot && act.Analyzer == flowlint.Analyzer {
			dir := act.Package.PkgPath[len(prefix):]
			for _, d := range act.Diagnostics {
				out[dir] = append(out[dir], d.Category+": "+d.Message)
			}
		}
	}
	return out
}

// arrivals is how many items the burst brings, whether or not the program
// takes them.
func arrivals(sc *sim.Scenario) int {
	n := 0
	for a, ok := sim.NewArrivals(sc), true; ok; _, ok = a.Next() {
		n++
	}
	return n - 1
}

func hasRule(findings []string, rule string) bool {
	for _, f := range findings {
		if len(f) > len(rule) && f[:len(rule)+1] == rule+":" {
			return true
		}
	}
	return false
}

// feed sends it on in unless the run ends first, and counts it if sent.
func feed(ctx context.Context, in chan<- sim.Item, it sim.Item, sent *[2]uint64) {
	select {
	case in <- it:
		sent[it.Class]++
	case <-ctx.Done():
	}
}

// slot is a resource that serves one caller at a time, for service each:
// a store, a consumer, a log sink. A channel rather than a mutex, so that
// callers waiting for it are durably blocked and virtual time moves on.
type slot chan struct{}

func (s slot) use() {
	s <- struct{}{}
	time.Sleep(service)
	<-s
}

// settle waits in virtual time, up to a minute, for work still running
// after the loop under test returned to finish: a bubble must not end with
// goroutines left asleep.
func settle(done func() bool) {
	for deadline := time.Now().Add(time.Minute); !done() && time.Now().Before(deadline); {
		time.Sleep(service)
	}
}

// bubble runs f in a synctest bubble with the collector off. A collection
// that starts while thousands of finished goroutines (a bad witness's, from
// an earlier drive) are being recycled can make runtime.NumGoroutine count
// them for a moment; one collection before the drive and none during it
// keeps the count exact.
func bubble(t *testing.T, f func()) {
	t.Helper()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	synctest.Test(t, func(t *testing.T) { f() })
}

func drive(t *testing.T, sc *sim.Scenario, offer func(context.Context, sim.Item)) *sim.Probe {
	t.Helper()
	p, err := sim.DriveFunc(context.Background(), sc, offer)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// driveForward plays the burst into a forwarder whose consumer takes one
// item per service time, and lets the consumer drain what is left.
func driveForward(t *testing.T, sc *sim.Scenario, run func(<-chan sim.Item, chan<- sim.Item) [2]uint64) outcome {
	var o outcome
	bubble(t, func() {
		in, out := make(chan sim.Item), make(chan sim.Item)
		var sent, received, dropped [2]uint64
		done := make(chan struct{})
		go func() {
			defer close(out)
			dropped = run(in, out)
		}()
		go func() {
			defer close(done)
			for it := range out {
				time.Sleep(service)
				received[it.Class]++
			}
		}()
		p := drive(t, sc, func(ctx context.Context, it sim.Item) { feed(ctx, in, it, &sent) })
		o.held = arrivals(sc) - int(sent[0]+sent[1])
		close(in)
		<-done
		for c := range 2 {
			o.lost += int(sent[c] - received[c] - dropped[c])
			o.shed += int(dropped[c])
		}
		o.value, o.heap = o.lost, p.PeakHeap
		o.high = sent[flow.High] - received[flow.High]
	})
	return o
}

// driveStore plays the burst into a loop that hands each item to a store
// serving one at a time.
func driveStore(t *testing.T, sc *sim.Scenario, run func(<-chan sim.Item, func(sim.Item))) outcome {
	var o outcome
	var stored atomic.Uint64
	var sent [2]uint64
	bubble(t, func() {
		in, store := make(chan sim.Item), make(slot, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			run(in, func(sim.Item) { store.use(); stored.Add(1) })
		}()
		p := drive(t, sc, func(ctx context.Context, it sim.Item) { feed(ctx, in, it, &sent) })
		o.held = arrivals(sc) - int(sent[0]+sent[1])
		close(in)
		<-done
		settle(func() bool { return stored.Load() == sent[0]+sent[1] })
		o.value, o.heap = p.PeakGoroutines, p.PeakHeap
	})
	o.lost = int(sent[0] + sent[1] - stored.Load())
	return o
}

// driveHandoff plays the burst into a forwarder whose consumer takes one
// item per service time, and stops it once in is closed and drained or,
// for items parked elsewhere, when the run's context ends.
func driveHandoff(t *testing.T, sc *sim.Scenario, run func(context.Context, <-chan sim.Item, chan<- sim.Item)) outcome {
	var o outcome
	bubble(t, func() {
		ctx, cancel := context.WithCancel(context.Background())
		in, out := make(chan sim.Item), make(chan sim.Item)
		var sent, received [2]uint64
		done, consumed := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			run(ctx, in, out)
		}()
		go func() {
			defer close(consumed)
			for {
				select {
				case it := <-out:
					time.Sleep(service)
					received[it.Class]++
				case <-ctx.Done():
					return
				}
			}
		}()
		p := drive(t, sc, func(ctx context.Context, it sim.Item) { feed(ctx, in, it, &sent) })
		o.held = arrivals(sc) - int(sent[0]+sent[1])
		close(in)
		<-done
		synctest.Wait() // the consumer has taken what the loop forwarded
		cancel()
		<-consumed
		synctest.Wait() // parked senders have given up
		for c := range 2 {
			o.lost += int(sent[c] - received[c])
		}
		o.value, o.heap = p.PeakGoroutines, p.PeakHeap
		o.high = sent[flow.High] - received[flow.High]
	})
	return o
}

// slowHandler is a log sink that writes one record at a time, for service
// each, and counts the records.
type slowHandler struct {
	sink    slot
	written *atomic.Uint64
}

func (h slowHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h slowHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h slowHandler) WithGroup(string) slog.Handler            { return h }
func (h slowHandler) Handle(context.Context, slog.Record) error {
	h.sink.use()
	h.written.Add(1)
	return nil
}

// driveLog plays the burst into a loop that logs each item to a slow sink.
func driveLog(t *testing.T, sc *sim.Scenario, run func(<-chan sim.Item, *slog.Logger) uint64) outcome {
	var o outcome
	var written atomic.Uint64
	var sent [2]uint64
	var dropped uint64
	bubble(t, func() {
		in := make(chan sim.Item)
		logger := slog.New(slowHandler{sink: make(slot, 1), written: &written})
		done := make(chan struct{})
		go func() {
			defer close(done)
			dropped = run(in, logger)
		}()
		p := drive(t, sc, func(ctx context.Context, it sim.Item) { feed(ctx, in, it, &sent) })
		o.held = arrivals(sc) - int(sent[0]+sent[1])
		close(in)
		<-done
		settle(func() bool { return written.Load()+dropped == sent[0]+sent[1] })
		o.value, o.heap = p.PeakGoroutines, p.PeakHeap
	})
	o.lost = int(sent[0] + sent[1] - written.Load() - dropped)
	o.shed = int(dropped)
	return o
}

// driveBatch plays the burst into a batcher and reports the largest batch
// it flushed: what it held at that moment.
func driveBatch(t *testing.T, sc *sim.Scenario, run func(<-chan sim.Item, func([]sim.Item))) outcome {
	var o outcome
	bubble(t, func() {
		in := make(chan sim.Item)
		var sent [2]uint64
		var flushed, largest int
		done := make(chan struct{})
		go func() {
			defer close(done)
			run(in, func(b []sim.Item) { flushed += len(b); largest = max(largest, len(b)) })
		}()
		p := drive(t, sc, func(ctx context.Context, it sim.Item) { feed(ctx, in, it, &sent) })
		o.held = arrivals(sc) - int(sent[0]+sent[1])
		close(in)
		<-done
		// Each item must be flushed exactly once: fewer is a loss, more
		// is the same items sent again.
		n := int(sent[0] + sent[1])
		o.lost, o.dup = max(n-flushed, 0), max(flushed-n, 0)
		o.value, o.heap = largest, p.PeakHeap
	})
	return o
}

type reloader interface {
	Reload()
	Close()
}

// poll is a long poll that ignores cancellation: half a second.
const poll = 500 * time.Millisecond

// driveReload plays the burst as reloads of a service whose worker long
// polls.
func driveReload(t *testing.T, sc *sim.Scenario, start func(poll func()) reloader) outcome {
	var o outcome
	bubble(t, func() {
		svc := start(func() { time.Sleep(poll) })
		p := drive(t, sc, func(context.Context, sim.Item) { svc.Reload() })
		o.held = arrivals(sc) - int(p.Arrived[0]+p.Arrived[1])
		svc.Close()
		time.Sleep(poll) // a cancelled worker returns when its poll does
		o.value, o.heap = p.PeakGoroutines, p.PeakHeap
	})
	return o
}
