package flow

import "github.com/flowlint/flowlint/policy"

// Admission is what an edge does with one offered item. It is the policy
// decision alone, apart from the channels that carry it out, so that a model
// of a pipeline (the burst simulator) decides exactly as Edge and
// PrioritySink do.
type Admission uint8

const (
	// Keep: a slot is free, so the item is held.
	Keep Admission = iota
	// Wait: the edge is full and its policy makes the sender wait for room,
	// without limit (backpressure) or until its timeout (see WaitThenDrop).
	Wait
	// WaitThenDrop: the edge is full and a timed send waits up to the
	// spec's timeout; if no slot frees by then the item is dropped and
	// counted as timed out.
	WaitThenDrop
	// Drop: the edge is full and sheds; the item is dropped and counted.
	Drop
	// Evict: a priority sink is full and the item is High while a Low item
	// is held; the oldest held Low item is dropped (counted as evicted) and
	// the High item takes its slot.
	Evict
)

var admissionNames = [...]string{
	Keep: "keep", Wait: "wait", WaitThenDrop: "wait-then-drop", Drop: "drop", Evict: "evict",
}

func (a Admission) String() string {
	if int(a) < len(admissionNames) {
		return admissionNames[a]
	}
	return "admission?"
}

// OnFull is what an edge of policy p does with an item that finds every
// slot held. An unset policy behaves as backpressure, the only choice that
// loses nothing.
func OnFull(p policy.Policy) Admission {
	switch p {
	case policy.Shed:
		return Drop
	case policy.Timed:
		return WaitThenDrop
	default:
		return Wait
	}
}

// Admit decides for an edge of policy p that holds held of its capacity
// slots. A send that finds a receiver already waiting on an empty edge is
// handed over without taking a slot; that is the caller's concern, since it
// is true of every policy.
func Admit(p policy.Policy, held, capacity int) Admission {
	if held < capacity {
		return Keep
	}
	return OnFull(p)
}

// AdmitPriority decides for a priority sink of capacity slots that holds
// high High items and low Low items, offered an item of class p: keep it
// while a slot is free; when none is, drop a Low item, let a High item evict
// the oldest Low one, and drop a High item only when every slot holds High.
func AdmitPriority(p Priority, high, low, capacity int) Admission {
	switch {
	case high+low < capacity:
		return Keep
	case p == High && low > 0:
		return Evict
	default:
		return Drop
	}
}
