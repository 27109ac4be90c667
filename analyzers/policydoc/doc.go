// Package policydoc defines an analyzer that checks every data channel
// declares its edge policy, that the capacity matches the declared burst
// profile, and that every send obeys the policy.
//
// # Analyzer policydoc
//
// policydoc: check channel edges declare and obey a flow policy
//
// A data channel is an edge of the pressure chain. Each one made in
// non-test code carries a //flow:edge annotation, on the line above its
// make (or at the end of that line), or above the struct field or package
// variable it is stored in:
//
//	//flow:edge policy=shed burst=200/s*90s*1.5
//	events := make(chan Event, 27000)
//
// policydoc reports a channel with no annotation; a malformed annotation,
// at its own position; a constant capacity that differs from
// ceil(GAP × DURATION × SAFETY), with a fix that rewrites it; and a send
// that breaks the declared policy: a backpressure edge sent with a select
// default, a shed edge sent without a default that counts the drop, a
// timed edge sent without a timer or deadline case of the declared
// timeout. Whatever the annotations say, a select whose default drops the
// value silently is reported.
//
// Channels of zero-size elements (signals) and one-shot result channels
// (local, capacity at most one, never sent in a loop) are exempt unless
// strict = true.
package policydoc
