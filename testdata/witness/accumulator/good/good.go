// Package good batches items and flushes the batch when it reaches
// MaxBatch items or on a tick, and empties it after every flush: it never
// holds more than MaxBatch items, and each item is flushed once.
package good

import (
	"time"

	"github.com/flowlint/flowlint/sim"
)

// Every is how often a partial batch is flushed.
const Every = 100 * time.Millisecond

// MaxBatch is the most items the batch holds.
const MaxBatch = 64

// Run batches the items of in until in is closed, handing each batch to
// flush, the last one when in closes. flush must not keep the slice.
func Run(in <-chan sim.Item, flush func([]sim.Item)) {
	tick := time.NewTicker(Every)
	defer tick.Stop()
	batch := make([]sim.Item, 0, MaxBatch)
	for {
		select {
		case it, ok := <-in:
			if !ok {
				if len(batch) > 0 {
					flush(batch)
				}
				return
			}
			batch = append(batch, it)
			if len(batch) >= MaxBatch {
				flush(batch)
				batch = batch[:0]
			}
		case <-tick.C:
			if len(batch) > 0 {
				flush(batch)
				batch = batch[:0]
			}
		}
	}
}
