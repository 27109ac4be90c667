// Package bad batches items and flushes the batch on a tick, but never
// empties it: the batch holds every item ever received, and each flush
// sends them all again.
package bad

import (
	"time"

	"github.com/flowlint/flowlint/sim"
)

// Every is how often the batch is flushed.
const Every = 100 * time.Millisecond

// Run batches the items of in until in is closed, handing the batch to
// flush on every tick. flush must not keep the slice.
func Run(in <-chan sim.Item, flush func([]sim.Item)) {
	tick := time.NewTicker(Every)
	defer tick.Stop()
	var batch []sim.Item
	for {
		select {
		case it, ok := <-in:
			if !ok {
				return
			}
			batch = append(batch, it)
		case <-tick.C:
			flush(batch)
		}
	}
}
