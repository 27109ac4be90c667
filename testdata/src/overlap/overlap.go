// Package overlap has a log edge that drops without counting: firelog and
// policydoc both see it, and one finding is reported.
package overlap

type entry struct{ msg string }

type logger struct {
	//flow:edge policy=shed burst=10/s*1s*1
	logs chan entry
}

func newLogger() *logger { return &logger{logs: make(chan entry, 10)} }

func (l *logger) Log(m string) {
	select {
	case l.logs <- entry{m}:
	default: // want `firelog: default drops log entries for l.logs silently`
	}
}
