// Package bad logs each item from a goroutine of its own so that a slow
// log sink does not slow the loop: under a burst the log backlog becomes
// parked goroutines, each holding its record.
package bad

import (
	"log/slog"

	"github.com/flowlint/flowlint/sim"
)

// Run logs every item of in until in is closed, and returns the log
// records it dropped: none. It returns before the writes it started have
// finished.
func Run(in <-chan sim.Item, logger *slog.Logger) (dropped uint64) {
	for it := range in {
		go logger.Info("item", "seq", it.Seq, "class", it.Class)
	}
	return dropped
}
