package registry

type Record struct{ Key string }

type stage struct {
	//flow:edge name=ingest
	in chan Record

	//flow:edge name=audit
	audit chan Record

	drops int
}

func newStage() *stage {
	return &stage{
		in:    make(chan Record, 27000), // ok: the registry's burst gives 27000
		audit: make(chan Record, 5),     // want `policydoc: capacity 5 does not match burst=10/s\*1s\*1`
	}
}

func (s *stage) accept(r Record) {
	select {
	case s.in <- r: // ok: shed, counted
	default:
		s.drops++
	}
	s.in <- r // want `send on shed edge "ingest" s.in blocks when it is full`
}

func conflicts() {
	//flow:edge name=ingest policy=backpressure // want `policydoc: edge "ingest": annotation says policy=backpressure, the registry says shed; make the annotation and flowlint.toml agree`
	c := make(chan Record, 27000)
	_ = c

	//flow:edge name=ingest policy=shed // ok: saying what the registry says is fine
	d := make(chan Record, 27000)
	_ = d
}
