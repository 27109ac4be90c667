// Package flow is the reference runtime for flowlint's edge annotations:
// bounded, named edges whose sends apply a backpressure, shed or timed policy
// sized by a burst profile, plus a priority shed sink and credit-based flow.
// Every count it keeps is an atomic read at any time, so metrics and the
// occupancy gradient cost the hot path nothing extra.
package flow
