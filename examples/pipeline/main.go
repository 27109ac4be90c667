package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/flowlint/flowlint/runtime/flowprom"
)

func main() {
	runFor := flag.Duration("for", 10*time.Second, "stop on its own after this long")
	addr := flag.String("addr", "127.0.0.1:0",
		"loopback address for /metrics (port 0 picks a free one)")
	rate := flag.Int("rate", 5000, "events per second the generator offers between bursts")
	correlateAt := flag.Int("correlate", 4000, "events per second the correlator handles")
	flag.Parse()
	if *runFor <= 0 || *rate <= 0 || *correlateAt <= 0 {
		fmt.Fprintln(os.Stderr, "pipeline: -for, -rate and -correlate must be positive")
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := config{
		rate:        *rate,
		correlateAt: *correlateAt,
		checkpoint:  3 * time.Second,
		report:      time.Second,
		out:         os.Stdout,
	}
	if err := serve(ctx, *addr, *runFor, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		os.Exit(1)
	}
}

// serve runs the pipeline for runFor (or until ctx ends) with its metrics
// on addr, which must be a loopback address, then prints a summary.
func serve(ctx context.Context, addr string, runFor time.Duration, cfg config) error {
	if cfg.rate < 1 || cfg.correlateAt < 1 {
		return fmt.Errorf("rates must be positive, got -rate=%d -correlate=%d",
			cfg.rate, cfg.correlateAt)
	}
	ln, err := listenLoopback(addr)
	if err != nil {
		return err
	}
	p, err := newPipeline(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	collector := flowprom.NewCollector()
	if err := collector.AddEdges(p.raw, p.normalized, p.events, p.alerts); err != nil {
		ln.Close()
		return err
	}
	if err := collector.AddCredits(p.alerts.Credits()); err != nil {
		ln.Close()
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collector)
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	//flow:edge name=serve-result policy=backpressure burst=1/s*1s*1
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(cfg.out, "metrics: http://%s/metrics\nrunning for %s (Ctrl-C stops sooner)\n",
		ln.Addr(), runFor)

	runCtx, cancel := context.WithTimeout(ctx, runFor)
	defer cancel()
	p.run(runCtx)
	fmt.Fprint(cfg.out, p.summary())

	shutdown, cancelShutdown := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelShutdown()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenLoopback refuses any address that is not on this machine's
// loopback interface: the example serves nobody else.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("metrics address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("metrics address %q: want a loopback IP such as 127.0.0.1", addr)
	}
	return net.Listen("tcp", addr)
}

// summary accounts for every event: what each edge kept and dropped, and
// where the rest went.
func (p *pipeline) summary() string {
	raw, norm, ev, al := p.raw.Stats(), p.normalized.Stats(), p.events.Stats(), p.alerts.Stats()
	return fmt.Sprintf(`
summary
  generated  %d events
  raw        sent %d, timed out %d
  normalized sent %d, dropped %d (backpressure: never)
  events     sent %d, dropped %d high / %d low (%d low evicted for high)
  correlated %d events
  alerts     sent %d, emitted %d, checkpoints %d, credits leaked %d
%s
`, p.generated.Load(), raw.Sent, raw.TimedOut, norm.Sent, norm.Dropped,
		ev.Sent, ev.DroppedHigh, ev.DroppedLow, ev.Evicted, p.correlated.Load(),
		al.Sent, p.emitted.Load(), p.checkpoints.Load(), p.alerts.Credits().Stats().Leaked,
		p.status())
}
