// Package logrus is a stand-in with the signatures of the real one.
package logrus

type Fields map[string]interface{}

type Entry struct {
	Data    Fields
	Message string
}

func (e *Entry) Info(args ...interface{})                 {}
func (e *Entry) Infof(format string, args ...interface{}) {}

type Logger struct{}

func New() *Logger { return &Logger{} }

func (l *Logger) WithField(key string, value interface{}) *Entry { return &Entry{} }
func (l *Logger) WithFields(fields Fields) *Entry                { return &Entry{} }
func (l *Logger) Infof(format string, args ...interface{})       {}
func (l *Logger) Warnf(format string, args ...interface{})       {}

func WithField(key string, value interface{}) *Entry { return &Entry{} }
func Infof(format string, args ...interface{})       {}
func Errorf(format string, args ...interface{})      {}
