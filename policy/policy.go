package policy

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Policy says what a send does when its edge is full.
type Policy int

const (
	// Unset is the zero Policy: the annotation did not say.
	Unset Policy = iota
	// Backpressure blocks the sender until there is room (or its context ends).
	Backpressure
	// Shed never blocks: a value that does not fit is dropped and counted.
	Shed
	// Timed waits up to a declared timeout, then drops and counts.
	Timed
)

var policyNames = [...]string{Unset: "", Backpressure: "backpressure", Shed: "shed", Timed: "timed"}

func (p Policy) String() string {
	if p < 0 || int(p) >= len(policyNames) {
		return fmt.Sprintf("Policy(%d)", int(p))
	}
	return policyNames[p]
}

// ParsePolicy reads a policy name as written in an annotation.
func ParsePolicy(s string) (Policy, error) {
	for p, name := range policyNames {
		if name != "" && name == s {
			return Policy(p), nil
		}
	}
	return Unset, fmt.Errorf("unknown policy %q (want backpressure, shed or timed)", s)
}

// BurstProfile documents why an edge has the capacity it has: a producer
// that outruns its consumer by Gap items per second for Duration needs
// Gap × Duration slots, times a Safety margin.
//
// The zero value with None set describes an unbuffered edge.
type BurstProfile struct {
	None     bool          // burst=none: the edge is unbuffered on purpose
	Gap      *big.Rat      // items per second by which producers outrun consumers
	Duration time.Duration // how long the gap lasts
	Safety   *big.Rat      // margin multiplied in, at least 1 in practice

	text string
}

// Capacity is ceil(Gap × Duration × Safety), the slots the burst needs.
// It returns 0 for burst=none.
func (b BurstProfile) Capacity() int {
	if b.None || b.Gap == nil || b.Safety == nil {
		return 0
	}
	return ceilInt(b.exact())
}

// exact is Gap × Duration × Safety before rounding.
func (b BurstProfile) exact() *big.Rat {
	seconds := new(big.Rat).SetFrac64(int64(b.Duration), int64(time.Second))
	exact := new(big.Rat).Mul(b.Gap, seconds)
	return exact.Mul(exact, b.Safety)
}

// MaxCapacity is the largest capacity a burst profile may document: a
// buffer of 2^31 slots is a typo in the units, not a design.
const MaxCapacity = 1 << 31

// String gives the profile back as it was written, or in canonical form
// for a profile built in code.
func (b BurstProfile) String() string {
	if b.text != "" {
		return b.text
	}
	if b.None {
		return "none"
	}
	if b.Gap == nil || b.Safety == nil {
		return ""
	}
	return fmt.Sprintf("%s/s*%s*%s", ratText(b.Gap), b.Duration, ratText(b.Safety))
}

// IsZero reports whether the profile was never given.
func (b BurstProfile) IsZero() bool { return !b.None && b.Gap == nil }

// ceilInt rounds a non-negative rational up, saturating at the largest int.
func ceilInt(r *big.Rat) int {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() || q.Int64() > int64(maxInt) {
		return maxInt
	}
	return int(q.Int64())
}

const maxInt = int(^uint(0) >> 1)

func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// ParseBurst reads GAP*DURATION*SAFETY (for example 200/s*90s*1.5) or none.
func ParseBurst(s string) (BurstProfile, error) {
	if s == "none" {
		return BurstProfile{None: true, text: s}, nil
	}
	parts := strings.Split(s, "*")
	if len(parts) != 3 {
		return BurstProfile{}, fmt.Errorf("burst %q: want GAP*DURATION*SAFETY such as 200/s*90s*1.5, or none", s)
	}
	gap, err := parseRate(parts[0])
	if err != nil {
		return BurstProfile{}, fmt.Errorf("burst %q: %v", s, err)
	}
	d, err := time.ParseDuration(parts[1])
	if err != nil {
		return BurstProfile{}, fmt.Errorf("burst %q: duration %q is not a Go duration such as 90s or 2m", s, parts[1])
	}
	if d <= 0 {
		return BurstProfile{}, fmt.Errorf("burst %q: duration %s must be positive", s, parts[1])
	}
	safety, err := parseDecimal(parts[2])
	if err != nil {
		return BurstProfile{}, fmt.Errorf("burst %q: safety %v", s, err)
	}
	if safety.Sign() <= 0 {
		return BurstProfile{}, fmt.Errorf("burst %q: safety %s must be positive", s, parts[2])
	}
	b := BurstProfile{Gap: gap, Duration: d, Safety: safety, text: s}
	if b.Capacity() > MaxCapacity {
		return BurstProfile{}, fmt.Errorf("burst %q documents %s slots, more than any channel can hold "+
			"(at most %d); check the units", s, b.exact().FloatString(0), MaxCapacity)
	}
	return b, nil
}

var rateUnits = map[string]time.Duration{
	"ns": time.Nanosecond, "us": time.Microsecond, "µs": time.Microsecond, "ms": time.Millisecond,
	"s": time.Second, "sec": time.Second, "m": time.Minute, "min": time.Minute, "h": time.Hour,
}

// parseRate reads N/UNIT, such as 200/s or 1500/min, as items per second.
func parseRate(s string) (*big.Rat, error) {
	num, unit, ok := strings.Cut(s, "/")
	if !ok {
		return nil, fmt.Errorf("gap %q: want a rate such as 200/s or 1500/min", s)
	}
	n, err := parseDecimal(num)
	if err != nil {
		return nil, fmt.Errorf("gap %q: %v", s, err)
	}
	if n.Sign() <= 0 {
		return nil, fmt.Errorf("gap %q: %q is not a positive number", s, num)
	}
	per, ok := rateUnits[unit]
	if !ok {
		return nil, fmt.Errorf("gap %q: unknown unit %q (want ns, us, ms, s, sec, m, min or h)", s, unit)
	}
	perSecond := new(big.Rat).SetFrac64(int64(time.Second), int64(per))
	return n.Mul(n, perSecond), nil
}

// parseDecimal accepts plain decimals only: no exponents, signs or fractions,
// which an annotation has no use for and which would make typos pass.
func parseDecimal(s string) (*big.Rat, error) {
	if s == "" {
		return nil, fmt.Errorf("empty number")
	}
	dot := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		case c == '_':
		case c == 'e' || c == 'E':
			return nil, fmt.Errorf("%q: write the number out, exponents are not accepted", s)
		default:
			return nil, fmt.Errorf("%q is not a decimal", s)
		}
	}
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(s, "_", ""))
	if !ok {
		return nil, fmt.Errorf("%q is not a decimal", s)
	}
	return r, nil
}
