package sim

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// drive runs sc on the real runtime inside a synctest bubble, where the
// clock is virtual, and reports the wall time it took.
func drive(t *testing.T, sc *Scenario) (*Report, time.Duration) {
	t.Helper()
	var r *Report
	start := time.Now()
	synctest.Test(t, func(t *testing.T) {
		var err error
		if r, err = Drive(context.Background(), sc); err != nil {
			t.Fatal(err)
		}
	})
	return r, time.Since(start)
}

// TestModelAndRuntimeAgree plays the same small scenarios on the model and
// on the real edges and priority sink. Both decide admissions with the
// same functions and the arrivals are the same, so every count, peak and
// latency quantile must match; only the sampled figures (mean occupancy,
// catch-up) may differ, by a few samples' width.
func TestModelAndRuntimeAgree(t *testing.T) {
	sc := mustParse(t, small)
	for _, s := range []*Scenario{sc, uniform(sc)} {
		m := Model(s, nil)
		r, _ := drive(t, s)
		if m.Arrived != r.Arrived || m.Delivered != r.Delivered || m.Filtered != r.Filtered ||
			m.InFlight != r.InFlight || m.OutOfOrder != r.OutOfOrder {
			t.Errorf("items: model %+v\nruntime %+v", counts(m), counts(r))
		}
		for _, q := range []float64{0.5, 0.99, 1} {
			if a, b := m.HighLatency.Quantile(q), r.HighLatency.Quantile(q); a != b {
				t.Errorf("High latency q%v: model %v, runtime %v", q, a, b)
			}
		}
		for i := range m.Edges {
			me, re := m.Edges[i], r.Edges[i]
			if me.Peak != re.Peak || me.Sent != re.Sent || me.Dropped != re.Dropped ||
				me.TimedOut != re.TimedOut || me.Evicted != re.Evicted {
				t.Errorf("edge %s: model %+v\nruntime %+v", me.Name, edgeCounts(me), edgeCounts(re))
			}
		}
		// The runtime's catch-up is read from samples, and so is the
		// baseline it compares with: a few samples' width apart at most.
		width := m.BucketWidth()
		if m.CaughtUp != r.CaughtUp || absDiff(m.CatchUp, r.CatchUp) > 3*width {
			t.Errorf("catch-up: model %v (%v), runtime %v (%v)",
				m.CatchUp, m.CaughtUp, r.CatchUp, r.CaughtUp)
		}
	}
}

func counts(r *Report) [5][2]uint64 {
	return [5][2]uint64{r.Arrived, r.Delivered, r.Filtered, r.InFlight, {r.OutOfOrder}}
}

func edgeCounts(e EdgeReport) [6]uint64 {
	return [6]uint64{uint64(e.Peak), e.Sent, e.Dropped[flow.Low], e.Dropped[flow.High],
		e.TimedOut, e.Evicted}
}

func absDiff(a, b time.Duration) time.Duration {
	if a > b {
		return a - b
	}
	return b - a
}

func TestRuntimeIsDeterministic(t *testing.T) {
	sc := mustParse(t, small)
	a, _ := drive(t, sc)
	b, _ := drive(t, sc)
	if counts(a) != counts(b) || a.HighLatency != b.HighLatency {
		t.Errorf("two runtime runs differ:\n%+v\n%+v", counts(a), counts(b))
	}
}
