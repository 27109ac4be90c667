package generated

func hand() {
	b := make(chan Frame, 3) // want `policydoc: channel of Frame has no //flow:edge annotation`
	_ = b
}
