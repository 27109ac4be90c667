package disabled

type Msg struct{}

func quiet() {
	a := make(chan Msg, 8) // ok: the rule is switched off in flowlint.toml
	_ = a

	//flowlint:ignore policydoc a suppression for a switched-off rule is not unused
	b := make(chan Msg, 8)
	_ = b
}
