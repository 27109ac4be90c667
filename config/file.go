package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/flowlint/flowlint/policy"
)

// FileName is the configuration file flowlint looks for.
const FileName = "flowlint.toml"

// File is a parsed flowlint.toml. Only what the file sets is set.
type File struct {
	Path                 string
	Strict               *bool
	MaxCapacity          *int
	Rules                map[string]bool
	Edges                map[string]policy.Spec
	LogPackages          []string
	BoundPrimitives      []string
	EventSources         []string
	HandlerRegistrations []string
	QueueTypes           []string
}

type fileSchema struct {
	Strict               *bool                `toml:"strict"`
	MaxCapacity          *int                 `toml:"max_capacity"`
	Rules                map[string]bool      `toml:"rules"`
	Edges                map[string]edgeEntry `toml:"edges"`
	LogPackages          []string             `toml:"log_packages"`
	BoundPrimitives      []string             `toml:"bound_primitives"`
	EventSources         []string             `toml:"event_sources"`
	HandlerRegistrations []string             `toml:"handler_registrations"`
	QueueTypes           []string             `toml:"queue_types"`
}

type edgeEntry struct {
	Policy  string `toml:"policy"`
	Burst   string `toml:"burst"`
	Timeout string `toml:"timeout"`
	From    string `toml:"from"`
	To      string `toml:"to"`
}

// Error is a problem in a configuration file, at a line when one is known.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Parse reads a flowlint.toml's content. Unknown keys, unknown rules and
// values that do not parse are errors naming the file and line.
func Parse(path string, data []byte) (*File, error) {
	var raw fileSchema
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := strings.Replace(tomlMessage(pe), "config.edgeEntry", "an edge", 1)
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: msg}
		}
		// Type mismatches come as text: "toml: line N (last key K): msg".
		if m := decodeErr.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			msg := strings.Replace(m[3], "config.edgeEntry", "an edge", 1)
			return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("%s (key %s)", msg, m[2])}
		}
		return nil, &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	for _, table := range []string{"rules", "edges"} {
		if t := md.Type(table); t != "" && t != "Hash" {
			return nil, &Error{Path: path, Line: keyLine(data, toml.Key{table}),
				Msg: fmt.Sprintf("%s must be a table ([%s]), not %s", table, table, strings.ToLower(md.Type(table)))}
		}
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		key := undecoded[0]
		return nil, &Error{Path: path, Line: keyLine(data, key), Msg: fmt.Sprintf("unknown key %q", key.String())}
	}

	f := &File{
		Path:                 path,
		Strict:               raw.Strict,
		MaxCapacity:          raw.MaxCapacity,
		Rules:                raw.Rules,
		Edges:                map[string]policy.Spec{},
		LogPackages:          raw.LogPackages,
		BoundPrimitives:      raw.BoundPrimitives,
		EventSources:         raw.EventSources,
		HandlerRegistrations: raw.HandlerRegistrations,
		QueueTypes:           raw.QueueTypes,
	}
	for _, name := range sortedKeys(raw.Rules) {
		if err := checkRule(name); err != nil {
			return nil, &Error{Path: path, Line: keyLine(data, toml.Key{"rules", name}), Msg: err.Error()}
		}
	}
	if f.MaxCapacity != nil && *f.MaxCapacity <= 0 {
		return nil, &Error{Path: path, Line: keyLine(data, toml.Key{"max_capacity"}), Msg: "max_capacity must be positive"}
	}
	for _, name := range sortedKeys(raw.Edges) {
		e := raw.Edges[name]
		if !policy.IsName(name) {
			return nil, &Error{Path: path, Line: keyLine(data, toml.Key{"edges", name}),
				Msg: fmt.Sprintf("edge name %q: use ASCII letters, digits, '_', '-' and '.'", name)}
		}
		spec, err := e.spec(name)
		if err != nil {
			return nil, &Error{Path: path, Line: keyLine(data, toml.Key{"edges", name}), Msg: err.Error()}
		}
		f.Edges[name] = spec
	}
	return f, nil
}

var decodeErr = regexp.MustCompile(`^toml: line (\d+) \(last key ("[^"]*")\): (.*)$`)

