// Package benchtools holds the programs flowlint's performance harness
// (scripts/bench.sh) builds and runs: the do-nothing analysis tool that
// measures the floor, a standalone build of go vet's default suite, the
// measuring loop, and a generator of streaming-code corpora of any size.
// None of it is part of the flowlint command.
package benchtools
