// Package zap is a stand-in with the signatures of the real one.
package zap

type Field struct{}

func String(key, val string) Field { return Field{} }
func Int(key string, val int) Field { return Field{} }
func Error(err error) Field         { return Field{} }

type Logger struct{}

func NewNop() *Logger { return &Logger{} }

func (l *Logger) Info(msg string, fields ...Field)  {}
func (l *Logger) Warn(msg string, fields ...Field)  {}
func (l *Logger) Error(msg string, fields ...Field) {}
func (l *Logger) Sync() error                       { return nil }
