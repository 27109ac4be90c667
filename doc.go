// Package flowlint checks the pressure chain of streaming Go code: every
// edge between operators a bounded buffer with a documented policy for
// when it fills, and none of the five patterns that break the chain.
//
// # Analyzer flowlint
//
// flowlint: check backpressure discipline in streaming code
//
// flowlint runs its rules and reports their findings once, after applying
// suppressions. Each finding names its rule (policydoc, spawnloop,
// unbounded, firelog, accumulator, respawn) in its text and category and
// links to the rule's page; a flag per rule switches it off.
//
// Configuration comes from flags and from the nearest flowlint.toml above
// each package. A finding is silenced with //flowlint:ignore RULE reason at
// the end of its line, or alone on the line above the statement or
// declaration that holds it; with //flowlint:file-ignore RULE reason
// anywhere in the file; or with //nolint:flowlint. A suppression without a
// reason, naming an unknown rule, or matching nothing is itself a finding.
// Generated files are not reported on.
//
// Exit status: 0 when clean, 3 when there are findings, 1 on errors (a
// broken flowlint.toml, code that does not type-check), 2 on bad flags.
package flowlint
