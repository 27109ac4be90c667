package flow

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/flowlint/flowlint/policy"
)

func creditSpec(t testing.TB, capacity string) policy.Spec {
	t.Helper()
	spec, err := policy.ParseFields("name=work policy=backpressure burst=" + capacity)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestNewCreditsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		want string
	}{
		{"", 1, "need a name"},
		{"c", 0, "grant 0"},
		{"c", -3, "grant -3"},
		{"c", MaxCapacity + 1, "want 1 to"},
	} {
		_, err := NewCredits(tc.name, tc.n)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewCredits(%q, %d) error = %v, want %q", tc.name, tc.n, err, tc.want)
		}
	}
	shed, _ := policy.ParseFields("name=x policy=shed burst=4/s*1s*1")
	_, err := NewCreditEdge[int](shed, 4)
	if err == nil || !strings.Contains(err.Error(), "backpressure") {
		t.Errorf("NewCreditEdge on a shed spec: err = %v", err)
	}
}

// blocked reports whether done has not fired once every goroutine in the
// bubble is durably blocked.
func blocked(done <-chan error) bool {
	synctest.Wait()
	select {
	case <-done:
		return false
	default:
		return true
	}
}

// finish closes a credited edge and processes what is left on it. A test in
// a synctest bubble must not lose a credit: the collector's cleanup runs
// outside the bubble and may not touch the bubble's channels.
func finish[T any](t *testing.T, e *CreditEdge[T]) {
	t.Helper()
	e.Close()
	for d := range e.C() {
		d.Done()
	}
	if st := e.Credits().Stats(); st.InFlight != 0 {
		t.Errorf("credits still in flight after the edge drained: %+v", st)
	}
}

// TestCreditComesBackAfterProcessing: receiving an item does not free its
// credit; finishing it does.
func TestCreditComesBackAfterProcessing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, err := NewCreditEdge[string](creditSpec(t, "4/s*1s*1"), 1)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := e.Send(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		d, err := e.Recv(ctx)
		if err != nil || d.Value != "a" {
			t.Fatalf("Recv = %v, %v", d, err)
		}
		//flow:edge name=second-send policy=backpressure burst=1/s*1s*1
		second := make(chan error, 1)
		go func() { second <- e.Send(ctx, "b") }()
		if !blocked(second) {
			t.Fatal("second send went through while the first item was still being processed")
		}
		if got := e.Credits().Stats().InFlight; got != 1 {
			t.Errorf("in flight = %d, want 1", got)
		}
		d.Done()
		d.Done() // harmless
		if err := <-second; err != nil {
			t.Errorf("second send = %v after the first item was done", err)
		}
		if st := e.Credits().Stats(); st.InFlight != 1 || st.Granted != 2 {
			t.Errorf("stats %+v; want 1 in flight, 2 granted", st)
		}
		finish(t, e)
	})
}

// TestCreditsBoundInFlightWork: a fast producer and a slow consumer never
// have more than the grant's worth of items queued or in processing.
func TestCreditsBoundInFlightWork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const grant, items = 3, 50
		e, err := NewCreditEdge[int](creditSpec(t, "100/s*1s*1"), grant)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		go func() {
			for i := range items {
				e.Send(ctx, i)
			}
			e.Close()
		}()
		var peak int64
		got := 0
		for d := range e.C() {
			synctest.Wait() // let the producer take every credit it can
			peak = max(peak, e.Credits().Stats().InFlight, int64(e.Stats().Occupancy)+1)
			time.Sleep(time.Millisecond)
			if d.Value != got {
				t.Errorf("received %d, want %d", d.Value, got)
			}
			got++
			d.Done()
		}
		if got != items || peak != grant {
			t.Errorf("received %d items with peak in flight %d; want %d with peak %d",
				got, peak, items, grant)
		}
	})
}

func TestPauseWithholdsCreditsWithoutHoldingASlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, err := NewCreditEdge[int](creditSpec(t, "8/s*1s*1"), 2)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		c := e.Credits()
		c.Pause()
		//flow:edge name=paused-send policy=backpressure burst=1/s*1s*1
		sent := make(chan error, 1)
		go func() { sent <- e.Send(ctx, 1) }()
		if !blocked(sent) {
			t.Fatal("a send went through while the receiver had paused the flow")
		}
		if e.Stats().Occupancy != 0 || !c.Stats().Paused || c.Stats().InFlight != 0 {
			t.Errorf("paused: occupancy %d, credit stats %+v; want nothing held",
				e.Stats().Occupancy, c.Stats())
		}
		c.Resume()
		if err := <-sent; err != nil {
			t.Errorf("send after Resume = %v", err)
		}
		finish(t, e)

		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		c.Pause()
		if err := e.Send(cctx, 2); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("send while paused with an ending context = %v", err)
		}
	})
}

