package flow

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
)

// Credits is a receiver's grant of in-flight work. A sender must hold a
// Credit to send; the receiver returns it when it has finished processing
// the item, not when the item arrives, so the number of items queued or in
// processing never exceeds the grant.
//
// The receiver can Pause the flow by withholding credits: a paused sender
// waits in Acquire and holds no slot on any edge. Drain pauses and waits
// until every credit is back, for checkpoint flushes and graceful drains;
// Resume hands the withheld credits out again.
//
// A Credit that becomes unreachable without being released is a lost
// acknowledgement. The garbage collector's cleanup reports it, counts it in
// Leaked, and returns it to the pool so the flow does not starve. The
// cleanup runs on the runtime's own goroutine, so under testing/synctest a
// lost credit is a fatal error (a channel of the bubble is touched from
// outside it): tests there must release every credit.
type Credits struct {
	name  string
	limit int

	// tokens holds the credits that may be granted now; its buffer is the
	// whole grant, so returning a credit never blocks.
	tokens chan struct{}

	mu       sync.Mutex
	idle     sync.Cond   // signalled when a drain sees every credit back
	paused   atomic.Bool // written under mu, read by Stats without it
	withheld int         // credits returned or taken back while paused

	inFlight atomic.Int64
	granted  atomic.Uint64
	leaked   atomic.Uint64
	onLeak   func(name string)
}

// NewCredits grants n credits. Lost credits are reported with slog unless
// OnLeak replaces the report.
func NewCredits(name string, n int) (*Credits, error) {
	if name == "" {
		return nil, fmt.Errorf("credits need a name")
	}
	if n < 1 || n > MaxCapacity {
		return nil, fmt.Errorf("credits %q: grant %d, want 1 to %d", name, n, MaxCapacity)
	}
	c := &Credits{name: name, limit: n, tokens: make(chan struct{}, n)}
	c.idle.L = &c.mu
	for range n {
		c.tokens <- struct{}{}
	}
	c.onLeak = func(name string) {
		slog.Warn("flow: credit garbage-collected without being released", "credits", name)
	}
	return c, nil
}

// OnLeak replaces the report made when a lost credit is collected. report
// runs on the runtime's cleanup goroutine, so it must return quickly. Set it
// before the first Acquire.
func (c *Credits) OnLeak(report func(name string)) { c.onLeak = report }

// Credit is one unit of permission to have an item in flight. Release it
// once the item is processed; releasing twice is harmless.
type Credit struct {
	pool     *Credits
	released atomic.Bool
	cleanup  runtime.Cleanup
}

// Acquire waits for a credit. It waits while the receiver has paused the
// flow, and returns ctx.Err() if ctx ends first.
func (c *Credits) Acquire(ctx context.Context) (*Credit, error) {
	select {
	case <-c.tokens:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.inFlight.Add(1)
	c.granted.Add(1)
	cr := &Credit{pool: c}
	// The cleanup's argument is the pool, not the credit, so the credit
	// stays collectable; Release stops the cleanup, so it only ever runs
	// for a credit nobody released.
	cr.cleanup = runtime.AddCleanup(cr, (*Credits).reclaim, c)
	return cr, nil
}

// Release returns the credit to the receiver's grant.
func (cr *Credit) Release() {
	if cr == nil || cr.released.Swap(true) {
		return
	}
	cr.cleanup.Stop()
	cr.pool.giveBack()
}

// reclaim runs when a credit was collected unreleased.
func (c *Credits) reclaim() {
	c.leaked.Add(1)
	if c.onLeak != nil {
		c.onLeak(c.name)
	}
	c.giveBack()
}

func (c *Credits) giveBack() {
	c.inFlight.Add(-1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.paused.Load() {
		c.withheld++
		if c.withheld == c.limit {
			c.idle.Broadcast()
		}
		return
	}
	// Credits are conserved, so tokens always has room for this one.
	c.tokens <- struct{}{}
}

// Pause withholds credits: once Pause returns, Acquire grants nothing until
// Resume. Credits already held stay valid and are withheld as they return.
func (c *Credits) Pause() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pauseLocked()
}

func (c *Credits) pauseLocked() {
	c.paused.Store(true)
	for {
		select {
		case <-c.tokens:
			c.withheld++
		default:
			return
		}
	}
}

// Drain pauses the flow and waits until every credit has been released,
// so the receiver has processed everything that was sent. It returns
// ctx.Err() if ctx ends first; the flow stays paused either way, and
// Resume restarts it.
func (c *Credits) Drain(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.idle.Broadcast()
	})
	defer stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pauseLocked()
	for c.withheld < c.limit {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.idle.Wait()
	}
	return nil
}

// Resume hands every withheld credit back to waiting senders.
func (c *Credits) Resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.paused.Store(false)
	for ; c.withheld > 0; c.withheld-- {
		c.tokens <- struct{}{}
	}
}

// Name is the grant's name, as metrics report it.
func (c *Credits) Name() string { return c.name }

// CreditStats is what a credit grant reports.
type CreditStats struct {
	Name     string
	Limit    int    // credits granted in all
	InFlight int64  // held by senders or by items not yet processed
	Paused   bool   // the receiver is withholding credits
	Granted  uint64 // credits handed out since the start
	Leaked   uint64 // credits collected without being released
}

// Stats reads the grant's counters.
func (c *Credits) Stats() CreditStats {
	return CreditStats{
		Name:     c.name,
		Limit:    c.limit,
		InFlight: c.inFlight.Load(),
		Paused:   c.paused.Load(),
		Granted:  c.granted.Load(),
		Leaked:   c.leaked.Load(),
	}
}
