package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestFromSettings(t *testing.T) {
	f, err := FromSettings(map[string]any{
		"strict":       true,
		"max_capacity": 4096,
		"rules":        map[string]any{"spawnloop": false},
		"log_packages": []any{"example.com/telemetry"},
		"edges": map[string]any{
			"ingest": map[string]any{"policy": "shed", "burst": "200/s*90s*1.5"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	if err := f.Apply(c); err != nil {
		t.Fatal(err)
	}
	if !c.Strict || c.MaxCapacity != 4096 || c.Enabled("spawnloop") || c.Source != SettingsSource {
		t.Errorf("settings not applied: %+v", c)
	}
	if c.Edges["ingest"].Capacity() != 27000 {
		t.Errorf("ingest edge = %+v", c.Edges["ingest"])
	}
	if f, err := FromSettings(nil); f != nil || err != nil {
		t.Errorf("no settings: %v, %v; want nil, nil", f, err)
	}
}

func TestFromSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     string
	}{
		{"unknown key", map[string]any{"stirct": true}, `flowlint settings: unknown key "stirct"`},
		{"unknown rule", map[string]any{"rules": map[string]any{"spawnlop": false}},
			`flowlint settings: unknown rule "spawnlop" (want one of policydoc,`},
		{"unknown edge key", map[string]any{"edges": map[string]any{
			"x": map[string]any{"policy": "shed", "burst": "none", "capacity": 3}}},
			`unknown key "edges.x.capacity"`},
		{"wrong type", map[string]any{"strict": "yes"},
			"destination has type boolean (key \"strict\")"},
		{"bad edge", map[string]any{"edges": map[string]any{"y": map[string]any{"policy": "drop"}}},
			`edge "y": unknown policy "drop"`},
		{"not a table", []any{"strict"}, "want a table of flowlint.toml keys, not []interface {}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromSettings(tc.settings)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "settings:1") {
				t.Errorf("error should be one line, with no line of the generated TOML: %q",
					err)
			}
		})
	}
}

// TestSettingsReplaceFile: settings from a driver stand in for the
// flowlint.toml a package would find, and flags still win over them.
func TestSettingsReplaceFile(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "go.mod"), "module example.com/m\n")
	mustWrite(t, filepath.Join(root, FileName), "strict = true\n")
	f, err := FromSettings(map[string]any{"max_capacity": 10})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewFlags().ResolveWith(root, f)
	if err != nil {
		t.Fatal(err)
	}
	if c.Strict || c.MaxCapacity != 10 {
		t.Errorf("settings should replace the file: strict=%v max=%d", c.Strict, c.MaxCapacity)
	}
	flags := NewFlags()
	flags.MaxCapacity.Set("20")
	if c, _ := flags.ResolveWith(root, f); c.MaxCapacity != 20 {
		t.Errorf("a flag should win over settings, got %d", c.MaxCapacity)
	}
	flags.File.Set(filepath.Join(root, FileName))
	if c, _ := flags.ResolveWith(root, f); !c.Strict {
		t.Error("-config should name the file to use even when settings are given")
	}
}
