// Package bad forwards items through a buffer with no stated policy whose
// full case drops the item and tells nobody: under a burst, High and Low
// items vanish alike and no counter shows it.
package bad

import "github.com/flowlint/flowlint/sim"

// Run forwards every item of in to out until in is closed, and returns the
// drops it counted, by class: none, since the full buffer drops silently.
func Run(in <-chan sim.Item, out chan<- sim.Item) (dropped [2]uint64) {
	buf := make(chan sim.Item, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for it := range buf {
			out <- it
		}
	}()
	for it := range in {
		select {
		case buf <- it:
		default:
		}
	}
	close(buf)
	<-done
	return dropped
}
