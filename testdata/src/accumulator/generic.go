package accumulator

import "context"

type Window[T any] struct {
	in    chan T
	items []T
	kept  []T
	byKey map[string]T
}

func (w *Window[T]) run() {
	for v := range w.in {
		w.items = append(w.items, v) // want `w\.items grows by an append per event`
	}
}

func (w *Window[T]) keyed(ctx context.Context, key func(T) string) {
	for {
		select {
		case v := <-w.in:
			w.byKey[key(v)] = v // want `w\.byKey gains a key per event`
		case <-ctx.Done():
			return
		}
	}
}

// ok: a generic buffer that flushes at a size.
func (w *Window[T]) flushing(size int, sink func([]T)) {
	for v := range w.in {
		w.kept = append(w.kept, v) // ok: flushed at size
		if len(w.kept) == size {
			sink(w.kept)
			w.kept = nil
		}
	}
}

// ok: a generic collector returns what it gathered.
func Drain[T any](in <-chan T) []T {
	var all []T
	for v := range in {
		all = append(all, v) // ok: returned after the loop
	}
	return all
}
