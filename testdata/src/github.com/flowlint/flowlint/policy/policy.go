// Package policy is a minimal stand-in for the real annotation grammar,
// with the methods policydoc looks for.
package policy

type BurstProfile struct{ n int }

func (b BurstProfile) Capacity() int { return b.n }

type Spec struct{ Burst BurstProfile }

func (s Spec) Capacity() int { return s.Burst.Capacity() }
