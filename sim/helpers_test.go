package sim

import (
	"testing"
)

// raceEnabled is set under the race detector, which slows the runtime
// driver about tenfold; long runs are shortened then.
var raceEnabled bool

func mustParse(t testing.TB, text string) *Scenario {
	t.Helper()
	sc, err := Parse("test.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func mustLoad(t testing.TB, path string) *Scenario {
	t.Helper()
	sc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// small is a short scenario that exercises every policy: a timed ingest
// edge that times out when backpressure reaches it, a backpressure edge in
// front of a slow operator, and a priority sink.
const small = `
name = "small"
seed = 7
duration = "8s"
[load]
rate = 300
high_share = 0.2
[burst]
start = "1s"
duration = "4s"
multiplier = 8
[slo]
high_p99 = "200ms"
[[stage]]
operator = "normalize"
rate = 1800
edge = "name=ingest policy=timed timeout=500us burst=20/s*1s*1"
[[stage]]
operator = "enrich"
rate = 1200
edge = "name=normalized policy=backpressure burst=50/s*1s*1"
[[stage]]
operator = "correlate"
rate = 700
edge = "name=events policy=shed burst=100/s*1s*1.5"
priority = true
pass = "high"
[[stage]]
operator = "emit"
rate = 500
edge = "name=alerts policy=backpressure burst=none"
`

// uniform is small with the priority sink replaced by a plain shed edge.
func uniform(sc *Scenario) *Scenario {
	c := *sc
	c.Stages = append([]Stage(nil), sc.Stages...)
	for i := range c.Stages {
		c.Stages[i].Priority = false
	}
	return &c
}
