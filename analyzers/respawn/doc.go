// Package respawn defines an analyzer that reports workers and channels
// dropped and recreated without draining or joining the old ones.
//
// # Analyzer respawn
//
// respawn: report restarts that do not join the old worker
//
// A restart or reload path that cancels a worker and starts a new one, or
// re-makes the channel a running goroutine reads, without waiting for the
// old goroutine to finish, leaves two generations running at once: the old
// one still holds its items, its connections and its memory, and each
// further restart can add another. Under load, restarts come when things
// are already slow, which is when old workers take longest to leave.
//
// respawn reports, within one function and in source order:
//
//   - a go statement (or a call of a same-package function that starts
//     one) after a stop, that is a call of a stored cancel function or
//     close of a quit channel, whose variable or field the function then
//     replaces, with no wait in between;
//   - x = make(chan T) while a goroutine started earlier in the function
//     uses x (through the shared variable or field, or as an argument the
//     function keeps no other handle on), or while one started later in
//     the same loop reads it through the shared variable or field;
//   - close(x) followed by x = make(chan T) for a channel of data that
//     some code in the package receives from.
//
// A wait is a call of Wait (sync.WaitGroup, errgroup), Join, Drain,
// Shutdown or a non-timer Stop from another package, a receive (a done
// channel, a select), a range over a channel, or a call of a same-package
// function that does one of these. Steps in different branches of an if
// or switch, or behind a return, do not count as following one another.
// Closing and re-making a signal channel (chan struct{}) is a broadcast
// and is not reported on its own.
//
// The fix is a drain-and-join: signal the old worker, wait for it to exit
// (a done channel or a sync.WaitGroup), then start the new one.
package respawn
