//go:build go1.21

package fixsem

// oldLoop is compiled as Go 1.21, where every iteration shares m: moving
// the read of m into the goroutine would race with the next iteration.
func oldLoop(in <-chan Msg) {
	for m := range in {
		go process(m) // no fix: a shared loop variable // want `starts a goroutine per event`
	}
}
