// Package good forwards each item on the loop's own goroutine: a slow
// consumer makes the send wait, and the wait reaches the producer.
package good

import (
	"context"

	"github.com/flowlint/flowlint/sim"
)

// Run forwards the items of in to out until in is closed or ctx ends.
func Run(ctx context.Context, in <-chan sim.Item, out chan<- sim.Item) {
	for it := range in {
		select {
		case out <- it:
		case <-ctx.Done():
			return
		}
	}
}
