// Package corpus writes Go modules of streaming code for measuring
// flowlint: a mix of the shapes its rules flag, the clean shapes beside
// them, and plain code they only walk past, at any size.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the module path of a written corpus.
const Module = "corpus.example/streams"

// PackagesPerScale is the number of packages at scale 1.
const PackagesPerScale = 5

// Write replaces dir with a module of scale×PackagesPerScale packages.
// Packages import their parent in a tree, as a real module's do, so the
// corpus has depth as well as breadth. Each package holds nine findings.
func Write(dir string, scale int) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := write(dir, "go.mod", "module "+Module+"\n\ngo 1.24\n"); err != nil {
		return err
	}
	for i := range scale * PackagesPerScale {
		pkg := fmt.Sprintf("p%04d", i)
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("p%04d", (i-1)/4)
		}
		for name, text := range files(pkg, parent) {
			if err := write(dir, filepath.Join(pkg, name), text); err != nil {
				return err
			}
		}
	}
	return nil
}

// files returns one package's sources by file name.
func files(pkg, parent string) map[string]string {
	r := strings.NewReplacer("PKG", pkg, "MODULE", Module, "PARENT", parent)
	model := modelFile
	if parent != "" {
		model = modelWithParent
	}
	return map[string]string{
		"model.go":      r.Replace(model),
		"pipeline.go":   r.Replace(pipelineFile),
		"loops.go":      r.Replace(loopsFile),
		"queue.go":      r.Replace(queueFile),
		"logs.go":       r.Replace(logsFile),
		"text.go":       r.Replace(textFile),
		"model_test.go": r.Replace(testFile),
	}
}

