package sim

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/flowlint/flowlint/policy"
	"github.com/flowlint/flowlint/runtime/flow"
)

// Scenario is one burst experiment: a chain of stages fed by an arrival
// process that runs at Rate items per second and at Rate × Burst.Multiplier
// during the burst window.
type Scenario struct {
	Name      string
	Seed      uint64
	Duration  time.Duration // simulated time, burst included
	Rate      float64       // nominal arrivals per second
	HighShare float64       // fraction of arrivals that are High
	Burst     Burst
	HighSLO   time.Duration // the High p99 end-to-end latency must be within it
	Stages    []Stage       // in chain order, source side first
}

// Burst is the window in which arrivals run Multiplier times faster.
type Burst struct {
	Start      time.Duration
	Duration   time.Duration
	Multiplier float64
}

// ExpectedArrivals is the mean number of arrivals over the whole run.
func (sc *Scenario) ExpectedArrivals() float64 {
	extra := sc.Rate * (sc.Burst.Multiplier - 1) * sc.Burst.Duration.Seconds()
	return sc.Rate*sc.Duration.Seconds() + extra
}

// End is when the burst window closes.
func (b Burst) End() time.Duration { return b.Start + b.Duration }

// Stage is an edge and the operator that reads it. The operator serves one
// item at a time at Rate items per second, then sends it on the next
// stage's edge (the last operator delivers it).
type Stage struct {
	Operator string
	Rate     float64     // items per second the operator serves
	Edge     policy.Spec // the edge in front of the operator
	Priority bool        // the edge is a priority sink: High before Low, Low shed first
	HighOnly bool        // the operator passes on High items only (pass = "high")
}

// Limits that keep any accepted scenario finite in time and memory.
const (
	MaxStages   = 32
	MaxArrivals = 2_000_000_000 // expected arrivals over the whole run
	MaxDuration = 7 * 24 * time.Hour
	maxRate     = 1e9 // items per second, arrivals or service
	// minRate keeps one item's service time within a day: slower than that
	// is a typo in the units, and far slower overflows virtual time.
	minRate = 1.0 / 86400
)

// Error is a scenario that cannot be run: the field at fault and why, at a
// line of the file when one is known.
type Error struct {
	Path  string
	Line  int
	Field string
	Msg   string
}

func (e *Error) Error() string {
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", where, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", where, e.Field, e.Msg)
}

// Load reads and checks a scenario file.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w", err)
	}
	return Parse(path, data)
}

// file is the TOML layout. Top-level values check themselves as they are
// decoded, so the decoder's error carries their line; stages are decoded
// as plain tables and checked one by one, because the decoder records a
// line per key name, not per array element.
type file struct {
	Name     string           `toml:"name"`
	Seed     seed             `toml:"seed"`
	Duration duration         `toml:"duration"`
	Load     loadTable        `toml:"load"`
	Burst    burstTable       `toml:"burst"`
	SLO      sloTable         `toml:"slo"`
	Stages   []map[string]any `toml:"stage"`
}

type loadTable struct {
	Rate      rate  `toml:"rate"`
	HighShare share `toml:"high_share"`
}

type burstTable struct {
	Start      duration `toml:"start"`
	Duration   duration `toml:"duration"`
	Multiplier factor   `toml:"multiplier"`
}

type sloTable struct {
	HighP99 duration `toml:"high_p99"`
}

// Parse checks a scenario's content; path names it in errors.
func Parse(path string, data []byte) (*Scenario, error) {
	var raw file
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, decodeError(path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		if len(k) > 0 && k[0] != "stage" { // stage keys are checked below, with their index
			return nil, &Error{Path: path, Line: keyLine(data, k), Field: k.String(),
				Msg: "unknown key"}
		}
	}
	sc := &Scenario{
		Name:      raw.Name,
		Seed:      uint64(raw.Seed),
		Duration:  time.Duration(raw.Duration),
		Rate:      float64(raw.Load.Rate),
		HighShare: float64(raw.Load.HighShare),
		HighSLO:   time.Duration(raw.SLO.HighP99),
		Burst: Burst{
			Start:      time.Duration(raw.Burst.Start),
			Duration:   time.Duration(raw.Burst.Duration),
			Multiplier: float64(raw.Burst.Multiplier),
		},
	}
	fail := func(field, format string, args ...any) error {
		return &Error{Path: path, Line: keyLine(data, strings.Split(field, ".")), Field: field,
			Msg: fmt.Sprintf(format, args...)}
	}
	if err := sc.checkRequired(md, fail); err != nil {
		return nil, err
	}
	if md.IsDefined("slo", "high_p99") && sc.HighSLO <= 0 {
		return nil, fail("slo.high_p99", "must be positive; leave it out for no SLO")
	}
	if err := sc.checkWindow(fail); err != nil {
		return nil, err
	}
	if err := sc.parseStages(path, data, raw.Stages); err != nil {
		return nil, err
	}
	return sc, nil
}

type failFunc func(field, format string, args ...any) error

// checkRequired insists on the values a run cannot guess. Seed, name,
// high_share and the SLO have defaults that change no behaviour silently:
// a zero seed is a seed, and no SLO means none is judged.
func (sc *Scenario) checkRequired(md toml.MetaData, fail failFunc) error {
	for _, key := range []string{"duration", "load.rate", "burst.duration", "burst.multiplier"} {
		if !md.IsDefined(strings.Split(key, ".")...) {
			return fail(key, "missing; the scenario must say it")
		}
	}
	return nil
}

