package flow

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/flowlint/flowlint/policy"
)

func mustEdge[T any](t testing.TB, fields string) *Edge[T] {
	t.Helper()
	e, err := ParseEdge[T](fields)
	if err != nil {
		t.Fatalf("ParseEdge(%q): %v", fields, err)
	}
	return e
}

func TestEdgeCapacityFromBurstProfile(t *testing.T) {
	for _, tc := range []struct {
		fields string
		want   int
	}{
		{"name=ingest policy=shed burst=200/s*90s*1.5", 27000},
		{"name=a policy=backpressure burst=10/s*1s*1.01", 11},
		{"name=b policy=backpressure burst=none", 0},
		{"name=c policy=timed timeout=5ms burst=none", 0},
		{"name=d policy=timed timeout=5ms burst=1500/min*2m*1", 3000},
	} {
		e := mustEdge[int](t, tc.fields)
		if e.Cap() != tc.want || e.Stats().Capacity != tc.want {
			t.Errorf("%q: Cap() = %d, want %d", tc.fields, e.Cap(), tc.want)
		}
	}
}

func TestEdgeBadSpec(t *testing.T) {
	for _, tc := range []struct{ fields, want string }{
		{"policy=shed burst=10/s*1s*1", "needs name=NAME"},
		{"name=x burst=10/s*1s*1", "has no policy"},
		{"name=x policy=shed", "no burst profile"},
		{"name=x policy=shed burst=none", "needs a buffer"},
		{"name=x policy=timed burst=10/s*1s*1", "needs timeout"},
		{"name=x policy=shed timeout=1s burst=10/s*1s*1", "only to policy=timed"},
		{"name=x policy=drop burst=none", "unknown policy"},
		{"name=x policy=shed burst=10/s*1s", "want GAP*DURATION*SAFETY"},
		{"name=x policy=backpressure burst=100000/s*1h*1", "more than the"},
		{"", "empty annotation"},
	} {
		e, err := ParseEdge[int](tc.fields)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseEdge(%q) = %v, %v; want error mentioning %q", tc.fields, e, err, tc.want)
		}
	}
}

func TestShedNeverBlocksAndCountsEveryDrop(t *testing.T) {
	e := mustEdge[int](t, "name=s policy=shed burst=4/s*1s*1")
	var shed int
	for i := range 10 {
		if err := e.Send(context.Background(), i); errors.Is(err, ErrShed) {
			shed++
		} else if err != nil {
			t.Fatalf("Send(%d): %v", i, err)
		}
	}
	st := e.Stats()
	if shed != 6 || st.Sent != 4 || st.Dropped != 6 || st.TimedOut != 0 || st.Occupancy != 4 {
		t.Errorf("shed %d, stats %+v; want 4 sent, 6 dropped, occupancy 4", shed, st)
	}
	// The first four values are the ones kept, in order.
	for want := range 4 {
		if got, err := e.Recv(context.Background()); err != nil || got != want {
			t.Errorf("Recv = %d, %v; want %d", got, err, want)
		}
	}
}

func TestTimedWaitsItsTimeoutThenDrops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := mustEdge[int](t, "name=t policy=timed timeout=50ms burst=1/s*1s*1")
		ctx := context.Background()
		if err := e.Send(ctx, 1); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := e.Send(ctx, 2); !errors.Is(err, ErrTimeout) {
			t.Fatalf("Send on a full timed edge = %v, want ErrTimeout", err)
		}
		if waited := time.Since(start); waited != 50*time.Millisecond {
			t.Errorf("waited %v, want the declared 50ms", waited)
		}
		// A receiver that frees the slot within the timeout lets the send in.
		go func() {
			time.Sleep(30 * time.Millisecond)
			e.Recv(ctx)
		}()
		if err := e.Send(ctx, 3); err != nil {
			t.Errorf("Send with a slot freed after 30ms = %v, want nil", err)
		}
		synctest.Wait()
		st := e.Stats()
		if st.Sent != 2 || st.Dropped != 1 || st.TimedOut != 1 || st.Occupancy != 1 {
			t.Errorf("stats %+v; want 2 sent, 1 dropped and timed out, occupancy 1", st)
		}
	})
}

func TestBackpressureBlocksUntilRoomOrContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := mustEdge[int](t, "name=b policy=backpressure burst=1/s*1s*1")
		if err := e.Send(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
		//flow:edge name=blocked-send policy=backpressure burst=1/s*1s*1
		sent := make(chan error, 1)
		go func() { sent <- e.Send(context.Background(), 2) }()
		synctest.Wait()
		select {
		case err := <-sent:
			t.Fatalf("Send on a full backpressure edge returned %v without waiting", err)
		default:
		}
		if v, _ := e.Recv(context.Background()); v != 1 {
			t.Errorf("Recv = %d, want 1", v)
		}
		if err := <-sent; err != nil {
			t.Errorf("blocked Send = %v once room was made, want nil", err)
		}

		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := e.Send(ctx, 3); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Send with an ending context = %v, want DeadlineExceeded", err)
		}
		if st := e.Stats(); st.Sent != 2 || st.Dropped != 0 {
			t.Errorf("stats %+v; a backpressure edge never drops", st)
		}
	})
}

func TestRecvContextAndClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := mustEdge[string](t, "name=r policy=backpressure burst=2/s*1s*1")
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := e.Recv(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Recv on an empty edge = %v, want DeadlineExceeded", err)
		}
		e.Send(context.Background(), "a")
		e.Close()
		e.Close()
		if err := e.Send(context.Background(), "late"); !errors.Is(err, ErrClosed) {
			t.Errorf("Send after Close = %v, want ErrClosed", err)
		}
		if v, err := e.Recv(context.Background()); v != "a" || err != nil {
			t.Errorf("Recv after Close = %q, %v; want the value sent before it", v, err)
		}
		if _, err := e.Recv(context.Background()); !errors.Is(err, ErrClosed) {
			t.Errorf("Recv on a drained closed edge = %v, want ErrClosed", err)
		}
	})
}

// TestBackpressureConservesCounts runs many producers and consumers and
// checks that every value sent is received exactly once.
func TestBackpressureConservesCounts(t *testing.T) {
	for _, fields := range []string{
		"name=c policy=backpressure burst=8/s*1s*1",
		"name=c policy=backpressure burst=none",
	} {
		t.Run(fields, func(t *testing.T) {
			e := mustEdge[int](t, fields)
			const producers, consumers, each = 4, 3, 5000
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var prod sync.WaitGroup
			for p := range producers {
				prod.Go(func() {
					for i := range each {
						if err := e.Send(ctx, p*each+i); err != nil {
							t.Errorf("Send: %v", err)
							return
						}
					}
				})
			}
			// times[v] counts how often value v arrived: each must be once.
			times := make([]atomic.Int32, producers*each)
			var cons sync.WaitGroup
			for range consumers {
				cons.Go(func() {
					for v := range e.C() {
						times[v].Add(1)
					}
				})
			}
			prod.Wait()
			e.Close()
			cons.Wait()
			n := 0
			for v := range times {
				switch c := times[v].Load(); c {
				case 0:
				case 1:
					n++
				default:
					t.Fatalf("value %d received %d times", v, c)
				}
			}
			if st := e.Stats(); n != producers*each || st.Sent != uint64(n) || st.Dropped != 0 {
				t.Errorf("received %d, stats %+v; want sent = received = %d", n, st, producers*each)
			}
		})
	}
}

// TestSpecSharedWithLinter pins the one arithmetic both sides must agree on.
func TestSpecSharedWithLinter(t *testing.T) {
	spec, err := policy.ParseDirective("//flow:edge name=x policy=shed burst=200/s*90s*1.5")
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEdge[byte](spec)
	if err != nil {
		t.Fatal(err)
	}
	if e.Cap() != 27000 || e.Spec().Policy != policy.Shed || e.Name() != "x" {
		t.Errorf("edge from directive: cap %d, spec %v", e.Cap(), e.Spec())
	}
}

// TestCloseLeavesNoGoroutines chains operators over one edge of each kind.
// Closing the first edge must let every operator finish: synctest.Test
// fails if any goroutine in the bubble is left blocked.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		a := mustEdge[int](t, "name=a policy=backpressure burst=8/s*1s*1")
		b := mustEdge[int](t, "name=b policy=timed timeout=10ms burst=none")
		c, err := ParsePrioritySink("name=c policy=shed burst=8/s*1s*1",
			func(v int) Priority { return Priority(v % 2) })
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseCreditEdge[int]("name=d policy=backpressure burst=4/s*1s*1", 2)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			defer b.Close()
			for v := range a.C() {
				b.Send(ctx, v)
			}
		}()
		go func() {
			defer c.Close()
			for v := range b.C() {
				c.Send(v)
			}
		}()
		go func() {
			defer d.Close()
			for {
				v, _, err := c.Recv(ctx)
				if err != nil {
					return
				}
				d.Send(ctx, v)
			}
		}()
		//flow:edge name=received-count policy=backpressure burst=none
		received := make(chan int)
		go func() {
			n := 0
			for dv := range d.C() {
				n++
				dv.Done()
			}
			received <- n
		}()
		for i := range 100 {
			a.Send(ctx, i)
		}
		a.Close()
		// Every value is received or counted by the edge that dropped it.
		n := <-received
		if lost := b.Stats().Dropped + c.Stats().Dropped; uint64(n)+lost != 100 {
			t.Errorf("received %d and dropped %d of 100 through the chain", n, lost)
		}
	})
}
