// Package bad restarts its worker on every reload by cancelling the old
// one and starting the next at once. The old worker stops only after its
// current poll returns, so reloads that come faster than a poll stack up
// workers that all still poll.
package bad

import "context"

// Service runs one poll loop, restarted by Reload.
type Service struct {
	poll   func()
	cancel context.CancelFunc
}

// New returns a service whose worker calls poll until it is cancelled.
// poll does not watch the context: a cancel takes effect between polls.
func New(poll func()) *Service {
	return &Service{poll: poll, cancel: func() {}}
}

// Reload replaces the running worker with a new one.
func (s *Service) Reload() {
	s.cancel()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.run(ctx)
}

// Close asks the running worker to stop.
func (s *Service) Close() { s.cancel() }

func (s *Service) run(ctx context.Context) {
	for ctx.Err() == nil {
		s.poll()
	}
}
