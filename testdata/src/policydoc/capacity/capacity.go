package capacity

type Sample struct{ V float64 }

const replayDepth = 500 // used by one make only: its value is rewritten

const sharedDepth = 64 // used twice: no fix, rewriting it would move the other edge

func literals() {
	//flow:edge policy=backpressure burst=200/s*90s*1.5
	a := make(chan Sample, 27000) // ok: 200 × 90 × 1.5 = 27000
	_ = a

	//flow:edge policy=backpressure burst=200/s*90s*1.5
	b := make(chan Sample, 2700) // want `policydoc: capacity 2700 does not match burst=200/s\*90s\*1.5, which documents ceil\(gap × duration × safety\) = 27000; make the capacity 27000`
	_ = b

	//flow:edge policy=shed burst=1500/min*2m*1.1
	c := make(chan Sample, 3300) // ok: 25/s × 120s × 1.1 = 3300
	_ = c

	//flow:edge policy=shed burst=10/s*1s*1.01
	d := make(chan Sample, 10) // want `capacity 10 does not match burst=10/s\*1s\*1.01, which documents .* = 11`
	_ = d
}

func named() {
	//flow:edge policy=backpressure burst=100/s*1s*1
	a := make(chan Sample, replayDepth) // want `capacity 500 does not match`
	_ = a

	//flow:edge policy=backpressure burst=100/s*1s*1
	b := make(chan Sample, sharedDepth) // want `capacity 64 does not match .* = 100`
	_ = b

	//flow:edge policy=backpressure burst=64/s*1s*1
	c := make(chan Sample, sharedDepth) // ok: the shared constant matches this edge
	_ = c

	//flow:edge policy=backpressure burst=4/s*1s*1
	e := make(chan Sample, 2*2) // ok: a constant expression is evaluated
	_ = e
}

func unbufferedAndNone(n int) {
	//flow:edge policy=backpressure burst=none
	a := make(chan Sample) // ok: burst=none is unbuffered
	_ = a

	//flow:edge policy=backpressure burst=none
	b := make(chan Sample, 8) // want `capacity 8 does not match burst=none, which declares an unbuffered edge`
	_ = b

	//flow:edge policy=backpressure burst=3/s*1s*1
	c := make(chan Sample) // want `capacity 0 does not match burst=3/s\*1s\*1`
	_ = c

	//flow:edge policy=backpressure burst=3/s*1s*1
	d := make(chan Sample, n) // ok: a computed capacity is the unbounded rule's business
	_ = d
}

type stage struct {
	//flow:edge policy=timed timeout=20ms burst=50/s*2s*1
	out chan Sample
}

func (s *stage) init() {
	s.out = make(chan Sample, 10) // want `capacity 10 does not match burst=50/s\*2s\*1, .* = 100`
}

func (s *stage) reinit() {
	s.out = make(chan Sample, 100) // ok: the field's profile says 100
}