func TestDrainWaitsForEveryCredit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, err := NewCreditEdge[int](creditSpec(t, "8/s*1s*1"), 4)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		c := e.Credits()
		for i := range 2 {
			e.Send(ctx, i)
		}
		//flow:edge name=drain-result policy=backpressure burst=1/s*1s*1
		drained := make(chan error, 1)
		go func() { drained <- c.Drain(ctx) }()
		first, _ := e.Recv(ctx)
		first.Done()
		if !blocked(drained) {
			t.Fatal("Drain returned with an item still in flight")
		}
		second, _ := e.Recv(ctx)
		second.Done()
		if err := <-drained; err != nil {
			t.Errorf("Drain = %v", err)
		}
		// Drained and still paused: nothing can be sent until Resume.
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := e.Send(tctx, 9); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("send after Drain = %v, want to wait for Resume", err)
		}
		c.Resume()
		if err := e.Send(ctx, 10); err != nil {
			t.Errorf("send after Resume = %v", err)
		}

		// A drain that cannot finish gives up with its context.
		dctx, dcancel := context.WithTimeout(ctx, time.Second)
		defer dcancel()
		if err := c.Drain(dctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Drain with an item never finished = %v, want DeadlineExceeded", err)
		}
		c.Resume()
		finish(t, e)
	})
}

// TestLostCreditIsReported drops a credit without releasing it and checks
// that the garbage collector's cleanup counts, reports and restores it.
func TestLostCreditIsReported(t *testing.T) {
	c, err := NewCredits("lossy", 2)
	if err != nil {
		t.Fatal(err)
	}
	//flow:edge name=leak-reports policy=backpressure burst=4/s*1s*1
	reports := make(chan string, 4)
	c.OnLeak(func(name string) { reports <- name })
	ctx := context.Background()
	kept, _ := c.Acquire(ctx)
	func() {
		lost, _ := c.Acquire(ctx)
		_ = lost // never released
	}()
	deadline := time.Now().Add(5 * time.Second)
	for c.Stats().Leaked == 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	select {
	case name := <-reports:
		if name != "lossy" {
			t.Errorf("report named %q, want lossy", name)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no report for the lost credit")
	}
	if st := c.Stats(); st.Leaked != 1 || st.InFlight != 1 {
		t.Errorf("stats %+v; want 1 leaked, 1 in flight (the kept one)", st)
	}
	// The lost credit is back: a second one can be had while kept is held.
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	again, err := c.Acquire(tctx)
	if err != nil {
		t.Fatalf("Acquire after the leak was reclaimed: %v", err)
	}
	kept.Release()
	again.Release()
	runtime.GC()
	if st := c.Stats(); st.Leaked != 1 || st.InFlight != 0 {
		t.Errorf("released credits were reported as lost: %+v", st)
	}
}

// TestCreditsConservedUnderConcurrency hammers Acquire and Release while
// another goroutine pauses, drains and resumes, then checks that every
// credit is accounted for and the grant was never exceeded.
func TestCreditsConservedUnderConcurrency(t *testing.T) {
	const grant = 5
	c, err := NewCredits("busy", grant)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var held, peak atomic.Int64
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for ctx.Err() == nil {
				cr, err := c.Acquire(ctx)
				if err != nil {
					return
				}
				n := held.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				if r.IntN(8) == 0 {
					time.Sleep(time.Microsecond)
				}
				held.Add(-1)
				cr.Release()
			}
		})
	}
	wg.Go(func() {
		for ctx.Err() == nil {
			c.Pause()
			time.Sleep(time.Millisecond)
			c.Resume()
			dctx, dcancel := context.WithTimeout(ctx, 5*time.Millisecond)
			c.Drain(dctx)
			dcancel()
			c.Resume()
		}
	})
	wg.Wait()
	c.mu.Lock()
	total := len(c.tokens) + c.withheld
	c.mu.Unlock()
	st := c.Stats()
	if total != grant || st.InFlight != 0 || peak.Load() > grant || st.Granted == 0 {
		t.Errorf("credits back %d of %d, stats %+v, peak held %d", total, grant, st, peak.Load())
	}
}
