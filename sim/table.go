package sim

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// WriteTable prints the report for a reader: the run, a row per edge, then
// the end-to-end figures.
func (r *Report) WriteTable(w io.Writer) error {
	ew := &errWriter{w: w}
	b := r.Burst
	ew.printf("scenario %s(%s): %v simulated, burst %gx from %v for %v\n",
		r.label(), r.Engine, r.Duration, b.Multiplier, b.Start, b.Duration)
	ew.printf("arrivals: %d (High %d, Low %d)\n\n", r.Arrived[flow.High]+r.Arrived[flow.Low],
		r.Arrived[flow.High], r.Arrived[flow.Low])

	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "edge\toperator\tpolicy\tcapacity\tpeak\tmean\tsent\t"+
		"High drops\tLow drops\ttimeouts\tevicted")
	for _, e := range r.Edges {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\n",
			e.Name, e.Operator, policyName(e), e.Capacity, e.Peak, e.Mean, e.Sent,
			e.Dropped[flow.High], e.Dropped[flow.Low], e.TimedOut, e.Evicted)
	}
	tw.Flush()

	h := &r.HighLatency
	ew.printf("\nHigh latency: p50 %v, p99 %v, max %v over %d items; SLO p99 %s\n",
		round(h.Quantile(0.5)), round(h.Quantile(0.99)), round(h.Max()), h.Count(), r.sloVerdict())
	drops := r.Drops()
	ew.printf("High: %d delivered, %d dropped, %d in flight at the end, %s\n",
		r.Delivered[flow.High], drops[flow.High], r.InFlight[flow.High], r.orderVerdict())
	ew.printf("Low: %d delivered, %d consumed by operators, %d dropped, %d in flight; %s\n",
		r.Delivered[flow.Low], r.Filtered[flow.Low], drops[flow.Low], r.InFlight[flow.Low],
		accountedVerdict(r.Accounted(flow.Low)))
	if r.CaughtUp {
		ew.printf("catch-up: edges back to their pre-burst peak %v after the burst\n",
			round(r.CatchUp))
	} else {
		ew.printf("catch-up: edges still above their pre-burst peak at the end of the run\n")
	}
	return ew.err
}

func policyName(e EdgeReport) string {
	if e.Priority {
		return "shed, priority"
	}
	return e.Policy.String()
}

func (r *Report) sloVerdict() string {
	switch {
	case r.HighSLO == 0:
		return "not set"
	case r.MeetsSLO():
		return fmt.Sprintf("%v met", r.HighSLO)
	}
	return fmt.Sprintf("%v MISSED", r.HighSLO)
}

func (r *Report) orderVerdict() string {
	if r.OutOfOrder == 0 {
		return "each delivered once, in order"
	}
	return fmt.Sprintf("%d delivered twice or out of order", r.OutOfOrder)
}

func accountedVerdict(ok bool) string {
	if ok {
		return "every item accounted for"
	}
	return "SOME ITEMS UNACCOUNTED FOR"
}

// round keeps three significant figures or so, enough to read.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(10 * time.Nanosecond)
}

// errWriter keeps the first write error so the printing reads straight.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// label is the scenario's name followed by a space, or nothing for an
// unnamed scenario, so that headings read "scenario (model)" either way.
func (r *Report) label() string {
	if r.Scenario == "" {
		return ""
	}
	return r.Scenario + " "
}
