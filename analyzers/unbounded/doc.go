// Package unbounded defines an analyzer that reports buffering with no
// limit: parked-send goroutines, hand-made forwarding queues and channel
// capacities no one bounded.
//
// # Analyzer unbounded
//
// unbounded: report buffering that grows without a limit
//
// A buffer with no limit turns a burst into memory instead of
// backpressure: the producer is never slowed, and the process falls over
// later and further away. unbounded reports:
//
//   - a goroutine per event whose only job is a channel send, as in
//     go func() { out <- v }(): each one parks holding its value until a
//     receiver comes, a queue as long as the backlog;
//   - an event loop that receives from one channel, appends to a slice
//     (or pushes onto a queue type of queue_types, container/list.List by
//     default) and sends from the head to another channel, with no length
//     check anywhere in the function: the "infinite channel";
//   - a constant channel capacity above max_capacity (1<<20 by default)
//     that no //flow:edge burst profile documents;
//   - a channel capacity taken from a parameter or a struct field with no
//     upper bound checked before it (a comparison, or min).
//
// Parked sends that the iteration then receives, or that a semaphore
// bounds, are not reported; nor are capacities of len(x), which mirror a
// collection already in memory, or of signal channels. A log queue is
// left to firelog, and a goroutine that does more than send to spawnloop.
package unbounded
