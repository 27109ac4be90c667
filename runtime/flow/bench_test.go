package flow

import (
	"context"
	"testing"
)

// The benchmarks move b.N items from one producer goroutine to one consumer
// through a 1024-slot buffer: first a raw channel, then edges doing the same
// work, so the ratio of their ns/op is the cost of the runtime.

func BenchmarkRawChannel(b *testing.B) {
	//flow:edge name=bench-raw policy=backpressure burst=1024/s*1s*1
	ch := make(chan int, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			ch <- i
		}
		close(ch)
	}()
	for range ch {
	}
}

// The same raw channel with the context case an edge's cancelable send and
// receive carry: the fair baseline for BenchmarkEdgeBackpressureCancelable.
func BenchmarkRawChannelSelect(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	//flow:edge name=bench-raw-select policy=backpressure burst=1024/s*1s*1
	ch := make(chan int, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
		close(ch)
	}()
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func benchEdge(b *testing.B, fields string, ctx context.Context) {
	e := mustEdge[int](b, fields)
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			if err := e.Send(ctx, i); err != nil {
				b.Error(err)
				break
			}
		}
		e.Close()
	}()
	for {
		if _, err := e.Recv(ctx); err != nil {
			break
		}
	}
	if st := e.Stats(); st.Sent != uint64(b.N) {
		b.Fatalf("sent %d of %d", st.Sent, b.N)
	}
}

func BenchmarkEdgeBackpressure(b *testing.B) {
	benchEdge(b, "name=bench policy=backpressure burst=1024/s*1s*1", context.Background())
}

// A context that can end makes every send and receive a two-way select.
func BenchmarkEdgeBackpressureCancelable(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	benchEdge(b, "name=bench policy=backpressure burst=1024/s*1s*1", ctx)
}

// The timeout is long enough that no send times out: this is the cost of
// arming the timer.
func BenchmarkEdgeTimed(b *testing.B) {
	benchEdge(b, "name=bench policy=timed timeout=1s burst=1024/s*1s*1", context.Background())
}

// A shed edge's consumer keeps up here only because the producer is as
// slow as a shed send; drops are allowed and not counted as items moved.
func BenchmarkEdgeShed(b *testing.B) {
	e := mustEdge[int](b, "name=bench policy=shed burst=1024/s*1s*1")
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			e.Send(ctx, i)
		}
		e.Close()
	}()
	for range e.C() {
	}
}

func BenchmarkPrioritySink(b *testing.B) {
	s, err := ParsePrioritySink("name=bench policy=shed burst=1024/s*1s*1",
		func(v int) Priority { return Priority(v & 1) })
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			s.Send(i)
		}
		s.Close()
	}()
	for {
		if _, _, err := s.Recv(ctx); err != nil {
			break
		}
	}
}

func BenchmarkCreditEdge(b *testing.B) {
	spec := mustEdge[int](b, "name=bench policy=backpressure burst=1024/s*1s*1").Spec()
	c, err := NewCreditEdge[int](spec, 1024)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			if err := c.Send(ctx, i); err != nil {
				b.Error(err)
				break
			}
		}
		c.Close()
	}()
	for d := range c.C() {
		d.Done()
	}
}
