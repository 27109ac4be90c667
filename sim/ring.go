package sim

// ring is a FIFO of items that grows on demand up to a limit, the edge's
// capacity, so an edge sized for a large burst costs memory only when the
// burst fills it.
type ring struct {
	buf   []Item
	head  int
	n     int
	limit int
}

func (r *ring) push(it Item) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)%len(r.buf)] = it
	r.n++
}

func (r *ring) pop() Item {
	it := r.buf[r.head]
	r.head = (r.head + 1) % len(r.buf)
	r.n--
	return it
}

// grow doubles the buffer, keeping the items in order. The edge's
// admission decision keeps n within limit, so this never exceeds it.
func (r *ring) grow() {
	size := min(max(2*len(r.buf), 64), max(r.limit, 1))
	buf := make([]Item, size)
	for i := range r.n {
		buf[i] = r.buf[(r.head+i)%len(r.buf)]
	}
	r.buf, r.head = buf, 0
}
