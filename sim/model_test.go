package sim

import (
	"reflect"
	"testing"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

func TestModelIsDeterministic(t *testing.T) {
	sc := mustParse(t, small)
	a, b := Model(sc, nil), Model(sc, nil)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs of one scenario with one seed differ")
	}
	other := *sc
	other.Seed++
	if c := Model(&other, nil); reflect.DeepEqual(a.Arrived, c.Arrived) {
		t.Errorf("seeds %d and %d gave the same arrivals %v", sc.Seed, other.Seed, a.Arrived)
	}
}

// TestModelAccountsForEveryItem checks, for each class, that every arrival
// is delivered, filtered, counted as a drop or still in flight.
func TestModelAccountsForEveryItem(t *testing.T) {
	sc := mustParse(t, small)
	for _, s := range []*Scenario{sc, uniform(sc)} {
		r := Model(s, nil)
		for _, c := range []flow.Priority{flow.Low, flow.High} {
			if !r.Accounted(c) {
				t.Errorf("%s items not accounted for: arrived %d, delivered %d, filtered %d, "+
					"dropped %d, in flight %d", c, r.Arrived[c], r.Delivered[c], r.Filtered[c],
					r.Drops()[c], r.InFlight[c])
			}
		}
		if r.OutOfOrder != 0 {
			t.Errorf("%d High items out of order", r.OutOfOrder)
		}
	}
}

// TestModelAppliesEachPolicy reads the small scenario's edges: the burst
// backs the slow stages up to the timed ingest edge, which times out; the
// backpressure edges drop nothing; the priority sink sheds Low only.
func TestModelAppliesEachPolicy(t *testing.T) {
	r := Model(mustParse(t, small), nil)
	ingest, normalized, events, alerts := r.Edges[0], r.Edges[1], r.Edges[2], r.Edges[3]
	if ingest.TimedOut == 0 || ingest.TimedOut != ingest.Dropped[flow.Low]+ingest.Dropped[flow.High] {
		t.Errorf("ingest: %d timed out, dropped %v; want timeouts, and every drop one",
			ingest.TimedOut, ingest.Dropped)
	}
	if normalized.Dropped != [2]uint64{} || alerts.Dropped != [2]uint64{} {
		t.Errorf("backpressure edges dropped: normalized %v, alerts %v",
			normalized.Dropped, alerts.Dropped)
	}
	if normalized.Peak != normalized.Capacity {
		t.Errorf("normalized peaked at %d of %d; the burst should fill it",
			normalized.Peak, normalized.Capacity)
	}
	if events.Dropped[flow.High] != 0 || events.Dropped[flow.Low] == 0 || events.Evicted == 0 {
		t.Errorf("events: dropped %v, evicted %d; want Low drops and evictions, no High drops",
			events.Dropped, events.Evicted)
	}
	for _, e := range r.Edges {
		if e.Peak > e.Capacity || e.Mean > float64(e.Peak) {
			t.Errorf("%s: peak %d, mean %.1f, capacity %d", e.Name, e.Peak, e.Mean, e.Capacity)
		}
	}
	if !r.CaughtUp {
		t.Error("the small scenario never caught up after its burst")
	}
}

func TestHistogramQuantiles(t *testing.T) {
	var h Histogram
	for i := 1; i <= 10000; i++ {
		h.Record(time.Duration(i) * time.Microsecond)
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 5 * time.Millisecond}, {0.99, 9900 * time.Microsecond}, {1, 10 * time.Millisecond}} {
		got := h.Quantile(tc.q)
		if got < tc.want || float64(got) > float64(tc.want)*(1+1.0/histSub) {
			t.Errorf("Quantile(%v) = %v, want %v to 1/%d above", tc.q, got, tc.want, histSub)
		}
	}
	if h.Count() != 10000 || h.Max() != 10*time.Millisecond {
		t.Errorf("count %d, max %v", h.Count(), h.Max())
	}
	var empty Histogram
	if empty.Quantile(0.99) != 0 {
		t.Error("an empty histogram has a quantile")
	}
}

func TestHistogramBuckets(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 63, 64, 65, 127, 128, 1000, 1 << 40, 1<<63 - 1} {
		b := bucketOf(d)
		if b < 0 || b >= len(Histogram{}.counts) || upperBound(b) < d ||
			(b > 0 && upperBound(b-1) >= d) {
			t.Errorf("duration %d: bucket %d, bound %d", d, b, upperBound(b))
		}
	}
}
