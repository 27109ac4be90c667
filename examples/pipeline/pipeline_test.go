package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// lockedBuffer collects output written from several operators at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestPipelineAccountsForEveryEvent runs the pipeline for seven seconds of
// synctest time. synctest.Test itself fails if any goroutine the pipeline
// started is still running when run returns.
func TestPipelineAccountsForEveryEvent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &lockedBuffer{}
		p, err := newPipeline(config{
			rate: 3000, correlateAt: 2000,
			checkpoint: 2 * time.Second, report: time.Second, out: out,
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 7*time.Second)
		defer cancel()
		//flow:edge name=midway-bottleneck policy=backpressure burst=1/s*1s*1
		midway := make(chan string, 1)
		go func() {
			time.Sleep(5 * time.Second)
			op, _ := p.gradient.Bottleneck()
			midway <- op
		}()
		p.run(ctx)
		if op := <-midway; op != "correlate" {
			t.Errorf("bottleneck under load = %q, want correlate", op)
		}

		raw, norm, ev, al := p.raw.Stats(), p.normalized.Stats(), p.events.Stats(), p.alerts.Stats()
		gen, corr := p.generated.Load(), p.correlated.Load()
		checks := []struct {
			what      string
			got, want uint64
		}{
			{"raw: sent + dropped = generated", raw.Sent + raw.Dropped, gen},
			{"normalized: sent = raw sent", norm.Sent, raw.Sent},
			{"normalized: backpressure drops nothing", norm.Dropped, 0},
			{"events: kept + shed at the door = normalized",
				ev.Sent + ev.Dropped - ev.Evicted, norm.Sent},
			{"correlated = events kept and not evicted", corr, ev.Sent - ev.Evicted},
			{"high events are never shed here", ev.DroppedHigh, 0},
			{"alerts: emitted = sent", p.emitted.Load(), al.Sent},
			{"credits in flight after the drain", uint64(p.alerts.Credits().Stats().InFlight), 0},
			{"credits leaked", p.alerts.Credits().Stats().Leaked, 0},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: got %d, want %d", c.what, c.got, c.want)
			}
		}
		if ev.DroppedLow == 0 || gen < 20000 || p.checkpoints.Load() < 2 {
			t.Errorf("generated %d, low dropped %d, checkpoints %d: want shedding and checkpoints",
				gen, ev.DroppedLow, p.checkpoints.Load())
		}
		for _, e := range []flow.Source{p.raw, p.normalized, p.events, p.alerts} {
			if st := e.Stats(); st.Occupancy != 0 {
				t.Errorf("edge %s still holds %d values after the drain", st.Edge, st.Occupancy)
			}
		}
		alerted := regexp.MustCompile(`ALERT (host-\d\d)`).FindAllStringSubmatch(out.String(), -1)
		if uint64(len(alerted)) != al.Sent || len(alerted) == 0 {
			t.Errorf("printed %d alerts, sent %d", len(alerted), al.Sent)
		}
		for _, m := range alerted {
			var n int
			fmt.Sscanf(m[1], "host-%d", &n)
			if n%noisyEvery != 0 {
				t.Errorf("alert for quiet host %s", m[1])
			}
		}
	})
}

// TestServeMetricsOnLoopback runs the real command path on 127.0.0.1 and
// scrapes it once.
func TestServeMetricsOnLoopback(t *testing.T) {
	pr, pw := io.Pipe()
	defer pr.Close()
	cfg := config{
		rate: 1000, correlateAt: 2000, checkpoint: time.Second, report: time.Second, out: pw,
	}
	//flow:edge name=serve-result policy=backpressure burst=1/s*1s*1
	done := make(chan error, 1)
	go func() {
		done <- serve(context.Background(), "127.0.0.1:0", 2*time.Second, cfg)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatal("no output from serve")
	}
	url, ok := strings.CutPrefix(lines.Text(), "metrics: ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q, want the metrics URL on 127.0.0.1", lines.Text())
	}
	go io.Copy(io.Discard, pr) // keep the pipeline's output flowing
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`flow_edge_capacity{edge="raw",policy="timed"} 3000`,
		`flow_edge_capacity{edge="events",policy="shed"} 2500`,
		`flow_edge_dropped_total{edge="events",policy="shed",priority="high"}`,
		`flow_edge_occupancy{edge="normalized",policy="backpressure"}`,
		`flow_credits_in_flight{credits="alerts"}`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func TestServeRefusesNonLoopback(t *testing.T) {
	cfg := config{
		rate: 1, correlateAt: 1, checkpoint: time.Second, report: time.Second, out: io.Discard,
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:9090", "localhost", "[::]:0"} {
		err := serve(context.Background(), addr, time.Millisecond, cfg)
		if err == nil || !strings.Contains(err.Error(), "metrics address") {
			t.Errorf("serve on %q: err = %v, want a refusal", addr, err)
		}
	}
	bad := cfg
	bad.rate = 0
	if err := serve(context.Background(), "127.0.0.1:0", time.Millisecond, bad); err == nil {
		t.Error("serve with -rate=0: no error")
	}
}
