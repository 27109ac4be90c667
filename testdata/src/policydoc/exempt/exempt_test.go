package exempt

import "testing"

func TestWork(t *testing.T) {
	results := make(chan Result, 100) // ok: test code is not a pipeline
	results <- Result{}
	select {
	case results <- Result{}:
	default:
	}
}

func TestAnnotated(t *testing.T) {
	//flow:edge policy=drop burst=none // want `policydoc: malformed //flow:edge: unknown policy "drop"`
	a := make(chan Result)
	_ = a
}
