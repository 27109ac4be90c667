// Package good logs through a bounded edge read by one writer: when the
// log sink falls behind, the edge fills and further records are shed and
// counted, so the loop never waits on the log and memory stays bounded.
package good

import (
	"log/slog"

	"github.com/flowlint/flowlint/sim"
)

// Run logs every item of in until in is closed, and returns the records
// it shed. It returns once every record it kept has been written.
func Run(in <-chan sim.Item, logger *slog.Logger) (dropped uint64) {
	//flow:edge policy=shed burst=64/s*1s*1
	logs := make(chan sim.Item, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for it := range logs {
			logger.Info("item", "seq", it.Seq, "class", it.Class)
		}
	}()
	for it := range in {
		select {
		case logs <- it:
		default:
			dropped++ // the caller exports the count
		}
	}
	close(logs)
	<-done
	return dropped
}
