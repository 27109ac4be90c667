package sim

import (
	"math"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
)

// never is the time of an event that is not scheduled.
const never = time.Duration(math.MaxInt64)

// progressEvery is how many events the model handles between calls to a
// progress function.
const progressEvery = 1 << 18

// Model plays sc in virtual time with a discrete-event model of its chain
// and reports what happened. Every operator serves one item at a time in a
// fixed 1/Rate; every admission decision is flow.Admit or
// flow.AdmitPriority, the ones the runtime's edges take. progress, if not
// nil, is called now and then with the simulated time reached, and once
// at the end.
func Model(sc *Scenario, progress func(time.Duration)) *Report {
	m := newModel(sc)
	m.run(progress)
	return m.report()
}

// model is the state of a run: edge i is fed by sender i (the arrival
// process for i == 0, operator i-1 otherwise) and read by operator i.
type model struct {
	sc      *Scenario
	now     time.Duration
	arr     *Arrivals
	next    Item // the next arrival, not yet offered
	hasNext bool
	ready   time.Duration // when the arrival process may offer next

	edges   []modelEdge
	ops     []modelOp
	senders []sender

	rep       Report
	lastHigh  uint64 // Seq of the last High item delivered
	total     int    // items held on all edges
	changed   time.Duration
	baseline  int // peak of total before the burst
	caughtUp  bool
	catchUpAt time.Duration
}

type modelEdge struct {
	rep   *EdgeReport
	prio  bool
	q     [2]ring // by class for a priority edge; q[0] holds both otherwise
	occ   occupancy
	onCap int
}

type modelOp struct {
	service  time.Duration
	highOnly bool
	busy     bool
	cur      Item
	doneAt   time.Duration
}

// sender is the sending side of an edge while it waits for room.
type sender struct {
	blocked  bool
	item     Item
	deadline time.Duration // never for a backpressure wait
}

func newModel(sc *Scenario) *model {
	m := &model{sc: sc, arr: NewArrivals(sc)}
	m.rep = Report{Scenario: sc.Name, Engine: "model", Duration: sc.Duration,
		Burst: sc.Burst, HighSLO: sc.HighSLO, Edges: make([]EdgeReport, len(sc.Stages))}
	m.edges = make([]modelEdge, len(sc.Stages))
	m.ops = make([]modelOp, len(sc.Stages))
	m.senders = make([]sender, len(sc.Stages))
	for i, st := range sc.Stages {
		m.rep.Edges[i] = newEdgeReport(st)
		e := &m.edges[i]
		e.rep, e.prio, e.onCap = &m.rep.Edges[i], st.Priority, st.Edge.Capacity()
		e.q[0].limit, e.q[1].limit = e.onCap, e.onCap
		e.occ = occupancy{width: m.rep.BucketWidth(), buckets: &e.rep.Occupancy}
		m.ops[i] = modelOp{service: serviceTime(st.Rate), highOnly: st.HighOnly}
	}
	m.next, m.hasNext = m.arr.Next()
	return m
}

func newEdgeReport(st Stage) EdgeReport {
	return EdgeReport{Name: st.Edge.Name, Operator: st.Operator, Policy: st.Edge.Policy,
		Priority: st.Priority, Capacity: st.Edge.Capacity()}
}

// serviceTime is the time an operator of the given rate spends per item,
// at least a nanosecond so that time always moves.
func serviceTime(rate float64) time.Duration {
	return max(time.Duration(math.Round(float64(time.Second)/rate)), 1)
}

type eventKind int

const (
	noEvent eventKind = iota
	arrival
	served   // operator i finished its item
	timedOut // the sender on edge i waited out its timeout
)

func (m *model) run(progress func(time.Duration)) {
	for n := 1; ; n++ {
		t, kind, i := m.nextEvent()
		if kind == noEvent || t > m.sc.Duration {
			break
		}
		m.noteCatchUp(t)
		m.now = t
		switch kind {
		case arrival:
			m.arrive()
		case served:
			m.finish(i)
		case timedOut:
			m.expire(i)
		}
		if progress != nil && n%progressEvery == 0 {
			progress(t)
		}
	}
	m.noteCatchUp(m.sc.Duration)
	m.now = m.sc.Duration
	if progress != nil {
		progress(m.now)
	}
}

// nextEvent finds the earliest scheduled event. Ties go to operators
// downstream of the arrival process in chain order, then to timeouts: an
// order the runtime may not share, which matters only at the exact same
// nanosecond.
func (m *model) nextEvent() (time.Duration, eventKind, int) {
	t, kind, idx := never, noEvent, 0
	for i := range m.ops {
		if m.ops[i].busy && m.ops[i].doneAt < t {
			t, kind, idx = m.ops[i].doneAt, served, i
		}
	}
	for i := range m.senders {
		if s := &m.senders[i]; s.blocked && s.deadline < t {
			t, kind, idx = s.deadline, timedOut, i
		}
	}
	if m.hasNext && !m.senders[0].blocked {
		if at := max(m.next.At, m.ready); at < t {
			t, kind, idx = at, arrival, 0
		}
	}
	return t, kind, idx
}

func (m *model) arrive() {
	it := m.next
	m.hasNext = false
	m.rep.Arrived[it.Class]++
	if m.offer(0, it) {
		m.resume(0)
	}
}

