package respawn

import (
	"context"
	"sync"
)

// A reader that restarts itself inside start: the finding is on start's own
// go statement, once, not on every caller.
type selfRestarting struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	version int
}

func (r *selfRestarting) start() {
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel() // always cancel the previous reader
	r.cancel = cancel
	r.version++
	go func() { <-ctx.Done() }() // want `respawn: go func\(\) \{...\}\(\) starts a new worker after r.cancel\(\) without waiting`
}

func (r *selfRestarting) subscribe() {
	r.mu.Lock()
	r.start() // ok: start is judged in its own body
	r.mu.Unlock()
}

type generation struct{}

func (g *generation) Start(fn func(context.Context)) { go fn(context.Background()) }

func (r *selfRestarting) run(gen *generation) {
	r.subscribe()
	gen.Start(func(context.Context) {}) // ok: the generation's worker replaces nothing r.start stopped
}
