package config

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/flowlint/flowlint/policy"
)

// Flags are the command-line face of the configuration. A flag that was set
// overrides the file; one left alone lets the file (or the default) speak.
type Flags struct {
	File                 stringFlag
	Rules                map[string]*boolFlag
	Strict               boolFlag
	MaxCapacity          intFlag
	Edges                edgeFlag
	LogPackages          listFlag
	BoundPrimitives      listFlag
	EventSources         listFlag
	HandlerRegistrations listFlag
	QueueTypes           listFlag
}

// NewFlags returns flags with every rule on and nothing set.
func NewFlags() *Flags {
	f := &Flags{Rules: map[string]*boolFlag{}}
	for _, r := range Rules {
		f.Rules[r] = &boolFlag{value: true}
	}
	return f
}

// Register binds the flags into fs under their command-line names.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.Var(&f.File, "config", "path of the flowlint.toml to use instead of the one found by walking up "+
		"from each package; \"none\" uses no file")
	for _, r := range Rules {
		fs.Var(f.Rules[r], r, "run the "+r+" rule (-"+r+"=false switches it off)")
	}
	fs.Var(&f.Strict, "strict", "policydoc: require annotations on signal and one-shot channels too")
	fs.Var(&f.MaxCapacity, "max-capacity", "unbounded: largest constant channel capacity accepted "+
		"without a burst profile")
	fs.Var(&f.Edges, "edge", "an edge registry entry, as \"name=NAME policy=... burst=...\" "+
		"(repeatable)")
	fs.Var(&f.LogPackages, "log-packages", "comma-separated import paths of more logging and "+
		"telemetry packages")
	fs.Var(&f.BoundPrimitives, "bound-primitives", "comma-separated calls that bound a spawn, "+
		"as importpath.Func or importpath.Type.Method")
	fs.Var(&f.EventSources, "event-sources", "comma-separated method names that drive event loops")
	fs.Var(&f.HandlerRegistrations, "handler-registrations", "comma-separated function names "+
		"that register per-event callbacks")
	fs.Var(&f.QueueTypes, "queue-types", "comma-separated types that queue without limit, "+
		"as importpath.Type")
}

// Resolve builds the configuration for a package in dir: defaults, then
// the file (named by -config or found from dir), then the flags that were set.
func (f *Flags) Resolve(dir string) (*Config, error) { return f.ResolveWith(dir, nil) }

// ResolveWith is Resolve with settings that stand in for the file found
// from dir; a file named by -config still takes their place.
func (f *Flags) ResolveWith(dir string, settings *File) (*Config, error) {
	c := Default()
	path := f.File.value
	switch {
	case path == "none":
		path = ""
	case path == "" && settings != nil:
		if err := settings.Apply(c); err != nil {
			return nil, err
		}
	case path == "" && dir != "":
		path = Find(dir)
	}
	if path != "" {
		file, err := Load(path)
		if err != nil {
			return nil, err
		}
		if err := file.Apply(c); err != nil {
			return nil, err
		}
	}
	f.apply(c)
	return c, nil
}

func (f *Flags) apply(c *Config) {
	for r, b := range f.Rules {
		if b.set {
			c.Disabled[r] = !b.value
		}
	}
	if f.Strict.set {
		c.Strict = f.Strict.value
	}
	if f.MaxCapacity.set {
		c.MaxCapacity = f.MaxCapacity.value
	}
	for _, spec := range f.Edges.specs {
		c.Edges[spec.Name] = spec
	}
	c.LogPackages = merge(c.LogPackages, f.LogPackages.values...)
	c.BoundPrimitives = merge(c.BoundPrimitives, f.BoundPrimitives.values...)
	c.EventSources = merge(c.EventSources, f.EventSources.values...)
	c.HandlerRegistrations = merge(c.HandlerRegistrations, f.HandlerRegistrations.values...)
	c.QueueTypes = merge(c.QueueTypes, f.QueueTypes.values...)
}

// The flag values remember whether they were set, which is what lets a
// flag win over the file without the file losing to every default.

type boolFlag struct{ value, set bool }

func (b *boolFlag) String() string   { return strconv.FormatBool(b.value) }
func (b *boolFlag) IsBoolFlag() bool { return true }
func (b *boolFlag) Get() any         { return b.value }
func (b *boolFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false, not %q", s)
	}
	b.value, b.set = v, true
	return nil
}

type intFlag struct {
	value int
	set   bool
}

func (i *intFlag) String() string { return strconv.Itoa(i.value) }
func (i *intFlag) Get() any       { return i.value }
func (i *intFlag) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("want a positive whole number, not %q", s)
	}
	i.value, i.set = v, true
	return nil
}

type stringFlag struct{ value string }

func (s *stringFlag) String() string     { return s.value }
func (s *stringFlag) Get() any           { return s.value }
func (s *stringFlag) Set(v string) error { s.value = v; return nil }

// Value is the string the flag holds.
func (s *stringFlag) Value() string { return s.value }

type listFlag struct{ values []string }

func (l *listFlag) String() string { return strings.Join(l.values, ",") }
func (l *listFlag) Get() any       { return l.values }
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.values = append(l.values, v)
		}
	}
	return nil
}

type edgeFlag struct{ specs []policy.Spec }

func (e *edgeFlag) String() string {
	parts := make([]string, len(e.specs))
	for i, s := range e.specs {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}
func (e *edgeFlag) Get() any { return e.specs }
func (e *edgeFlag) Set(s string) error {
	spec, err := policy.ParseFields(s)
	if err != nil {
		return err
	}
	if spec.Name == "" {
		return fmt.Errorf("edge %q has no name=NAME", s)
	}
	if err := spec.Validate(); err != nil {
		return fmt.Errorf("edge %q: %v", spec.Name, err)
	}
	e.specs = append(e.specs, spec)
	return nil
}
