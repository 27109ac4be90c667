// Package good forwards items through a priority sink: a shed edge whose
// burst profile is stated, that drops Low items first, lets a High item
// take a Low item's slot, and counts every drop.
package good

import (
	"context"

	"github.com/flowlint/flowlint/runtime/flow"
	"github.com/flowlint/flowlint/sim"
)

// edge is the sink's policy: it sheds, and its 64 slots absorb a 64/s gap
// between arrivals and the consumer for one second.
const edge = "name=events policy=shed burst=64/s*1s*1"

// Run forwards every item of in to out until in is closed, and returns
// the drops the sink counted, by class. Low items evicted by High ones are
// among the Low drops.
func Run(in <-chan sim.Item, out chan<- sim.Item) (dropped [2]uint64) {
	sink, err := flow.ParsePrioritySink(edge, func(it sim.Item) flow.Priority { return it.Class })
	if err != nil {
		panic(err) // edge is a constant that parses
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			it, _, err := sink.Recv(context.Background())
			if err != nil {
				return // closed and drained
			}
			out <- it
		}
	}()
	for it := range in {
		_ = sink.Send(it) // a refused item is counted by the sink
	}
	sink.Close()
	<-done
	s := sink.Stats()
	return [2]uint64{flow.Low: s.DroppedLow, flow.High: s.DroppedHigh}
}
