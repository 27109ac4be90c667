// Package witness holds, for each flowlint rule, a small program the rule
// flags (bad) and its fixed twin (good). TestWitnesses at the module root
// lints both and drives both through a burst, to show that each finding
// stands for a failure that can be measured and that the fix removes it.
// The packages live under testdata so that flowlint ./... skips them.
package witness
