// Package policy is the grammar of a pressure-chain edge: its flow policy
// (backpressure, shed, timed) and its burst profile, the arithmetic that
// turns a rate gap held for a duration into a channel capacity.
//
// The linter parses //flow:edge annotations with it and the reference
// runtime builds its edges from the same types, so an annotation means the
// same thing to both.
package policy
