// Package firelog defines an analyzer that reports logs, metrics and
// traces emitted from a goroutine per event, and log queues that grow or
// drop without account.
//
// # Analyzer firelog
//
// firelog: report logging from goroutines started per event
//
// Logging is I/O. Moving it onto a goroutine per event does not make it
// cheaper; it hides its cost until a burst, when the writes queue as
// parked goroutines, each holding its message, and the process's memory
// grows with the log backlog exactly when the log matters. firelog
// reports, in an event loop or per-event handler:
//
//   - go logger.Info(...), go log.Printf(...) and their kin, where the
//     callee belongs to a package of log_packages (log, log/slog, zap,
//     logrus, zerolog, go-kit, klog, glog, statsd clients, Prometheus
//     push, OpenTelemetry by default), with a fix that logs synchronously;
//   - a go func, errgroup Go or time.AfterFunc whose body only logs,
//     records metrics or traces, or sends to a log channel (one whose
//     elements are a logging package's type, or whose name says log), and
//     a same-package helper called per event that starts one.
//
// Anywhere, it reports an async log queue with no bound (an event loop
// forwarding log entries through a slice or queue type it never
// length-checks), and a select that feeds a log channel with a default
// clause that drops the entry without counting it.
//
// Bounds and joins that keep spawnloop quiet keep firelog quiet too. A
// goroutine that logs and does other work is spawnloop's.
package firelog
