package sim

import (
	"strings"
	"testing"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

func TestStalledChainMissesSLO(t *testing.T) {
	r := &Report{HighSLO: time.Second}
	r.Arrived[flow.High] = 3
	if r.MeetsSLO() {
		t.Error("High items arrived and none got through, yet the SLO counts as met")
	}
	r.Arrived[flow.High] = 0
	if !r.MeetsSLO() {
		t.Error("a run with no High traffic has nothing to miss")
	}
	r.HighLatency.Record(2 * time.Second)
	r.Arrived[flow.High] = 1
	if r.MeetsSLO() {
		t.Error("a p99 of 2s meets an SLO of 1s")
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                              "0",
		10 * time.Second:               "10s",
		20 * time.Second:               "20s",
		time.Minute:                    "1m",
		70 * time.Second:               "1m10s",
		2 * time.Hour:                  "2h",
		90 * time.Minute:               "1h30m",
		1500 * time.Millisecond:        "1.5s",
		time.Hour + 30*time.Second:     "1h0m30s",
		5*time.Minute + 20*time.Second: "5m20s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestUnnamedScenarioHeading(t *testing.T) {
	var b strings.Builder
	r := &Report{Engine: "model"}
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(b.String(), "\n"); !strings.HasPrefix(first, "scenario (model):") {
		t.Errorf("heading %q", first)
	}
	r.Scenario = "reference"
	b.Reset()
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(b.String(), "\n"); !strings.HasPrefix(first, "scenario reference (model):") {
		t.Errorf("heading %q", first)
	}
}