// checkWindow keeps the burst inside the run and the run finite.
func (sc *Scenario) checkWindow(fail failFunc) error {
	if sc.Duration <= 0 {
		return fail("duration", "must be positive")
	}
	if sc.Burst.Duration <= 0 {
		return fail("burst.duration", "must be positive")
	}

	if sc.Duration > MaxDuration {
		return fail("duration", "%s is longer than the %s a run may simulate",
			sc.Duration, MaxDuration)
	}
	if sc.Burst.End() > sc.Duration || sc.Burst.End() < sc.Burst.Start {
		return fail("burst.duration", "the burst (from %s for %s) must end within the run's %s",
			sc.Burst.Start, sc.Burst.Duration, sc.Duration)
	}
	if expected := sc.ExpectedArrivals(); expected > MaxArrivals {
		return fail("load.rate", "%.3g arrivals expected over the run, more than %d",
			expected, MaxArrivals)
	}
	return nil
}

func (sc *Scenario) parseStages(path string, data []byte, stages []map[string]any) error {
	if len(stages) == 0 {
		return &Error{Path: path, Field: "stage", Msg: "no [[stage]]: a chain needs at least one"}
	}
	if len(stages) > MaxStages {
		return &Error{Path: path, Line: stageLine(data, MaxStages, ""), Field: "stage",
			Msg: fmt.Sprintf("%d stages, more than %d", len(stages), MaxStages)}
	}
	operators, edges := map[string]bool{}, map[string]bool{}
	for i, table := range stages {
		st, key, err := parseStage(table)
		if err == nil {
			key, err = "operator", unique(operators, st.Operator, "operator")
		}
		if err == nil {
			key, err = "edge", unique(edges, st.Edge.Name, "edge")
		}
		if err != nil {
			return &Error{Path: path, Line: stageLine(data, i, key),
				Field: fmt.Sprintf("stage[%d].%s", i, key), Msg: err.Error()}
		}
		sc.Stages = append(sc.Stages, st)
	}
	return nil
}

func unique(seen map[string]bool, name, what string) error {
	if seen[name] {
		return fmt.Errorf("%s %q appears twice in the chain", what, name)
	}
	seen[name] = true
	return nil
}

var stageKeys = []string{"operator", "rate", "edge", "priority", "pass"}

// parseStage checks one [[stage]] table. It returns the key at fault with
// the error.
func parseStage(table map[string]any) (Stage, string, error) {
	var st Stage
	for key := range table {
		if !contains(stageKeys, key) {
			return st, key, fmt.Errorf("unknown key (want one of %s)", strings.Join(stageKeys, ", "))
		}
	}
	name, err := stringKey(table, "operator", true)
	if err != nil {
		return st, "operator", err
	}
	if !operatorName.MatchString(name) {
		return st, "operator", fmt.Errorf("%q: use letters, digits, '_', '-' and '.'", name)
	}
	st.Operator = name
	var r rate
	if err := r.UnmarshalTOML(table["rate"]); err != nil {
		return st, "rate", err
	}
	st.Rate = float64(r)
	if st.Priority, err = boolKey(table, "priority"); err != nil {
		return st, "priority", err
	}
	pass, err := stringKey(table, "pass", false)
	switch {
	case err != nil:
		return st, "pass", err
	case pass != "" && pass != "all" && pass != "high":
		return st, "pass", fmt.Errorf("%q: want all or high", pass)
	}
	st.HighOnly = pass == "high"
	fields, err := stringKey(table, "edge", true)
	if err != nil {
		return st, "edge", err
	}
	st.Edge, err = parseEdge(fields, st.Priority)
	return st, "edge", err
}

var operatorName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// parseEdge reads an edge in annotation syntax and holds it to what the
// runtime would accept, since Drive builds real edges from it.
func parseEdge(fields string, priority bool) (policy.Spec, error) {
	spec, err := policy.ParseFields(fields)
	if err != nil {
		return spec, fmt.Errorf("%q: %v", fields, err)
	}
	if spec.Name == "" {
		return spec, fmt.Errorf("%q: an edge needs name=NAME", fields)
	}
	if err := spec.Validate(); err != nil {
		return spec, err
	}
	capacity := spec.Capacity()
	switch {
	case capacity > flow.MaxCapacity:
		return spec, fmt.Errorf("burst %s needs %d slots, more than the %d one edge may hold",
			spec.Burst, capacity, flow.MaxCapacity)
	case spec.Policy == policy.Shed && capacity == 0:
		return spec, fmt.Errorf("policy=shed needs a buffer, not burst=none")
	case priority && spec.Policy != policy.Shed:
		return spec, fmt.Errorf("a priority edge sheds: want policy=shed, not %s", spec.Policy)
	}
	return spec, nil
}

func stringKey(table map[string]any, key string, required bool) (string, error) {
	v, ok := table[key]
	if !ok {
		if required {
			return "", errors.New("missing; every stage must say it")
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok || s == "" {
		return "", fmt.Errorf("want a non-empty string, not %v", v)
	}
	return s, nil
}

func boolKey(table map[string]any, key string) (bool, error) {
	v, ok := table[key]
	if !ok {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("want true or false, not %v", v)
	}
	return b, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// decodeError turns the TOML decoder's error into an Error with a line.
func decodeError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := strings.TrimPrefix(pe.Message, "toml: ")
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return &Error{Path: path, Line: pe.Position.Line, Field: pe.LastKey, Msg: msg}
	}
	// Type mismatches come as text: "toml: line N (last key "K"): msg".
	if m := mismatch.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Path: path, Line: line, Field: m[2], Msg: m[3]}
	}
	return &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

var mismatch = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// finite rejects NaN and infinities, which TOML can spell (nan, inf).
func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
