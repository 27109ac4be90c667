package lines

type Msg struct{ B []byte }

func sameLine() {
	a := make(chan Msg, 8) //flowlint:ignore policydoc drained by the test harness only
	_ = a
}

func lineAbove() {
	//flowlint:ignore policydoc sized by the caller's batch, documented in README
	b := make(chan Msg, 8)
	_ = b
}

func statementBelow(m Msg) {
	c := make(chan Msg, 8) //flowlint:ignore policydoc legacy queue, replaced next release
	//flowlint:ignore policydoc the caller counts drops of this queue
	select {
	case c <- m:
	default:
	}
}

func missingReason() {
	// A suppression without a reason silences nothing until it gets one.
	d := make(chan Msg, 8) //flowlint:ignore policydoc // want `policydoc: channel of Msg` `suppress: //flowlint:ignore policydoc has no reason`
	_ = d
}

func unknownRule() {
	//flowlint:ignore polcydoc spelled wrong // want `suppress: //flowlint:ignore names unknown rule "polcydoc"`
	e := make(chan Msg, 8) // want `policydoc: channel of Msg has no //flow:edge annotation`
	_ = e
}

func unused() {
	//flowlint:ignore policydoc nothing here needs it // want `suppress: //flowlint:ignore policydoc silences no finding`
	x := 1
	_ = x
}

func noRule() {
	//flowlint:ignore // want `suppress: //flowlint:ignore names no rule`
	y := 2
	_ = y
}

func typo() {
	//flowlint:ingore policydoc typo // want `suppress: unknown directive //flowlint:ingore`
	z := 3
	_ = z
}

func nolint() {
	f := make(chan Msg, 8) //nolint:flowlint // owned by the vendor adapter
	_ = f

	g := make(chan Msg, 8) //nolint:errcheck,flowlint
	_ = g

	h := make(chan Msg, 8) //nolint:errcheck // want `policydoc: channel of Msg has no //flow:edge annotation`
	_ = h

	//nolint:flowlint // want `suppress: //nolint:flowlint silences no flowlint finding here`
	i := 4
	_ = i
}

func otherRule() {
	j := make(chan Msg, 8) //flowlint:ignore spawnloop wrong rule // want `policydoc: channel of Msg` `suppress: //flowlint:ignore spawnloop silences no finding`
	_ = j
}
