// Package maxcap checks that max_capacity comes from flowlint.toml.
package maxcap

var small = make(chan int, 1000) // ok: at the configured ceiling

var big = make(chan int, 4096) // want `channel capacity 4096 \(4096\) exceeds max_capacity 1000`