// sortedKeys returns a map's keys in order, so that the first of several
// errors is the same one every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// tomlMessage keeps the parser's own words but drops its "toml: " prefix,
// its capital and full stop, and its multi-line usage text, which would not
// fit a one-line error.
func tomlMessage(pe toml.ParseError) string {
	msg := strings.TrimSuffix(strings.TrimPrefix(pe.Message, "toml: "), ".")
	// Lower the capital of an ordinary first word, not of an acronym:
	// "TOML files cannot..." stays as it is.
	if len(msg) > 1 && unicode.IsUpper(rune(msg[0])) && !unicode.IsUpper(rune(msg[1])) {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	if pe.LastKey != "" {
		msg = fmt.Sprintf("%s (key %q)", msg, pe.LastKey)
	}
	return msg
}

func (e edgeEntry) spec(name string) (policy.Spec, error) {
	var fields []string
	add := func(k, v string) {
		if v != "" {
			fields = append(fields, k+"="+v)
		}
	}
	add("name", name)
	add("policy", e.Policy)
	add("burst", e.Burst)
	add("timeout", e.Timeout)
	add("from", e.From)
	add("to", e.To)
	spec, err := policy.ParseFields(strings.Join(fields, " "))
	if err != nil {
		return policy.Spec{}, fmt.Errorf("edge %q: %v", name, err)
	}
	if err := spec.Validate(); err != nil {
		return policy.Spec{}, fmt.Errorf("edge %q: %v", name, err)
	}
	return spec, nil
}

// keyLine finds the line that defines key, for error messages. TOML keys
// can be written as tables, dotted keys or inline tables; this follows the
// first two, which is how flowlint.toml is written, and otherwise returns
// the line of the closest enclosing table it can see.
func keyLine(data []byte, key toml.Key) int {
	table := ""
	best := 0
	want := strings.Join(key, ".")
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			header := strings.Trim(strings.SplitN(line, "]", 2)[0], "[ ")
			table = unquoteKey(header)
			if table == want {
				return i + 1
			}
			if strings.HasPrefix(want, table+".") && best == 0 {
				best = i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := unquoteKey(strings.TrimSpace(k))
		if table != "" {
			full = table + "." + full
		}
		if full == want || strings.HasPrefix(want, full+".") {
			return i + 1
		}
	}
	return best
}

func unquoteKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// Find returns the flowlint.toml that governs dir: the nearest one found
// walking up from dir, stopping at the module root (the first directory
// with a go.mod). It returns "" when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		// Whatever stands under the name is the configuration, even a
		// directory or a dangling link: Load then says what is wrong with
		// it, where treating it as absent would silently run defaults.
		candidate := filepath.Join(dir, FileName)
		if _, err := os.Lstat(candidate); err == nil {
			return candidate
		}
		if st, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !st.IsDir() {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and parses a flowlint.toml, remembering the result for as long
// as the file is unchanged, since every package of a module asks for it.
func Load(path string) (*File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read configuration: %v", errors.Unwrap(err))}
	}
	stamp := fileStamp{st.ModTime(), st.Size()}
	if v, ok := cache.Load(path); ok {
		if c := v.(cached); c.stamp == stamp {
			return c.file, c.err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read configuration: %v", err)}
	}
	f, err := Parse(path, data)
	cache.Store(path, cached{stamp, f, err})
	return f, err
}

type fileStamp struct {
	mod  time.Time
	size int64
}

type cached struct {
	stamp fileStamp
	file  *File
	err   error
}

var cache sync.Map // path -> cached

// Apply lays the file's settings over c. Lists add to what c has.
func (f *File) Apply(c *Config) error {
	c.Source = f.Path
	if f.Strict != nil {
		c.Strict = *f.Strict
	}
	if f.MaxCapacity != nil {
		c.MaxCapacity = *f.MaxCapacity
	}
	for rule, on := range f.Rules {
		c.Disabled[rule] = !on
	}
	for name, spec := range f.Edges {
		c.Edges[name] = spec
	}
	c.LogPackages = merge(c.LogPackages, f.LogPackages...)
	c.BoundPrimitives = merge(c.BoundPrimitives, f.BoundPrimitives...)
	c.EventSources = merge(c.EventSources, f.EventSources...)
	c.HandlerRegistrations = merge(c.HandlerRegistrations, f.HandlerRegistrations...)
	c.QueueTypes = merge(c.QueueTypes, f.QueueTypes...)
	return nil
}
