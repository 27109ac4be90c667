package annotations

type Event struct{ ID int }

func malformed() {
	//flow:edge policy=drop burst=none // want `policydoc: malformed //flow:edge: unknown policy "drop"`
	a := make(chan Event)
	_ = a

	//flow:edge policy=shed burst=200/s*90s // want `policydoc: malformed //flow:edge: burst "200/s\*90s": want GAP\*DURATION\*SAFETY`
	b := make(chan Event, 27000)
	_ = b

	//flow:edge policy=shed burst=10/s*1s*1 capacity=10 // want `policydoc: malformed //flow:edge: unknown key "capacity"`
	c := make(chan Event, 10)
	_ = c
}

func incomplete() {
	//flow:edge policy=timed burst=10/s*1s*1 // want `policydoc: incomplete //flow:edge: policy=timed needs timeout=DURATION`
	a := make(chan Event, 10)
	_ = a

	//flow:edge policy=shed timeout=5ms burst=10/s*1s*1 // want `timeout= applies only to policy=timed`
	b := make(chan Event, 10)
	_ = b

	//flow:edge burst=10/s*1s*1 // want `policydoc: incomplete //flow:edge: no policy`
	c := make(chan Event, 10)
	_ = c

	//flow:edge policy=backpressure // want `no burst profile`
	d := make(chan Event, 10)
	_ = d

	//flow:edge name=nowhere // want `policydoc: edge "nowhere" is not in the edge registry`
	e := make(chan Event, 10)
	_ = e
}

func nearMisses() {
	// flow:edge policy=shed burst=10/s*1s*1 // want `policydoc: "// flow:edge" is not a directive`
	a := make(chan Event, 10) // want `channel of Event has no //flow:edge annotation`
	_ = a

	//flow:egde policy=shed burst=10/s*1s*1 // want `policydoc: unknown directive //flow:egde`
	b := make(chan Event, 10) // want `has no //flow:edge annotation`
	_ = b

	// The annotation may trail the make, or sit in a doc comment group.
	c := make(chan Event, 10) //flow:edge policy=backpressure burst=10/s*1s*1
	_ = c

	// d carries parsed events to the writer.
	//flow:edge policy=backpressure burst=10/s*1s*1
	d := make(chan Event, 10)
	_ = d
}

func stray() {
	//flow:edge policy=backpressure burst=none // want `policydoc: //flow:edge describes no channel`
	x := 1
	_ = x

	//flow:edge policy=backpressure burst=none
	//flow:edge policy=shed burst=none // want `a second //flow:edge for the same edge`
	y := make(chan Event)
	_ = y
}

//flow:edge policy=backpressure burst=none // want `describes no channel`
type notAChannel struct{ n int }

type pipeline struct {
	//flow:edge policy=shed burst=10/s*1s*1
	out chan Event

	//flow:edge policy=shed burst=10/s*1s*1 // want `describes no channel`
	count int

	in chan Event // ok: never made here, so nothing to annotate
}

//flow:edge policy=backpressure burst=100/s*1s*1
var global = make(chan Event, 100)

//flow:edge policy=backpressure burst=100/s*1s*1
var declaredOnly chan Event

// One annotation covers every channel a variable declaration declares.
//
//flow:edge policy=shed burst=2/s*1s*1
var pairIn, pairOut = make(chan Event, 2), make(chan Event, 2)

var (
	//flow:edge policy=backpressure burst=4/s*1s*1
	blockIn, blockOut chan Event
)

func useGlobalPairs() {
	blockIn, blockOut = make(chan Event, 4), make(chan Event, 4)
}

func useGlobals() {
	declaredOnly = make(chan Event, 100)
	global <- Event{}
	declaredOnly <- Event{}
}

func newPipeline() *pipeline {
	return &pipeline{out: make(chan Event, 10), in: make(chan Event, 5)} // want `channel of Event has no //flow:edge annotation`
}

func twoInOneStatement() {
	//flow:edge policy=backpressure burst=10/s*1s*1
	c, d := make(chan Event, 10), make(chan Event, 10) // ok: the annotation covers the statement
	_, _ = c, d
}
