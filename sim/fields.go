package sim

import (
	"errors"
	"fmt"
	"time"
)

// The field types below check their value as the TOML decoder sets it, so
// a bad value is reported with its key and line.

// seed is a non-negative integer.
type seed uint64

func (s *seed) UnmarshalTOML(v any) error {
	n, ok := v.(int64)
	if !ok || n < 0 {
		return fmt.Errorf("seed %v: want a non-negative integer", v)
	}
	*s = seed(n)
	return nil
}

// duration is a Go duration written as a string, such as "5m" or "200ms".
type duration time.Duration

func (d *duration) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%v: want a duration in quotes, such as \"5m\"", v)
	}
	parsed, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a Go duration such as 90s or 5m", s)
	}
	if parsed < 0 {
		return fmt.Errorf("%q must not be negative", s)
	}
	*d = duration(parsed)
	return nil
}

// rate is items per second: positive, finite, at most maxRate.
type rate float64

func (r *rate) UnmarshalTOML(v any) error {
	if v == nil {
		return errors.New("missing; want items per second, such as 1000")
	}
	f, err := number(v)
	if err != nil {
		return err
	}
	if !(f >= minRate && f <= maxRate) {
		return fmt.Errorf("%v items per second: want at least %g and at most %g", v, minRate, maxRate)
	}
	*r = rate(f)
	return nil
}

// share is a fraction from 0 to 1.
type share float64

func (s *share) UnmarshalTOML(v any) error {
	f, err := number(v)
	if err != nil {
		return err
	}
	if !(f >= 0 && f <= 1) {
		return fmt.Errorf("%v: want a fraction from 0 to 1", v)
	}
	*s = share(f)
	return nil
}

// factor is a burst multiplier: at least 1 (a burst, not a lull), finite.
type factor float64

func (m *factor) UnmarshalTOML(v any) error {
	f, err := number(v)
	if err != nil {
		return err
	}
	if !(f >= 1 && f <= 1e6) {
		return fmt.Errorf("%v: want a multiplier from 1 to 1e6", v)
	}
	*m = factor(f)
	return nil
}

func number(v any) (float64, error) {
	switch n := v.(type) {
	case int64:
		return float64(n), nil
	case float64:
		if !finite(n) {
			return 0, fmt.Errorf("%v: want a finite number", n)
		}
		return n, nil
	}
	return 0, fmt.Errorf("%v: want a number", v)
}
