package config

import (
	"github.com/BurntSushi/toml"

	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `# flowlint settings for the ingest service
strict = true
max_capacity = 4096
log_packages = ["example.com/telemetry"]

[rules]
spawnloop = false

[edges.ingest]
policy = "shed"
burst = "200/s*90s*1.5"

[edges.audit]
policy = "timed"
timeout = "50ms"
burst = "10/s*1s*1"
`

func TestParse(t *testing.T) {
	f, err := Parse("flowlint.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	if err := f.Apply(c); err != nil {
		t.Fatal(err)
	}
	if !c.Strict || c.MaxCapacity != 4096 || c.Enabled("spawnloop") || !c.Enabled("firelog") {
		t.Errorf("settings not applied: %+v", c)
	}
	if got := c.Edges["ingest"].Capacity(); got != 27000 {
		t.Errorf("ingest capacity = %d, want 27000", got)
	}
	if got := c.Edges["audit"].Timeout.String(); got != "50ms" {
		t.Errorf("audit timeout = %s", got)
	}
	if !strings.Contains(strings.Join(c.LogPackages, " "), "example.com/telemetry") ||
		!strings.Contains(strings.Join(c.LogPackages, " "), "log/slog") {
		t.Errorf("log packages should add to the defaults: %v", c.LogPackages)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown top key", "strict = true\nstirct = false\n", `flowlint.toml:2: unknown key "stirct"`},
		{"unknown rule", "[rules]\nspawnloop = true\nspawnlop = false\n", `flowlint.toml:3: unknown rule "spawnlop"`},
		{"unknown edge key", "[edges.x]\npolicy = \"shed\"\nburst = \"none\"\ncapacity = 3\n",
			`flowlint.toml:4: unknown key "edges.x.capacity"`},
		{"bad policy", "[edges.x]\npolicy = \"drop\"\nburst = \"none\"\n", `flowlint.toml:1: edge "x": unknown policy "drop"`},
		{"bad burst", "\n[edges.y]\npolicy = \"shed\"\nburst = \"200/s\"\n", `flowlint.toml:2: edge "y": burst "200/s"`},
		{"timed without timeout", "[edges.z]\npolicy = \"timed\"\nburst = \"none\"\n", "needs timeout"},
		{"wrong type", "\nstrict = \"yes\"\n", `flowlint.toml:2: incompatible types: TOML value has type string; destination has type boolean (key "strict")`},
		{"syntax", "[rules\n", "flowlint.toml:2: expected '.' or ']'"},
		{"bad capacity", "max_capacity = -1\n", "flowlint.toml:1: max_capacity must be positive"},
		{"edges not a table", "strict = true\nedges = 3\n", "flowlint.toml:2: edges must be a table ([edges]), not integer"},
		{"rules not a table", "rules = []\n", "flowlint.toml:1: rules must be a table ([rules]), not array"},
		{"edge not a table", "[edges]\nx = \"shed\"\n", "flowlint.toml:2: type mismatch for an edge: expected table but found string"},
		{"empty edge name", "[edges.\"\"]\npolicy = \"shed\"\nburst = \"none\"\n", `edge name ""`},
		{"edge name with spaces", "[edges.\"x policy=backpressure\"]\nburst = \"none\"\n", `edge name "x policy=backpressure"`},
		{"duplicate key", "strict = true\nstrict = false\n", "flowlint.toml:2: key 'strict' has already been defined"},
		{"first of two bad rules", "[rules]\nzeta = true\nalpha = true\n", `flowlint.toml:3: unknown rule "alpha"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("flowlint.toml", []byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
	mustWrite(t, filepath.Join(root, FileName), "strict = true\n")
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != filepath.Join(root, FileName) {
		t.Errorf("Find(deep) = %q", got)
	}

	mustWrite(t, filepath.Join(root, "a", FileName), "strict = false\n")
	if got := Find(deep); got != filepath.Join(root, "a", FileName) {
		t.Errorf("the nearest file should win, got %q", got)
	}

	// A module root stops the walk: a file above it belongs to something else.
	inner := filepath.Join(root, "vendored")
	mustWrite(t, filepath.Join(inner, "go.mod"), "module example.com/inner\n")
	if got := Find(inner); got != "" {
		t.Errorf("Find crossed a module root: %q", got)
	}
}

// A flowlint.toml that is a directory or a dangling link is found, and
// loading it fails with its path, rather than being passed over for the
// defaults.
func TestFindBrokenFile(t *testing.T) {
	for name, make := range map[string]func(path string) error{
		"directory": func(path string) error { return os.Mkdir(path, 0o755) },
		"dangling link": func(path string) error {
			return os.Symlink(filepath.Join(filepath.Dir(path), "missing.toml"), path)
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
			path := filepath.Join(root, FileName)
			if err := make(path); err != nil {
				t.Skip(err)
			}
			if got := Find(root); got != path {
				t.Fatalf("Find = %q, want %q", got, path)
			}
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("Load(%s) = %v, want an error naming the file", name, err)
			}
		})
	}
}

func TestFlagsOverrideFile(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
	mustWrite(t, filepath.Join(root, FileName), "strict = true\n[rules]\nfirelog = false\n")

	fs := flag.NewFlagSet("flowlint", flag.ContinueOnError)
	flags := NewFlags()
	flags.Register(fs)
	err := fs.Parse([]string{"-strict=false", "-unbounded=false", "-edge", "name=e policy=shed burst=none",
		"-log-packages", "a.example/log, b.example/log"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := flags.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if c.Strict {
		t.Error("-strict=false should override strict = true in the file")
	}
	if c.Enabled("firelog") {
		t.Error("the file's firelog = false should hold where no flag is set")
	}
	if c.Enabled("unbounded") {
		t.Error("-unbounded=false should switch the rule off")
	}
	if _, ok := c.Edge("e"); !ok {
		t.Error("-edge should add a registry entry")
	}
	if !strings.Contains(strings.Join(c.LogPackages, ","), "b.example/log") {
		t.Errorf("log packages = %v", c.LogPackages)
	}
	if c.Source != filepath.Join(root, FileName) {
		t.Errorf("Source = %q", c.Source)
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-edge", "policy=shed burst=none"},
		{"-edge", "name=x policy=timed burst=none"},
		{"-max-capacity", "lots"},
		{"-strict=maybe"},
	} {
		fs := flag.NewFlagSet("flowlint", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		NewFlags().Register(fs)
		if err := fs.Parse(args); err == nil {
			t.Errorf("%v: want an error", args)
		}
	}
}

func TestConfigFlagNone(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
	mustWrite(t, filepath.Join(root, FileName), "this is not toml\n")
	flags := NewFlags()
	if _, err := flags.Resolve(root); err == nil || !strings.Contains(err.Error(), "flowlint.toml:1") {
		t.Errorf("a broken file should be an error naming it, got %v", err)
	}
	flags.File.Set("none")
	if _, err := flags.Resolve(root); err != nil {
		t.Errorf("-config=none should ignore the file: %v", err)
	}
	flags.File.Set(filepath.Join(root, "missing.toml"))
	if _, err := flags.Resolve(root); err == nil || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("a missing -config file should be an error naming it, got %v", err)
	}
}

func TestLoadSeesEdits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	mustWrite(t, path, "strict = true\n")
	if f, err := Load(path); err != nil || !*f.Strict {
		t.Fatalf("Load = %+v, %v", f, err)
	}
	mustWrite(t, path, "strict = false\nmax_capacity = 10\n")
	if f, err := Load(path); err != nil || *f.Strict {
		t.Fatalf("Load after edit = %+v, %v: the cache must not hide an edit", f, err)
	}
}

func TestFingerprint(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
	sub := filepath.Join(root, "svc")
	mustWrite(t, filepath.Join(sub, FileName), "strict = true\n")

	before := Fingerprint(root)
	if !bytes.Equal(before, Fingerprint(root)) {
		t.Fatal("fingerprint is not stable")
	}
	mustWrite(t, filepath.Join(sub, FileName), "strict = false\n")
	if bytes.Equal(before, Fingerprint(root)) {
		t.Error("editing a nested flowlint.toml must change the fingerprint")
	}
	changed := Fingerprint(root)
	mustWrite(t, filepath.Join(root, FileName), "[rules]\nfirelog = false\n")
	if bytes.Equal(changed, Fingerprint(sub)) {
		t.Error("adding the module's flowlint.toml must change the fingerprint")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("[edges.a]\npolicy = \"timed\"\ntimeout = \"1ms\"\nburst = \"1/s*1s*1\"\n")
	f.Add("[rules]\nx = 1\n")
	f.Fuzz(func(t *testing.T, text string) {
		file, err := Parse("flowlint.toml", []byte(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "flowlint.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if err := file.Apply(Default()); err != nil {
			t.Fatal(err)
		}
	})
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTomlMessageKeepsAcronyms(t *testing.T) {
	for in, want := range map[string]string{
		"toml: Expected value but found newline.":       "expected value but found newline",
		"TOML files cannot contain control characters.": "TOML files cannot contain control characters",
	} {
		if got := tomlMessage(toml.ParseError{Message: in}); got != want {
			t.Errorf("tomlMessage(%q) = %q, want %q", in, got, want)
		}
	}
}
