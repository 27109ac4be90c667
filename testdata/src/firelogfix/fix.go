// Package firelogfix holds the cases of firelog's suggested fix.
package firelogfix

import "log"

func consume(in <-chan int) {
	for v := range in {
		go log.Printf("got %d", v) // want `logs from a goroutine per event`
		go func() {                // want `logs from a goroutine per event`
			log.Printf("again %d", v)
		}()
	}
}
