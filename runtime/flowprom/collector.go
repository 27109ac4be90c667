package flowprom

import (
	"fmt"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/flowlint/flowlint/runtime/flow"
)

var (
	edgeLabels     = []string{"edge", "policy"}
	priorityLabels = []string{"edge", "policy", "priority"}
	creditLabels   = []string{"credits"}

	edgeCapacity = prometheus.NewDesc("flow_edge_capacity",
		"Slots the edge holds, from its burst profile.", edgeLabels, nil)
	edgeOccupancy = prometheus.NewDesc("flow_edge_occupancy",
		"Values on the edge, sent and not yet received.", edgeLabels, nil)
	edgeSent = prometheus.NewDesc("flow_edge_sent_total",
		"Values the edge accepted.", edgeLabels, nil)
	edgeDropped = prometheus.NewDesc("flow_edge_dropped_total",
		"Values the edge lost: shed, evicted or timed out. "+
			"Priority sinks split it by priority; other edges leave priority empty.",
		priorityLabels, nil)
	edgeTimeouts = prometheus.NewDesc("flow_edge_timeouts_total",
		"Values a timed edge dropped when its timeout passed; also in flow_edge_dropped_total.",
		edgeLabels, nil)
	edgeEvicted = prometheus.NewDesc("flow_edge_evicted_total",
		"Low-priority values a priority sink evicted to make room for high ones; "+
			"also in flow_edge_dropped_total{priority=\"low\"}.",
		edgeLabels, nil)

	creditsLimit = prometheus.NewDesc("flow_credits_limit",
		"Credits the receiver grants.", creditLabels, nil)
	creditsInFlight = prometheus.NewDesc("flow_credits_in_flight",
		"Credits held by senders or by items not yet processed.", creditLabels, nil)
	creditsPaused = prometheus.NewDesc("flow_credits_paused",
		"1 while the receiver withholds credits, else 0.", creditLabels, nil)
	creditsGranted = prometheus.NewDesc("flow_credits_granted_total",
		"Credits handed to senders.", creditLabels, nil)
	creditsLeaked = prometheus.NewDesc("flow_credits_leaked_total",
		"Credits garbage-collected without being released.", creditLabels, nil)
)

// Collector is a prometheus.Collector for edges and credit grants. It keeps
// no copies of their counts: every scrape reads them afresh.
type Collector struct {
	mu      sync.Mutex // guards the lists, taken only when adding and scraping
	names   map[string]bool
	edges   []flow.Source
	credits []*flow.Credits
}

// NewCollector returns a Collector with nothing to report yet.
func NewCollector() *Collector {
	return &Collector{names: map[string]bool{}}
}

// AddEdges starts reporting edges (an Edge, a PrioritySink or a
// CreditEdge). Names must be unique, as Prometheus series must be.
func (c *Collector) AddEdges(edges ...flow.Source) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range edges {
		if err := c.claim("edge", e.Stats().Edge); err != nil {
			return err
		}
		c.edges = append(c.edges, e)
	}
	return nil
}

// AddCredits starts reporting credit grants.
func (c *Collector) AddCredits(grants ...*flow.Credits) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, g := range grants {
		if err := c.claim("credits", g.Name()); err != nil {
			return err
		}
		c.credits = append(c.credits, g)
	}
	return nil
}

func (c *Collector) claim(kind, name string) error {
	key := kind + "\x00" + name
	if c.names[key] {
		return fmt.Errorf("%s %q is already collected", kind, name)
	}
	c.names[key] = true
	return nil
}

// Describe sends every metric description the collector may report.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{
		edgeCapacity, edgeOccupancy, edgeSent, edgeDropped, edgeTimeouts, edgeEvicted,
		creditsLimit, creditsInFlight, creditsPaused, creditsGranted, creditsLeaked,
	} {
		ch <- d
	}
}

// Collect reads every edge and grant and sends their current values.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	edges, credits := c.edges, c.credits
	c.mu.Unlock()
	for _, e := range edges {
		st := e.Stats()
		edge := func(d *prometheus.Desc, t prometheus.ValueType, v float64, extra ...string) {
			labels := append([]string{st.Edge, st.Policy.String()}, extra...)
			ch <- prometheus.MustNewConstMetric(d, t, v, labels...)
		}
		edge(edgeCapacity, gauge, float64(st.Capacity))
		edge(edgeOccupancy, gauge, float64(st.Occupancy))
		edge(edgeSent, counter, float64(st.Sent))
		edge(edgeTimeouts, counter, float64(st.TimedOut))
		if st.Prioritized {
			edge(edgeDropped, counter, float64(st.DroppedHigh), flow.High.String())
			edge(edgeDropped, counter, float64(st.DroppedLow), flow.Low.String())
			edge(edgeEvicted, counter, float64(st.Evicted))
		} else {
			edge(edgeDropped, counter, float64(st.Dropped), "")
		}
	}
	for _, g := range credits {
		st := g.Stats()
		paused := 0.0
		if st.Paused {
			paused = 1
		}
		ch <- prometheus.MustNewConstMetric(creditsLimit, gauge, float64(st.Limit), st.Name)
		ch <- prometheus.MustNewConstMetric(creditsInFlight, gauge, float64(st.InFlight), st.Name)
		ch <- prometheus.MustNewConstMetric(creditsPaused, gauge, paused, st.Name)
		ch <- prometheus.MustNewConstMetric(creditsGranted, counter, float64(st.Granted), st.Name)
		ch <- prometheus.MustNewConstMetric(creditsLeaked, counter, float64(st.Leaked), st.Name)
	}
}

const (
	gauge   = prometheus.GaugeValue
	counter = prometheus.CounterValue
)

var _ prometheus.Collector = (*Collector)(nil)
