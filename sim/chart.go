package sim

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// The chart's geometry, in SVG user units.
const (
	chartW, chartH = 980, 460
	plotL, plotT   = 70, 64   // left and top of the plot area
	plotW, plotH   = 640, 320 // size of the plot area
	legendX        = plotL + plotW + 24
)

// lineColors tell up to eight edges apart, and stay apart in grey print.
var lineColors = []string{
	"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
}

// WriteSVG draws each edge's occupancy over the run as a share of its
// capacity (the occupancy gradient: a bottleneck's edge sits at the top,
// the ones after it near the bottom), with the burst window shaded.
func (r *Report) WriteSVG(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" `+
		`viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">`+"\n",
		chartW, chartH, chartW, chartH)
	ew.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	r.svgTitle(ew)
	r.svgBurst(ew)
	r.svgAxes(ew)
	for i, e := range r.Edges {
		r.svgLine(ew, e, lineColors[i%len(lineColors)])
	}
	r.svgLegend(ew)
	ew.printf("</svg>\n")
	return ew.err
}

func (r *Report) svgTitle(ew *errWriter) {
	ew.printf(`<text x="%d" y="24" font-size="16" font-weight="bold">%s</text>`+"\n",
		plotL, esc(fmt.Sprintf("Edge occupancy, scenario %s(%s)", r.label(), r.Engine)))
	drops := r.Drops()
	ew.printf(`<text x="%d" y="44" fill="#444">%s</text>`+"\n", plotL, esc(fmt.Sprintf(
		"High: %d dropped, p99 %v (SLO %s); Low: %d dropped; peak held per %v",
		drops[flow.High], round(r.HighLatency.Quantile(0.99)), r.sloVerdict(), drops[flow.Low],
		round(r.BucketWidth()))))
}

// x maps a time in the run to the plot; y maps a share of capacity.
func (r *Report) x(t time.Duration) float64 {
	return plotL + float64(plotW)*float64(t)/float64(max(r.Duration, 1))
}

// y leaves headroom above 100% so that a full edge's line stays clear of
// the frame.
func y(share float64) float64 { return plotT + float64(plotH)*(1-share/headroom) }

const headroom = 1.08

func (r *Report) svgBurst(ew *errWriter) {
	x0, x1 := r.x(r.Burst.Start), r.x(r.Burst.End())
	ew.printf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#fde3c8"/>`+"\n",
		x0, plotT, x1-x0, plotH)
	ew.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#a0522d">%s</text>`+"\n",
		(x0+x1)/2, plotT+plotH/2, esc(fmt.Sprintf("burst: %gx for %v", r.Burst.Multiplier,
			r.Burst.Duration)))
}

func (r *Report) svgAxes(ew *errWriter) {
	for pct := 0; pct <= 100; pct += 20 {
		yy := y(float64(pct) / 100)
		ew.printf(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n",
			plotL, yy, plotL+plotW, yy)
		ew.printf(`<text x="%d" y="%.1f" text-anchor="end">%d%%</text>`+"\n", plotL-8, yy+4, pct)
	}
	step := tickStep(r.Duration)
	for t := time.Duration(0); t <= r.Duration; t += step {
		xx := r.x(t)
		ew.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#888"/>`+"\n",
			xx, plotT+plotH, xx, plotT+plotH+5)
		ew.printf(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n",
			xx, plotT+plotH+20, esc(shortDuration(t)))
	}
	ew.printf(`<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#444"/>`+"\n",
		plotL, plotT, plotW, plotH)
	ew.printf(`<text x="%d" y="%d" text-anchor="middle">simulated time</text>`+"\n",
		plotL+plotW/2, plotT+plotH+42)
	ew.printf(`<text transform="translate(20 %d) rotate(-90)" text-anchor="middle">`+
		`occupancy, %% of capacity</text>`+"\n", plotT+plotH/2)
}

// tickStep picks a round interval that puts at most ten ticks on the axis.
func tickStep(run time.Duration) time.Duration {
	for _, s := range []time.Duration{
		time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond, time.Second,
		2 * time.Second, 5 * time.Second, 10 * time.Second, 30 * time.Second, time.Minute,
		2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 30 * time.Minute, time.Hour,
		2 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	} {
		if run/s <= 10 {
			return s
		}
	}
	return 24 * time.Hour
}

// shortDuration writes a tick label: 2m rather than 2m0s, 1h rather than
// 1h0m0s, and 0 as 0.
func shortDuration(t time.Duration) string {
	if t == 0 {
		return "0"
	}
	s := t.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s") // 2m0s, not 10s
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// svgLine draws one edge as a step line through its per-bucket peaks.
func (r *Report) svgLine(ew *errWriter, e EdgeReport, color string) {
	if e.Capacity == 0 {
		return // an unbuffered edge holds nothing; the legend says so
	}
	width := r.BucketWidth()
	ew.printf(`<polyline fill="none" stroke="%s" stroke-width="1.8" points="`, color)
	for b, n := range e.Occupancy {
		share := float64(n) / float64(e.Capacity)
		t0 := time.Duration(b) * width
		ew.printf("%.1f,%.1f %.1f,%.1f ", r.x(t0), y(share), r.x(t0+width), y(share))
	}
	ew.printf(`"/>` + "\n")
}

func (r *Report) svgLegend(ew *errWriter) {
	ew.printf(`<text x="%d" y="%d" font-weight="bold">edge (operator reading it)</text>`+"\n",
		legendX, plotT+4)
	for i, e := range r.Edges {
		yy := plotT + 28 + i*40
		color := lineColors[i%len(lineColors)]
		ew.printf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"/>`+"\n",
			legendX, yy-4, legendX+22, yy-4, color)
		ew.printf(`<text x="%d" y="%d">%s</text>`+"\n", legendX+30, yy,
			esc(fmt.Sprintf("%s (%s)", e.Name, e.Operator)))
		detail := fmt.Sprintf("%s, peak %d of %d", policyName(e), e.Peak, e.Capacity)
		if e.Capacity == 0 {
			detail = policyName(e) + ", unbuffered"
		}
		ew.printf(`<text x="%d" y="%d" fill="#555" font-size="11">%s</text>`+"\n",
			legendX+30, yy+15, esc(detail))
	}
}

func esc(s string) string { return html.EscapeString(s) }
