package sources

type Queue struct{}

func (q *Queue) Pull() (string, error) { return "", nil }

type Tail struct{}

func (t *Tail) Follow() (string, error) { return "", nil }

type Mirror struct{ lines []string }

// Pull is a configured event source: the loop around it runs per message.
func (m *Mirror) drain(q *Queue) {
	for {
		msg, err := q.Pull()
		if err != nil {
			return
		}
		m.lines = append(m.lines, msg) // want `m\.lines grows .* loop that calls q\.Pull`
	}
}

// ok: Follow is not configured, so this loop is not known to be per event.
func (m *Mirror) follow(t *Tail) {
	for {
		line, err := t.Follow()
		if err != nil {
			return
		}
		m.lines = append(m.lines, line) // ok: not a known event source
	}
}
