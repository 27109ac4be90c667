package strict

func signals() error {
	done := make(chan struct{}) // want `policydoc: channel of struct{} has no //flow:edge annotation`
	close(done)

	errc := make(chan error, 1) // want `channel of error has no //flow:edge annotation`
	go func() { errc <- nil }()

	//flow:edge policy=backpressure burst=none
	ready := make(chan struct{}) // ok: annotated
	close(ready)
	return <-errc
}
