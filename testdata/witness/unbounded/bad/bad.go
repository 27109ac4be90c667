// Package bad hands each item to out from a goroutine parked on the send,
// so the loop never waits: a slow consumer turns the backlog into parked
// goroutines, each holding its item, and cancelling loses them all.
package bad

import (
	"context"

	"github.com/flowlint/flowlint/sim"
)

// Run forwards the items of in to out until in is closed. Sends still
// parked when ctx ends are abandoned.
func Run(ctx context.Context, in <-chan sim.Item, out chan<- sim.Item) {
	for it := range in {
		go func() {
			select {
			case out <- it:
			case <-ctx.Done():
			}
		}()
	}
}
