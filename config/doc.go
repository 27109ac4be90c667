// Package config is flowlint's configuration: which rules run, the edge
// registry, and the lists the rules consult (logging packages, bounding
// primitives, event sources). Analyzer flags are the source of truth;
// flowlint.toml, found by walking up from a package to its module root, is
// the friendly front that fills in what no flag set.
//
// The configuration reaches the rules as the result of Analyzer, so the
// rules stay pure go/analysis passes that run unchanged under go vet,
// golangci-lint and nogo.
package config
