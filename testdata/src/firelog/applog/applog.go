// Package applog is an in-house logger named in a flowlint.toml.
package applog

func Event(name string, kv ...any) {}