// offer puts it on edge i as the edge's policy decides. It reports whether
// the sender is free to go on; false means it now waits for room.
func (m *model) offer(i int, it Item) bool {
	e, op := &m.edges[i], &m.ops[i]
	if !op.busy && !m.waiting(i) && m.held(i) == 0 {
		// A receiver already waiting takes the item straight from the
		// sender, as a channel hands a value to a blocked receiver.
		e.rep.Sent++
		m.start(i, it)
		return true
	}
	var a flow.Admission
	if e.prio {
		a = flow.AdmitPriority(it.Class, e.q[flow.High].n, e.q[flow.Low].n, e.onCap)
	} else {
		a = flow.Admit(e.rep.Policy, m.held(i), e.onCap)
	}
	switch a {
	case flow.Keep:
		m.push(i, it)
	case flow.Evict:
		m.pop(i, flow.Low)
		e.rep.Dropped[flow.Low]++
		e.rep.Evicted++
		m.push(i, it)
	case flow.Drop:
		e.rep.Dropped[it.Class]++
	case flow.Wait, flow.WaitThenDrop:
		s := &m.senders[i]
		s.blocked, s.item, s.deadline = true, it, never
		if a == flow.WaitThenDrop {
			s.deadline = m.now + m.sc.Stages[i].Edge.Timeout
		}
		return false
	}
	return true
}

// waiting reports whether operator i holds a finished item it cannot send.
func (m *model) waiting(i int) bool {
	return i+1 < len(m.senders) && m.senders[i+1].blocked
}

func (m *model) start(i int, it Item) {
	op := &m.ops[i]
	op.busy, op.cur, op.doneAt = true, it, m.now+op.service
}

// finish hands operator i's item on and, unless that has to wait, lets the
// operator take its next one.
func (m *model) finish(i int) {
	op := &m.ops[i]
	op.busy = false
	it := op.cur
	switch {
	case op.highOnly && it.Class == flow.Low:
		m.rep.Filtered[it.Class]++
	case i == len(m.ops)-1:
		m.deliver(it)
	case !m.offer(i+1, it):
		return
	}
	m.pull(i)
}

// pull gives idle operator i its next input: the head of its edge, and the
// slot that frees goes to a sender waiting for room; on an empty edge, the
// waiting sender's item itself.
func (m *model) pull(i int) {
	s := &m.senders[i]
	switch {
	case m.held(i) > 0:
		m.start(i, m.popNext(i))
		if s.blocked {
			s.blocked = false
			m.push(i, s.item)
			m.resume(i)
		}
	case s.blocked:
		s.blocked = false
		m.edges[i].rep.Sent++
		m.start(i, s.item)
		m.resume(i)
	}
}

// resume frees the sender of edge i once its item is placed or dropped:
// the arrival process draws its next item; an operator takes its next input.
func (m *model) resume(i int) {
	if i > 0 {
		m.pull(i - 1)
		return
	}
	m.ready = m.now
	m.next, m.hasNext = m.arr.Next()
}

func (m *model) expire(i int) {
	s := &m.senders[i]
	s.blocked = false
	e := m.edges[i].rep
	e.Dropped[s.item.Class]++
	e.TimedOut++
	m.resume(i)
}

func (m *model) deliver(it Item) {
	m.rep.Delivered[it.Class]++
	if it.Class != flow.High {
		return
	}
	m.rep.HighLatency.Record(m.now - it.At)
	if it.Seq <= m.lastHigh {
		m.rep.OutOfOrder++
	} else {
		m.lastHigh = it.Seq
	}
}

func (m *model) held(i int) int { return m.edges[i].q[0].n + m.edges[i].q[1].n }

func (m *model) queue(i int, c flow.Priority) *ring {
	if m.edges[i].prio {
		return &m.edges[i].q[c]
	}
	return &m.edges[i].q[0]
}

func (m *model) push(i int, it Item) {
	m.queue(i, it.Class).push(it)
	m.edges[i].rep.Sent++
	m.moved(i, +1)
}

func (m *model) pop(i int, c flow.Priority) Item {
	it := m.queue(i, c).pop()
	m.moved(i, -1)
	return it
}

// popNext takes the item operator i receives next: High first on a
// priority edge, as PrioritySink.Recv does.
func (m *model) popNext(i int) Item {
	if m.edges[i].prio && m.edges[i].q[flow.High].n > 0 {
		return m.pop(i, flow.High)
	}
	return m.pop(i, flow.Low)
}

func (m *model) moved(i, delta int) {
	m.edges[i].occ.set(m.now, m.held(i))
	m.total += delta
	m.changed = m.now
	if m.now < m.sc.Burst.Start {
		m.baseline = max(m.baseline, m.total)
	}
}

// noteCatchUp is called before the events of time t: the total has held
// its value since the last change, so if the burst is over and the total
// is back to its baseline, the run caught up at the later of the two.
func (m *model) noteCatchUp(t time.Duration) {
	end := m.sc.Burst.End()
	if m.caughtUp || t < end || m.total > m.baseline {
		return
	}
	m.caughtUp, m.catchUpAt = true, max(m.changed, end)
}

func (m *model) report() *Report {
	r := &m.rep
	if r.CaughtUp = m.caughtUp; r.CaughtUp {
		r.CatchUp = m.catchUpAt - m.sc.Burst.End()
	}
	for i := range m.edges {
		e := &m.edges[i]
		e.rep.Peak = e.occ.peak
		e.rep.Mean = e.occ.mean(m.sc.Duration)
		for c := range e.q {
			q := &e.q[c]
			for k := range q.n {
				r.InFlight[q.buf[(q.head+k)%len(q.buf)].Class]++
			}
		}
		if m.ops[i].busy {
			r.InFlight[m.ops[i].cur.Class]++
		}
		if m.senders[i].blocked {
			r.InFlight[m.senders[i].item.Class]++
		}
	}
	return r
}
