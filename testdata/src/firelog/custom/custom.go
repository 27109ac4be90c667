// Package custom checks that log_packages comes from flowlint.toml.
package custom

import "firelog/applog"

func consume(in <-chan string) {
	for s := range in {
		go applog.Event("got", "s", s) // want `go applog.Event\("got", "s", s\) logs from a goroutine per event`
	}
}
