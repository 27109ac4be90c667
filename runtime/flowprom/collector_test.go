package flowprom

import (
	"context"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/flowlint/flowlint/runtime/flow"
)

func TestCollectorReportsEdgesAndCredits(t *testing.T) {
	ctx := context.Background()
	shed, err := flow.ParseEdge[int]("name=ingest policy=shed burst=2/s*1s*1")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		shed.Send(ctx, i) // 2 kept, 3 shed
	}
	sink, err := flow.ParsePrioritySink("name=events policy=shed burst=2/s*1s*1",
		func(v int) flow.Priority { return flow.Priority(v) })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []int{0, 0, 1, 1, 1, 0} {
		sink.Send(p) // L L H evicts L, H evicts L, H dropped, L dropped
	}
	grant, err := flow.NewCredits("alerts", 4)
	if err != nil {
		t.Fatal(err)
	}
	held, _ := grant.Acquire(ctx)
	defer held.Release()
	grant.Pause()

	c := NewCollector()
	if err := c.AddEdges(shed, sink); err != nil {
		t.Fatal(err)
	}
	if err := c.AddCredits(grant); err != nil {
		t.Fatal(err)
	}
	want := `
# HELP flow_edge_capacity Slots the edge holds, from its burst profile.
# TYPE flow_edge_capacity gauge
flow_edge_capacity{edge="events",policy="shed"} 2
flow_edge_capacity{edge="ingest",policy="shed"} 2
# HELP flow_edge_occupancy Values on the edge, sent and not yet received.
# TYPE flow_edge_occupancy gauge
flow_edge_occupancy{edge="events",policy="shed"} 2
flow_edge_occupancy{edge="ingest",policy="shed"} 2
# HELP flow_edge_sent_total Values the edge accepted.
# TYPE flow_edge_sent_total counter
flow_edge_sent_total{edge="events",policy="shed"} 4
flow_edge_sent_total{edge="ingest",policy="shed"} 2
# HELP flow_edge_dropped_total Values the edge lost: shed, evicted or timed out. ` +
		`Priority sinks split it by priority; other edges leave priority empty.
# TYPE flow_edge_dropped_total counter
flow_edge_dropped_total{edge="events",policy="shed",priority="high"} 1
flow_edge_dropped_total{edge="events",policy="shed",priority="low"} 3
flow_edge_dropped_total{edge="ingest",policy="shed",priority=""} 3
# HELP flow_credits_in_flight Credits held by senders or by items not yet processed.
# TYPE flow_credits_in_flight gauge
flow_credits_in_flight{credits="alerts"} 1
# HELP flow_credits_paused 1 while the receiver withholds credits, else 0.
# TYPE flow_credits_paused gauge
flow_credits_paused{credits="alerts"} 1
`
	err = testutil.CollectAndCompare(c, strings.NewReader(want),
		"flow_edge_capacity", "flow_edge_occupancy", "flow_edge_sent_total",
		"flow_edge_dropped_total", "flow_credits_in_flight", "flow_credits_paused")
	if err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(c); n != 2*5+2+5 {
		t.Errorf("collected %d series, want 17", n)
	}
}

func TestCollectorFollowsNamingConventions(t *testing.T) {
	e, _ := flow.ParseEdge[int]("name=a policy=timed timeout=1ms burst=none")
	g, _ := flow.NewCredits("g", 1)
	c := NewCollector()
	c.AddEdges(e)
	c.AddCredits(g)
	problems, err := testutil.CollectAndLint(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

func TestCollectorRefusesDuplicateNames(t *testing.T) {
	a, _ := flow.ParseEdge[int]("name=same policy=backpressure burst=none")
	b, _ := flow.ParseEdge[string]("name=same policy=backpressure burst=none")
	c := NewCollector()
	if err := c.AddEdges(a); err != nil {
		t.Fatal(err)
	}
	if err := c.AddEdges(b); err == nil || !strings.Contains(err.Error(), `edge "same"`) {
		t.Errorf("second edge named same: err = %v", err)
	}
	g, _ := flow.NewCredits("same", 1)
	if err := c.AddCredits(g); err != nil {
		t.Errorf("credits may share a name with an edge: %v", err)
	}
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(c); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Gather(); err != nil {
		t.Errorf("Gather: %v", err)
	}
}

// BenchmarkScrape is the cost of one scrape of eight edges. It is paid by
// the scraper: the edges' senders and receivers do no work for it.
func BenchmarkScrape(b *testing.B) {
	c := NewCollector()
	for i := range 8 {
		e, _ := flow.ParseEdge[int]("name=e" + string(rune('a'+i)) + " policy=shed burst=8/s*1s*1")
		c.AddEdges(e)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
}
