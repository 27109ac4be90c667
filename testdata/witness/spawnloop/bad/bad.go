// Package bad stores each item from a goroutine of its own, with nothing
// bounding how many run at once: when the store is slower than arrivals,
// the backlog becomes goroutines.
package bad

import "github.com/flowlint/flowlint/sim"

// Run stores every item of in until in is closed. It returns before the
// stores it started have finished.
func Run(in <-chan sim.Item, store func(sim.Item)) {
	for it := range in {
		go store(it)
	}
}
