package eventloop

import "net"

type BitSet struct{ words []uint64 }

// Next returns the index of the next set bit at or after i, or -1.
func (b BitSet) Next(i int32) int32 { return -1 }

type Stream struct{}

func (s *Stream) Next() (string, error) { return "", nil }

func walk(b BitSet) {
	for i := int32(0); ; i++ { // a walk over a bit set, not an event loop
		i = b.Next(i)
		if i < 0 {
			break
		}
	}
}

func consume(s *Stream) {
	for { // want `event loop: calls s\.Next`
		if _, err := s.Next(); err != nil {
			return
		}
	}
}

func serve(ln net.Listener) {
	for { // want `event loop: calls ln\.Accept`
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Close()
	}
}

func drain(in <-chan int) {
	for v := range in { // want `event loop: ranges over in`
		_ = v
	}
}
