package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// Item is what moves through a chain. Seq numbers the items of one class
// in arrival order, so the end of the chain can check exactly-once,
// in-order delivery of a class without remembering what it has seen.
type Item struct {
	Class flow.Priority
	Seq   uint64
	At    time.Duration // arrival, from the start of the run
}

// Arrivals is the scenario's arrival process: Poisson arrivals at the
// nominal rate, Multiplier times faster inside the burst window, each High
// with probability HighShare. The same seed gives the same items, so the
// model and the runtime driver are fed identically.
type Arrivals struct {
	sc   *Scenario
	rng  *rand.Rand
	now  time.Duration
	seqs [2]uint64 // last Seq handed out, by class
}

// NewArrivals starts the scenario's arrival process at time zero.
func NewArrivals(sc *Scenario) *Arrivals {
	return &Arrivals{sc: sc, rng: rand.New(rand.NewPCG(sc.Seed, 0x5eedb0057))}
}

// Next returns the next arrival, or false once the run is over.
func (a *Arrivals) Next() (Item, bool) {
	for {
		rate := a.rateAt(a.now)
		gap := time.Duration(math.Ceil(a.rng.ExpFloat64() / rate * float64(time.Second)))
		// Arrivals are memoryless, so a gap that crosses a change of rate
		// is drawn again from the change at the new rate.
		if edge := a.nextChange(); a.now+gap >= edge && edge > a.now {
			a.now = edge
			continue
		}
		a.now += gap
		break
	}
	if a.now >= a.sc.Duration {
		return Item{}, false
	}
	class := flow.Low
	if a.rng.Float64() < a.sc.HighShare {
		class = flow.High
	}
	a.seqs[class]++
	return Item{Class: class, Seq: a.seqs[class], At: a.now}, true
}

func (a *Arrivals) rateAt(t time.Duration) float64 {
	b := a.sc.Burst
	if t >= b.Start && t < b.End() {
		return a.sc.Rate * b.Multiplier
	}
	return a.sc.Rate
}

// nextChange is the next instant the arrival rate changes, or the end of
// the run.
func (a *Arrivals) nextChange() time.Duration {
	switch b := a.sc.Burst; {
	case a.now < b.Start:
		return b.Start
	case a.now < b.End():
		return b.End()
	}
	return a.sc.Duration
}