func write(dir, name, text string) error {
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// The templates below are the shapes of streaming code flowlint judges.
// PKG is the package name, PARENT the package it imports.

const modelFile = `package PKG

import "time"

// Event is what flows through the package's pipelines.
type Event struct {
	ID      int64
	Key     string
	Payload []byte
	At      time.Time
}

// Result is what a stage produces from an event.
type Result struct {
	ID  int64
	Sum int
	Err error
}

func process(ev Event) Result {
	sum := 0
	for _, b := range ev.Payload {
		sum += int(b)
	}
	return Result{ID: ev.ID, Sum: sum}
}

// Checksum is what a child package reuses.
func Checksum(ev Event) int { return len(ev.Key) + len(ev.Payload) }
`

const modelWithParent = `package PKG

import (
	"time"

	"MODULE/PARENT"
)

// Event is what flows through the package's pipelines.
type Event struct {
	ID      int64
	Key     string
	Payload []byte
	At      time.Time
	Parent  PARENT.Event
}

// Result is what a stage produces from an event.
type Result struct {
	ID  int64
	Sum int
	Err error
}

func process(ev Event) Result {
	sum := 0
	for _, b := range ev.Payload {
		sum += int(b)
	}
	return Result{ID: ev.ID, Sum: sum + PARENT.Checksum(ev.Parent)}
}

// Checksum is what a child package reuses.
func Checksum(ev Event) int { return len(ev.Key) + len(ev.Payload) }
`

const pipelineFile = `package PKG

import (
	"context"
	"sync/atomic"
	"time"
)

// Stage is a pipeline stage with an annotated input edge.
type Stage struct {
	//flow:edge policy=backpressure burst=100/s*10s*1.5
	in chan Event

	//flow:edge policy=shed burst=50/s*4s*1.0
	out chan Result

	dropped atomic.Int64
}

// NewStage makes a stage whose capacities match their burst profiles.
func NewStage() *Stage {
	return &Stage{
		in:  make(chan Event, 1500),
		out: make(chan Result, 200),
	}
}

// Submit blocks while the stage is full: backpressure.
func (s *Stage) Submit(ctx context.Context, ev Event) error {
	select {
	case s.in <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Run moves events through the stage and sheds results nobody reads.
func (s *Stage) Run(ctx context.Context) {
	for {
		select {
		case ev := <-s.in:
			r := process(ev)
			select {
			case s.out <- r:
			default:
				s.dropped.Add(1)
			}
		case <-ctx.Done():
			return
		}
	}
}

// Fanout copies events to a channel with no annotation.
func Fanout(events []Event) <-chan Event {
	ch := make(chan Event, 64)
	go func() {
		defer close(ch)
		for _, ev := range events {
			ch <- ev
		}
	}()
	return ch
}

// Offer drops silently when the buffer is full.
func Offer(buf chan<- Result, r Result) {
	select {
	case buf <- r:
	default:
	}
}

// Timed waits a bounded time for room.
func Timed(ctx context.Context, ev Event) bool {
	//flow:edge policy=timed burst=20/s*5s*1.0 timeout=250ms
	ch := make(chan Event, 100)
	go func() {
		for range ch {
		}
	}()
	select {
	case ch <- ev:
		return true
	case <-time.After(250 * time.Millisecond):
		return false
	}
}

// Done is a signal channel: no annotation needed.
func Done() chan struct{} { return make(chan struct{}) }
`

const loopsFile = `package PKG

import (
	"context"
	"net"
	"sync"
)

// Serve starts a goroutine per connection with no bound.
func Serve(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
	}
}

func handle(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil || n == 0 {
			return
		}
	}
}

// Workers bounds concurrency with a semaphore channel.
func Workers(ctx context.Context, jobs <-chan Event, results chan<- Result) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for ev := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func(ev Event) {
			defer wg.Done()
			defer func() { <-sem }()
			select {
			case results <- process(ev):
			case <-ctx.Done():
			}
		}(ev)
	}
	wg.Wait()
}

// Spray starts a goroutine per event.
func Spray(jobs <-chan Event, sink func(Result)) {
	for ev := range jobs {
		go func() {
			sink(process(ev))
		}()
	}
}

// Park parks one goroutine per event to send.
func Park(jobs <-chan Event, out chan<- Result) {
	for ev := range jobs {
		go func() {
			out <- process(ev)
		}()
	}
}

// Batch handles a fixed number of items: a counted loop, not an event loop.
func Batch(evs []Event) []Result {
	out := make([]Result, 0, len(evs))
	for i := 0; i < len(evs); i++ {
		out = append(out, process(evs[i]))
	}
	return out
}
`

const queueFile = `package PKG

// Forward keeps everything it receives until the consumer takes it.
func Forward(in <-chan Event, out chan<- Event) {
	var pending []Event
	for {
		if len(pending) == 0 {
			ev, ok := <-in
			if !ok {
				return
			}
			pending = append(pending, ev)
			continue
		}
		select {
		case ev, ok := <-in:
			if !ok {
				return
			}
			pending = append(pending, ev)
		case out <- pending[0]:
			pending = pending[1:]
		}
	}
}

// ForwardCapped stops receiving at a limit.
func ForwardCapped(in <-chan Event, out chan<- Event, limit int) {
	var pending []Event
	for {
		var recv <-chan Event
		if len(pending) < limit {
			recv = in
		}
		var send chan<- Event
		var head Event
		if len(pending) > 0 {
			send, head = out, pending[0]
		}
		select {
		case ev, ok := <-recv:
			if !ok {
				return
			}
			pending = append(pending, ev)
		case send <- head:
			pending = pending[1:]
		}
	}
}

// Accumulate builds a batch from a channel: an accumulator, not a queue.
func Accumulate(in <-chan Event, n int) []Event {
	var batch []Event
	for ev := range in {
		batch = append(batch, ev)
		if len(batch) >= n {
			break
		}
	}
	return batch
}
`

const logsFile = `package PKG

import (
	"log"
	"log/slog"
)

// Audit logs from a goroutine per event.
func Audit(in <-chan Event) {
	for ev := range in {
		go log.Printf("event %d key %s", ev.ID, ev.Key)
	}
}

// Trace logs synchronously: clean.
func Trace(in <-chan Event, logger *slog.Logger) {
	for ev := range in {
		logger.Info("event", "id", ev.ID)
	}
}

// LogSink drops log lines silently when its queue is full.
type LogSink struct {
	//flow:edge policy=shed burst=10/s*10s*1.0
	logs chan string
}

// Write sheds without counting.
func (s *LogSink) Write(line string) {
	select {
	case s.logs <- line:
	default:
	}
}
`

const textFile = `package PKG

import (
	"fmt"
	"sort"
	"strings"
)

// Summary renders results for a report; plain code most of a module is made of.
func Summary(rs []Result) string {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	var b strings.Builder
	for i, r := range rs {
		if r.Err != nil {
			fmt.Fprintf(&b, "%d: error %v\n", r.ID, r.Err)
			continue
		}
		fmt.Fprintf(&b, "%d: %d", r.ID, r.Sum)
		if i%8 == 7 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Keys groups events by key.
func Keys(evs []Event) map[string][]int64 {
	out := map[string][]int64{}
	for _, ev := range evs {
		k := strings.ToLower(strings.TrimSpace(ev.Key))
		out[k] = append(out[k], ev.ID)
	}
	return out
}

type stats struct {
	count, bytes int
	min, max     int
}

func (s *stats) add(ev Event) {
	n := len(ev.Payload)
	if s.count == 0 || n < s.min {
		s.min = n
	}
	if n > s.max {
		s.max = n
	}
	s.count++
	s.bytes += n
}

func (s *stats) String() string {
	if s.count == 0 {
		return "no events"
	}
	return fmt.Sprintf("%d events, %d bytes, %d..%d each, %.1f mean", s.count, s.bytes, s.min, s.max,
		float64(s.bytes)/float64(s.count))
}
`

const testFile = `package PKG

import "testing"

func TestSummary(t *testing.T) {
	ch := make(chan Result, 1)
	ch <- Result{ID: 1, Sum: 2}
	if got := Summary([]Result{<-ch}); got == "" {
		t.Fatal("empty summary")
	}
}
`
