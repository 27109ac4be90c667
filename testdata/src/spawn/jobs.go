// Package spawn checks how per-event starts are classified by job.
package spawn

import (
	"context"
	"log"
	"sync"
)

type Hub struct {
	out    chan int
	logCh  chan string
	dialog chan int
	wg     sync.WaitGroup
}

func work(v int) {}

func (h *Hub) run(ctx context.Context, in <-chan int) {
	for v := range in {
		go work(v)                               // want `^work$`
		go func() { h.out <- v }()               // want `^send$`
		go func() { h.dialog <- v }()            // want `^send$`
		go func() { h.logCh <- "got" }()         // want `^log$`
		go log.Printf("got %d", v)               // want `^log$`
		go func() { log.Print(v); work(v) }()    // want `^work$`
		go func() { log.Print(v); h.out <- v }() // want `^work$`
		go func() {                              // want `^send$`
			defer h.wg.Done()
			select {
			case h.out <- v:
			case <-ctx.Done():
			}
		}()
		go func() { // want `^work$`
			select {
			case h.out <- v:
			default:
			}
		}()
	}
}
