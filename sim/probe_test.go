package sim

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

func probeScenario() *Scenario {
	return &Scenario{Seed: 3, Duration: 2 * time.Second, Rate: 100, HighShare: 0.2,
		Burst: Burst{Start: 500 * time.Millisecond, Duration: time.Second, Multiplier: 10}}
}

// TestDriveFuncOffersEveryArrival checks that every arrival reaches the
// function, in order and on time, and that a function that starts nothing
// shows no goroutines beyond the driver's own.
func TestDriveFuncOffersEveryArrival(t *testing.T) {
	sc := probeScenario()
	var want [2]uint64
	arr := NewArrivals(sc)
	for it, ok := arr.Next(); ok; it, ok = arr.Next() {
		want[it.Class]++
	}
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var got [2]uint64
		var last Item
		p, err := DriveFunc(context.Background(), sc, func(_ context.Context, it Item) {
			if time.Since(start) != it.At || it.At < last.At {
				t.Errorf("item at %v offered at %v, after one at %v", it.At, time.Since(start), last.At)
			}
			got[it.Class]++
			last = it
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want || p.Arrived != want {
			t.Errorf("offered %v, probe says %v, arrivals %v", got, p.Arrived, want)
		}
		if p.PeakGoroutines > 2 {
			t.Errorf("peak goroutines %d for a function that starts none", p.PeakGoroutines)
		}
		if p.Samples < Buckets || p.Samples > Buckets+1 {
			t.Errorf("%d samples, want about one per bucket", p.Samples)
		}
	})
}

// TestDriveFuncSeesGoroutines parks a goroutine per arrival until the run
// ends: the peak must count every one of them.
func TestDriveFuncSeesGoroutines(t *testing.T) {
	sc := probeScenario()
	synctest.Test(t, func(t *testing.T) {
		stop := make(chan struct{})
		p, err := DriveFunc(context.Background(), sc, func(context.Context, Item) {
			go func() { <-stop }()
		})
		if err != nil {
			t.Fatal(err)
		}
		close(stop)
		n := int(p.Arrived[0] + p.Arrived[1])
		if p.PeakGoroutines < n {
			t.Errorf("peak goroutines %d, want at least the %d parked", p.PeakGoroutines, n)
		}
	})
}

// TestDriveFuncBlockingOffer checks that an offer blocked past the end of
// the run is released by the context it was given.
func TestDriveFuncBlockingOffer(t *testing.T) {
	sc := probeScenario()
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		p, err := DriveFunc(context.Background(), sc, func(ctx context.Context, _ Item) {
			<-ctx.Done()
		})
		if err != nil {
			t.Fatal(err)
		}
		if p.Arrived[0]+p.Arrived[1] != 1 || time.Since(start) != sc.Duration {
			t.Errorf("arrived %v, returned after %v", p.Arrived, time.Since(start))
		}
	})
}

func TestDriveFuncRefusesEmptyScenario(t *testing.T) {
	if _, err := DriveFunc(context.Background(), &Scenario{}, func(context.Context, Item) {}); err == nil {
		t.Error("no error for a scenario with no rate or duration")
	}
}
