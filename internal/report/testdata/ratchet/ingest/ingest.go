// Package ingest has one finding of each kind a report must carry: a plain
// one, one with a suggested fix, one silenced with a reason, and one after
// non-ASCII text on its line.
package ingest

type Event struct{ ID int }

var queue = make(chan Event, 64)

type Stage struct {
	//flow:edge policy=backpressure burst=100/s*10s*1.5
	in chan Event
}

func New() *Stage {
	return &Stage{in: make(chan Event, 1000)}
}

func Offer(ev Event) {
	select {
	case queue <- ev:
	default:
	}
}

func Legacy() chan Event {
	return make(chan Event, 8) //flowlint:ignore policydoc drained by the test harness only
}

func Wide() { var café = "é"; _ = café; _ = make(chan Event, 4) }
