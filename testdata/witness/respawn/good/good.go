// Package good restarts its worker on every reload by cancelling the old
// one and waiting for it to return before starting the next: one worker
// runs at a time, however fast reloads come.
package good

import "context"

// Service runs one poll loop, restarted by Reload.
type Service struct {
	poll   func()
	cancel context.CancelFunc
	done   chan struct{} // closed when the running worker returns
}

// New returns a service whose worker calls poll until it is cancelled.
// poll does not watch the context: a cancel takes effect between polls.
func New(poll func()) *Service {
	return &Service{poll: poll}
}

// Reload replaces the running worker with a new one, once the old one has
// returned.
func (s *Service) Reload() {
	s.stop()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.cancel, s.done = cancel, done
	go func() {
		defer close(done)
		s.run(ctx)
	}()
}

// Close stops the running worker and waits for it to return.
func (s *Service) Close() { s.stop() }

func (s *Service) stop() {
	if s.cancel == nil {
		return
	}
	s.cancel()
	<-s.done
}

func (s *Service) run(ctx context.Context) {
	for ctx.Err() == nil {
		s.poll()
	}
}
