package sim

import (
	"time"

	"github.com/flowlint/flowlint/policy"
	"github.com/flowlint/flowlint/runtime/flow"
)

// Buckets is how many intervals a run's occupancy series has: enough for
// a chart to show the burst's shape, few enough to keep the report small.
const Buckets = 600

// Report is what a run found. Counts indexed by class use flow.Low and
// flow.High.
type Report struct {
	Scenario string
	Engine   string // "model" or "runtime"
	Duration time.Duration
	Burst    Burst

	Arrived   [2]uint64 // items the arrival process offered, by class
	Delivered [2]uint64 // items that left the last operator
	Filtered  [2]uint64 // items an operator with pass = "high" consumed
	InFlight  [2]uint64 // items still held on an edge or by an operator at the end

	// OutOfOrder counts High items delivered twice or before one that
	// arrived earlier; zero with Delivered + drops + InFlight == Arrived
	// means every High item was delivered exactly once or accounted for.
	OutOfOrder  uint64
	HighLatency Histogram
	HighSLO     time.Duration

	// CatchUp is how long after the burst's end the items held on all
	// edges together first fell back to the peak seen before the burst.
	CatchUp  time.Duration
	CaughtUp bool

	// PeakGoroutines is the most goroutines seen at a sample; Drive sets
	// it, so a program whose goroutines grow with load shows it.
	PeakGoroutines int

	Edges []EdgeReport
}

// EdgeReport is one edge's account of the run.
type EdgeReport struct {
	Name      string
	Operator  string // the operator that reads the edge
	Policy    policy.Policy
	Priority  bool
	Capacity  int
	Peak      int     // most items held at once
	Mean      float64 // items held, averaged over time
	Sent      uint64  // items the edge accepted
	Dropped   [2]uint64
	TimedOut  uint64 // the part of Dropped that waited out a timed send
	Evicted   uint64 // the part of Dropped[Low] pushed out by High items
	Occupancy [Buckets]int32
}

// Drops is every item the edges lost, by class.
func (r *Report) Drops() [2]uint64 {
	var d [2]uint64
	for _, e := range r.Edges {
		d[flow.Low] += e.Dropped[flow.Low]
		d[flow.High] += e.Dropped[flow.High]
	}
	return d
}

// Accounted reports whether every arrival of class c is delivered,
// filtered, dropped on a counted edge or still in flight.
func (r *Report) Accounted(c flow.Priority) bool {
	return r.Arrived[c] == r.Delivered[c]+r.Filtered[c]+r.Drops()[c]+r.InFlight[c]
}

// MeetsSLO reports whether the High p99 latency is within the SLO; a run
// with no SLO meets it. High items that arrived but none of which got
// through miss it: a stalled chain has no latency to measure, and must not
// pass for one that met its target.
func (r *Report) MeetsSLO() bool {
	if r.HighSLO == 0 {
		return true
	}
	if r.HighLatency.Count() == 0 {
		return r.Arrived[flow.High] == 0
	}
	return r.HighLatency.Quantile(0.99) <= r.HighSLO
}

// BucketWidth is the simulated time one occupancy bucket covers.
func (r *Report) BucketWidth() time.Duration { return bucketWidth(r.Duration) }

func bucketWidth(run time.Duration) time.Duration { return max(run/Buckets, 1) }
