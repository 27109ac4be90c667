package file

func other() {
	c := make(chan Frame, 5) // want `policydoc: channel of Frame has no //flow:edge annotation`
	_ = c
}
