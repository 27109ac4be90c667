// Package flowprom exports the flow runtime's edges and credit grants as
// Prometheus metrics, named flow_edge_* and flow_credits_*. Its Collector
// reads the edges' atomic counters at scrape time, so the hot path pays
// nothing for being observed.
package flowprom
