package sim

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flowlint/flowlint/policy"
)

func TestLoadReference(t *testing.T) {
	sc := mustLoad(t, "../examples/burst/reference.toml")
	if sc.Rate != 1000 || sc.Burst.Multiplier != 10 || sc.Burst.Duration != 5*time.Minute ||
		sc.HighSLO != 200*time.Millisecond || sc.HighShare != 0.1 || sc.Seed != 1 {
		t.Errorf("loaded %+v", sc)
	}
	if len(sc.Stages) != 4 {
		t.Fatalf("%d stages, want 4", len(sc.Stages))
	}
	events := sc.Stages[2]
	if events.Operator != "correlate" || !events.Priority || !events.HighOnly ||
		events.Edge.Policy != policy.Shed || events.Edge.Capacity() != 2500 {
		t.Errorf("events stage = %+v", events)
	}
}

// edit replaces the first occurrence of old in the small scenario.
func edit(old, new string) string {
	if !strings.Contains(small, old) {
		panic("small scenario has no " + old)
	}
	return strings.Replace(small, old, new, 1)
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown top key", edit(`seed = 7`, "seed = 7\nsede = 8"), `test.toml:4: sede: unknown key`},
		{"unknown table key", edit(`high_share`, "hi_share = 1\nhigh_share"),
			`test.toml:7: load.hi_share: unknown key`},
		{"unknown stage key", edit(`rate = 1200`, "rate = 1200\nrat = 3"),
			`test.toml:21: stage[1].rat: unknown key`},
		{"bad duration", edit(`"8s"`, `"8 seconds"`),
			`test.toml:4: duration: "8 seconds" is not a Go duration`},
		{"duration not a string", edit(`"8s"`, `8`), `test.toml:4: duration: 8: want a duration`},
		{"negative rate", edit(`rate = 300`, `rate = -3`), `test.toml:6: load.rate: -3 items per second`},
		{"share above one", edit(`0.2`, `1.5`), `test.toml:7: load.high_share: 1.5: want a fraction`},
		{"nan multiplier", edit(`multiplier = 8`, `multiplier = nan`),
			`test.toml:11: burst.multiplier: NaN: want a finite number`},
		{"lull", edit(`multiplier = 8`, `multiplier = 0.5`), `test.toml:11: burst.multiplier: 0.5`},
		{"negative seed", edit(`seed = 7`, `seed = -7`), `test.toml:3: seed: seed -7`},
		{"burst past the end", edit(`duration = "4s"`, `duration = "9s"`),
			`test.toml:10: burst.duration: the burst (from 1s for 9s) must end within`},
		{"missing rate", edit("rate = 300\n", ""), `test.toml:5: load.rate: missing`},
		{"missing stage rate", edit("rate = 1200\n", ""), `test.toml:18: stage[1].rate: missing`},
		{"bad policy", edit(`policy=backpressure burst=50`, `policy=block burst=50`),
			`test.toml:21: stage[1].edge: "name=normalized policy=block burst=50/s*1s*1": ` +
				`unknown policy "block"`},
		{"no name", edit(`name=ingest `, ``), `test.toml:17: stage[0].edge: `},
		{"timed without timeout", edit(`timeout=500us `, ``),
			`stage[0].edge: policy=timed needs timeout`},
		{"priority backpressure", edit(`policy=shed burst=100`, `policy=backpressure burst=100`),
			`test.toml:25: stage[2].edge: a priority edge sheds`},
		{"shed unbuffered", edit(`policy=backpressure burst=none`, `policy=shed burst=none`),
			`stage[3].edge: policy=shed needs a buffer`},
		{"huge edge", edit(`burst=20/s*1s*1`, `burst=20/ns*1s*1`), `test.toml:17: stage[0].edge: "name=ingest policy=timed timeout=500us burst=20/ns*1s*1": burst "20/ns*1s*1" documents 20000000000 slots, more than any channel can hold`},
		{"bad pass", edit(`pass = "high"`, `pass = "severe"`), `test.toml:27: stage[2].pass: "severe"`},
		{"rate too slow to simulate", edit(`rate = 1200`, `rate = 1e-12`),
			`stage[1].rate: 1e-12 items per second: want at least`},
		{"zero SLO", edit(`high_p99 = "200ms"`, `high_p99 = "0s"`),
			`slo.high_p99: must be positive; leave it out for no SLO`},
		{"priority not bool", edit(`priority = true`, `priority = "yes"`),
			`test.toml:26: stage[2].priority: want true or false`},
		{"twice the operator", edit(`operator = "enrich"`, `operator = "normalize"`),
			`test.toml:19: stage[1].operator: operator "normalize" appears twice`},
		{"twice the edge", edit(`name=normalized`, `name=ingest`),
			`test.toml:21: stage[1].edge: edge "ingest" appears twice`},
		{"no stages", small[:strings.Index(small, "[[stage]]")], `test.toml: stage: no [[stage]]`},
		{"too many arrivals", edit(`rate = 300`, `rate = 1e9`),
			`test.toml:6: load.rate: 3.6e+10 arrivals`},
		{"bad toml", edit(`seed = 7`, `seed = = 7`), `test.toml:3: `},
		{"wrong type", edit(`name = "small"`, `name = 3`), `test.toml:2: name: incompatible types`},
	} {
		_, err := Parse("test.toml", []byte(tc.text))
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%s: error %v, want a *sim.Error", tc.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error\n\t%s\nwant it to start with or contain\n\t%s", tc.name, err, tc.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error spans lines: %q", tc.name, err)
		}
	}
}

// FuzzParse feeds the loader arbitrary files: it must return a scenario
// that is safe to run or an error that names a field or says what is
// wrong, and never panic.
func FuzzParse(f *testing.F) {
	f.Add(small)
	f.Add(edit(`multiplier = 8`, `multiplier = inf`))
	f.Add(edit(`[[stage]]`, `[stage]`))
	f.Add("stage = 3\n")
	f.Add("[[stage]]\nedge = {}\n")
	f.Fuzz(func(t *testing.T, text string) {
		sc, err := Parse("fuzz.toml", []byte(text))
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Msg == "" || se.Line < 0 {
				t.Fatalf("error %#v is not a located *sim.Error", err)
			}
			return
		}
		if sc.Duration <= 0 || sc.Burst.End() > sc.Duration || len(sc.Stages) == 0 ||
			sc.ExpectedArrivals() > MaxArrivals {
			t.Fatalf("accepted a scenario that cannot run: %+v", sc)
		}
		for _, st := range sc.Stages {
			if st.Rate <= 0 || st.Edge.Validate() != nil || st.Edge.Name == "" {
				t.Fatalf("accepted a stage that cannot run: %+v", st)
			}
		}
	})
}
