package sim

import (
	"testing"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// The acceptance scenario is the shipped reference: 1000 items/s, ten
// times that for five simulated minutes, one item in ten High, through
// normalize → classify → priority sink → correlate → emit.
const reference = "../examples/burst/reference.toml"

// checkReference asserts the guarantees the priority sink gives the
// reference topology under its burst.
func checkReference(t *testing.T, r *Report) {
	t.Helper()
	drops := r.Drops()
	if drops[flow.High] != 0 {
		t.Errorf("%d High items dropped, want none", drops[flow.High])
	}
	// Strictly increasing sequence numbers at the emitter and nothing
	// missing: every High item delivered once, in order.
	if r.OutOfOrder != 0 || r.Delivered[flow.High]+r.InFlight[flow.High] != r.Arrived[flow.High] {
		t.Errorf("High: arrived %d, delivered %d, in flight %d, out of order %d",
			r.Arrived[flow.High], r.Delivered[flow.High], r.InFlight[flow.High], r.OutOfOrder)
	}
	if p99 := r.HighLatency.Quantile(0.99); !r.MeetsSLO() {
		t.Errorf("High p99 %v, want within the %v SLO", p99, r.HighSLO)
	}
	if !r.Accounted(flow.Low) || drops[flow.Low] == 0 {
		t.Errorf("Low: arrived %d, delivered %d, filtered %d, dropped %d, in flight %d",
			r.Arrived[flow.Low], r.Delivered[flow.Low], r.Filtered[flow.Low], drops[flow.Low],
			r.InFlight[flow.Low])
	}
	if !r.CaughtUp {
		t.Error("never caught up after the burst")
	}
	t.Logf("%s: %d arrivals; High: %d arrived, 0 dropped, p50 %v, p99 %v (SLO %v); "+
		"Low: %d dropped, every one counted; caught up %v after the burst",
		r.Engine, r.Arrived[flow.Low]+r.Arrived[flow.High], r.Arrived[flow.High],
		r.HighLatency.Quantile(0.5), r.HighLatency.Quantile(0.99), r.HighSLO,
		drops[flow.Low], r.CatchUp)
}

func TestAcceptanceModel(t *testing.T) {
	sc := mustLoad(t, reference)
	if sc.Burst.Multiplier != 10 || sc.Burst.Duration != 5*time.Minute {
		t.Fatalf("the reference scenario is not 10x for 5 minutes: %+v", sc.Burst)
	}
	start := time.Now()
	r := Model(sc, nil)
	t.Logf("model: 5-minute 10x burst in %v of wall time", time.Since(start))
	if n := r.Arrived[flow.Low] + r.Arrived[flow.High]; n < 3_000_000 {
		t.Fatalf("%d arrivals; the reference burst should bring about 3 million", n)
	}
	checkReference(t, r)
}

// TestAcceptanceUniformShed is the control: the same burst with the
// priority sink replaced by a plain shed edge of the same capacity loses
// High items and misses the SLO, because a full edge cannot tell what it
// sheds and holds a second of Low work in front of every High item.
func TestAcceptanceUniformShed(t *testing.T) {
	r := Model(uniform(mustLoad(t, reference)), nil)
	drops := r.Drops()
	if drops[flow.High] == 0 {
		t.Fatal("a uniform shed edge dropped no High items")
	}
	if r.MeetsSLO() {
		t.Errorf("High p99 %v is within the SLO without the priority sink",
			r.HighLatency.Quantile(0.99))
	}
	if !r.Accounted(flow.High) || !r.Accounted(flow.Low) {
		t.Error("drops not accounted for")
	}
	t.Logf("uniform shed: %d of %d High items dropped; High p99 %v",
		drops[flow.High], r.Arrived[flow.High], r.HighLatency.Quantile(0.99))
}

// TestAcceptanceRuntime runs the reference on the real runtime in a
// synctest bubble: the full five minutes normally, a 30-second burst under
// -short or the race detector, which slows each of its millions of
// channel operations.
func TestAcceptanceRuntime(t *testing.T) {
	sc := mustLoad(t, reference)
	if testing.Short() || raceEnabled {
		sc.Burst.Duration = 30 * time.Second
		sc.Duration = sc.Burst.End() + 30*time.Second
	}
	r, wall := drive(t, sc)
	t.Logf("runtime: %v burst at %vx in %v of wall time", sc.Burst.Duration,
		sc.Burst.Multiplier, wall)
	checkReference(t, r)
}
