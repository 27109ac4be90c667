package policy

import (
	"fmt"
	"strings"
	"time"
)

// Directive opens an edge annotation. It is a Go directive comment: no
// space after the slashes, so gofmt and godoc leave it alone.
const Directive = "//flow:edge"

// Spec is what an edge declares: its policy, timeout and burst profile,
// from an annotation, a flowlint.toml registry entry, or both.
type Spec struct {
	Name    string        // registry name, optional
	Policy  Policy        // what a send does when the edge is full
	Timeout time.Duration // how long a timed send may wait
	Burst   BurstProfile  // why the capacity is what it is
	From    string        // producing operator, when inference is not wanted
	To      string        // consuming operator, likewise
}

// Capacity is the buffer size the burst profile documents.
func (s Spec) Capacity() int { return s.Burst.Capacity() }

// String renders the spec in annotation syntax, without the directive.
func (s Spec) String() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	add("name", s.Name)
	add("policy", s.Policy.String())
	if s.Timeout > 0 {
		add("timeout", s.Timeout.String())
	}
	add("burst", s.Burst.String())
	add("from", s.From)
	add("to", s.To)
	return strings.Join(parts, " ")
}

// SyntaxError is a malformed annotation. Offset counts bytes from the start
// of the text that was parsed, so a caller can point at the bad field.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// IsDirective reports whether a comment's text is a flow:edge directive,
// well formed or not.
func IsDirective(comment string) bool {
	rest, ok := strings.CutPrefix(comment, Directive)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// ParseDirective parses a whole comment such as
// "//flow:edge policy=shed burst=200/s*90s*1.5". The spec it returns may be
// incomplete (name=NAME alone refers to a registry entry); call Validate once
// the registry has been merged in.
func ParseDirective(comment string) (Spec, error) {
	if !IsDirective(comment) {
		return Spec{}, &SyntaxError{Msg: fmt.Sprintf("not a %s directive", Directive)}
	}
	spec, err := ParseFields(comment[len(Directive):])
	if se, ok := err.(*SyntaxError); ok {
		se.Offset += len(Directive)
	}
	return spec, err
}

var knownKeys = []string{"name", "policy", "timeout", "burst", "from", "to"}

// ParseFields parses the key=value fields of an annotation, the part after
// the directive. Every field may appear once; unknown keys are errors. A
// field starting with // ends the annotation: what follows is a remark.
func ParseFields(text string) (Spec, error) {
	var spec Spec
	seen := map[string]bool{}
	for off := 0; off < len(text); {
		if text[off] == ' ' || text[off] == '\t' {
			off++
			continue
		}
		end := off
		for end < len(text) && text[end] != ' ' && text[end] != '\t' {
			end++
		}
		field := text[off:end]
		if strings.HasPrefix(field, "//") {
			break // the rest is a remark for the reader
		}
		if err := spec.setField(field, seen); err != nil {
			return Spec{}, &SyntaxError{Offset: off, Msg: err.Error()}
		}
		off = end
	}
	if len(seen) == 0 {
		return Spec{}, &SyntaxError{Msg: "empty annotation: want policy=... burst=... or name=NAME"}
	}
	return spec, nil
}

func (s *Spec) setField(field string, seen map[string]bool) error {
	key, val, ok := strings.Cut(field, "=")
	if !ok {
		return fmt.Errorf("field %q is not key=value", field)
	}
	if !isKnownKey(key) {
		return fmt.Errorf("unknown key %q (want one of %s)", key, strings.Join(knownKeys, ", "))
	}
	if seen[key] {
		return fmt.Errorf("key %q given twice", key)
	}
	seen[key] = true
	if val == "" {
		return fmt.Errorf("key %q has no value", key)
	}
	switch key {
	case "name":
		if !IsName(val) {
			return fmt.Errorf("name %q: use ASCII letters, digits, '_', '-' and '.'", val)
		}
		s.Name = val
	case "policy":
		p, err := ParsePolicy(val)
		if err != nil {
			return err
		}
		s.Policy = p
	case "timeout":
		d, err := time.ParseDuration(val)
		if err != nil {
			return fmt.Errorf("timeout %q is not a Go duration such as 50ms", val)
		}
		if d <= 0 {
			return fmt.Errorf("timeout %q must be positive", val)
		}
		s.Timeout = d
	case "burst":
		b, err := ParseBurst(val)
		if err != nil {
			return err
		}
		s.Burst = b
	case "from", "to":
		if !IsName(val) {
			return fmt.Errorf("%s %q: name an operator with ASCII letters, digits, '_', '-' and '.'", key, val)
		}
		if key == "from" {
			s.From = val
		} else {
			s.To = val
		}
	}
	return nil
}

func isKnownKey(k string) bool {
	for _, known := range knownKeys {
		if k == known {
			return true
		}
	}
	return false
}

// IsName reports whether s can name an edge: ASCII letters, digits, '_',
// '-' and '.', so that it survives in an annotation, a TOML key and a metric
// label alike.
func IsName(s string) bool {
	for _, c := range s {
		ok := c == '_' || c == '-' || c == '.' ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !ok {
			return false
		}
	}
	return s != ""
}

// Merge fills the fields s leaves empty from a registry entry. A field both
// give with different values is a conflict: the code and the registry would
// disagree about the edge, so neither wins.
func (s Spec) Merge(reg Spec) (Spec, error) {
	if s.Policy != Unset && reg.Policy != Unset && s.Policy != reg.Policy {
		return s, fmt.Errorf("edge %q: annotation says policy=%s, the registry says %s", s.Name, s.Policy, reg.Policy)
	}
	if s.Timeout != 0 && reg.Timeout != 0 && s.Timeout != reg.Timeout {
		return s, fmt.Errorf("edge %q: annotation says timeout=%s, the registry says %s", s.Name, s.Timeout, reg.Timeout)
	}
	if !s.Burst.IsZero() && !reg.Burst.IsZero() && s.Burst.String() != reg.Burst.String() {
		return s, fmt.Errorf("edge %q: annotation says burst=%s, the registry says %s", s.Name, s.Burst, reg.Burst)
	}
	if s.From != "" && reg.From != "" && s.From != reg.From {
		return s, fmt.Errorf("edge %q: annotation says from=%s, the registry says %s", s.Name, s.From, reg.From)
	}
	if s.To != "" && reg.To != "" && s.To != reg.To {
		return s, fmt.Errorf("edge %q: annotation says to=%s, the registry says %s", s.Name, s.To, reg.To)
	}
	if s.Policy == Unset {
		s.Policy = reg.Policy
	}
	if s.Timeout == 0 {
		s.Timeout = reg.Timeout
	}
	if s.Burst.IsZero() {
		s.Burst = reg.Burst
	}
	if s.From == "" {
		s.From = reg.From
	}
	if s.To == "" {
		s.To = reg.To
	}
	return s, nil
}

// Validate checks that a spec says everything an edge must say: a policy,
// a burst profile, and a timeout exactly when the policy is timed.
func (s Spec) Validate() error {
	switch {
	case s.Policy == Unset && s.Name != "":
		return fmt.Errorf("edge %q has no policy: add policy=backpressure|shed|timed or an [edges.%s] entry in flowlint.toml", s.Name, s.Name)
	case s.Policy == Unset:
		return fmt.Errorf("no policy: add policy=backpressure, policy=shed or policy=timed")
	case s.Burst.IsZero():
		return fmt.Errorf("no burst profile: add burst=GAP*DURATION*SAFETY (such as burst=200/s*90s*1.5) or burst=none")
	case s.Policy == Timed && s.Timeout == 0:
		return fmt.Errorf("policy=timed needs timeout=DURATION (such as timeout=50ms)")
	case s.Policy != Timed && s.Timeout != 0:
		return fmt.Errorf("timeout= applies only to policy=timed, not policy=%s", s.Policy)
	}
	return nil
}
