// Package accumulator defines an analyzer that reports slices and maps
// that grow once per event and are never emptied.
//
// # Analyzer accumulator
//
// accumulator: report per-event growth that is never reset
//
// An append or a map insert in an event loop or a per-event handler
// keeps what the event brought. When the slice or map outlives the event
// (a field, a package variable, a variable declared outside the loop or
// captured by the handler) and nothing resets it, its size follows the
// total number of events rather than the number in flight: memory grows
// with load until the process is killed.
//
// accumulator reports x = append(x, ...) and m[k] = v in an event loop or
// handler when x or m outlives the event and none of these holds:
//
//   - a reset the loop reaches: x = x[:0], x = nil, any other value
//     assigned, clear(x) or delete(m, k), in the loop (a ticker clause
//     counts), in a closure, in a loop around it, or in another method of
//     the type (a flusher, a rotation); constructors, Start and Close do
//     not count;
//   - a length check: len(x) compared with a bound anywhere in the package;
//   - a finite collection: a local (or a field of one) read after the
//     loop ends, returned, or read in a block that returns, such as the
//     results of a fan-out; a field of a parameter or receiver counts when
//     the field itself is read so;
//   - a map key that cannot grow the map far: a constant, a bool, a byte,
//     an enumeration type with declared constants, or a value fixed for
//     the whole loop or handler (declared outside it, no calls);
//   - growth behind a cache lookup: an earlier if returns when the map
//     already holds such a fixed key, so the path runs once per key.
//
// A lazy initialisation (if m == nil { m = make(...) }) is not a reset.
//
// The fix is a flush threshold with a reset after the flush, a bounded
// ring, or an LRU or TTL eviction for maps.
package accumulator
