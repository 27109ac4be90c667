package plugin_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/config"
	_ "github.com/flowlint/flowlint/plugin"
)

// newLinter builds the plugin the way golangci-lint does: by the name it
// registered under. It undoes the settings hook when the test ends.
func newLinter(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	t.Cleanup(func() { config.UseSettings(nil) })
	newPlugin, err := register.GetPlugin("flowlint")
	if err != nil {
		t.Fatal(err)
	}
	return newPlugin(settings)
}

// findings runs the plugin's analyzers over the pipeline testdata module
// and returns the messages they report.
func findings(t *testing.T, l register.LinterPlugin, dir string) []string {
	t.Helper()
	analyzers, err := l.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir}, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading %s: %v", dir, err)
	}
	g, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for act := range g.All() {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				out = append(out, d.Message)
			}
		}
	}
	return out
}

func pipeline(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "modules", "pipeline"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPlugin(t *testing.T) {
	l, err := newLinter(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q: the rules need type information", l.GetLoadMode())
	}
	analyzers, _ := l.BuildAnalyzers()
	if len(analyzers) != 1 || analyzers[0] != flowlint.Analyzer {
		t.Errorf("BuildAnalyzers = %v, want the root analyzer alone", analyzers)
	}
	if err := analysis.Validate(analyzers); err != nil {
		t.Fatal(err)
	}
	if got := findings(t, l, pipeline(t)); len(got) != 2 {
		t.Errorf("without settings: %d findings, want the leaky package's 2: %q", len(got), got)
	}
}

func TestPluginSettings(t *testing.T) {
	l, err := newLinter(t, map[string]any{"rules": map[string]any{"policydoc": false}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(t, l, pipeline(t)); len(got) != 0 {
		t.Errorf("policydoc switched off in settings, yet: %q", got)
	}
}

// TestPluginSettingsReplaceFile: settings from .golangci.yml stand in for
// a flowlint.toml, so the two cannot disagree silently.
func TestPluginSettingsReplaceFile(t *testing.T) {
	dir := t.TempDir()
	src := pipeline(t)
	for _, name := range []string{"go.mod", "leaky/leaky.go"} {
		data, _ := os.ReadFile(filepath.Join(src, name))
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "flowlint.toml"), []byte("[rules]\npolicydoc = false\n"), 0o644)
	l, err := newLinter(t, map[string]any{"strict": false})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(t, l, dir); len(got) != 2 {
		t.Errorf("with settings, the module's flowlint.toml should not apply: %q", got)
	}
}

func TestPluginBadSettings(t *testing.T) {
	for want, settings := range map[string]map[string]any{
		`flowlint settings: unknown key "stirct"`:    {"stirct": true},
		`flowlint settings: unknown rule "polcydoc"`: {"rules": map[string]any{"polcydoc": false}},
	} {
		_, err := newLinter(t, settings)
		if err == nil || !strings.HasPrefix(err.Error(), want) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("settings %v: error %v, want one line starting %q", settings, err, want)
		}
	}
}
