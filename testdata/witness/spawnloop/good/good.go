// Package good stores items from goroutines of their own, at most Workers
// at a time: a semaphore slot is taken before each start, so a slow store
// slows the loop and the producer behind it.
package good

import (
	"sync"

	"github.com/flowlint/flowlint/sim"
)

// Workers is how many stores may run at once.
const Workers = 8

// Run stores every item of in until in is closed, and returns once every
// store it started has finished.
func Run(in <-chan sim.Item, store func(sim.Item)) {
	sem := make(chan struct{}, Workers)
	var wg sync.WaitGroup
	for it := range in {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			store(it)
		})
	}
	wg.Wait()
}
