// Package leaky breaks the pressure chain: an undocumented edge and a
// select that drops silently.
package leaky

type Event struct{ ID int }

var queue = make(chan Event, 64)

func Offer(ev Event) {
	select {
	case queue <- ev:
	default:
	}
}
