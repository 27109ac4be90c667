package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// build compiles the flowlint command once for the tests of this file.
func build(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command and runs the go tool")
	}
	bin := filepath.Join(t.TempDir(), "flowlint")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// module copies the testdata module into a scratch directory that the
// test may edit.
func module(t *testing.T) string {
	t.Helper()
	return moduleNamed(t, "pipeline")
}

// moduleNamed copies testdata/modules/NAME into a scratch directory.
func moduleNamed(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "modules", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// run executes a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", name, args, err)
	return "", -1
}

func TestStandaloneExitCodes(t *testing.T) {
	bin := build(t)
	mod := module(t)

	out, code := run(t, mod, bin, "./clean")
	if code != 0 || out != "" {
		t.Errorf("clean package: exit %d, output %q; want 0 and nothing", code, out)
	}

	out, code = run(t, mod, bin, "./...")
	if code != 3 {
		t.Errorf("leaky module: exit %d, want 3 (findings)\n%s", code, out)
	}
	for _, want := range []string{
		"leaky.go:7:13: policydoc: channel of Event has no //flow:edge annotation",
		"leaky.go:12:2: policydoc: default case drops the value silently when queue is full",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	out, code = run(t, mod, bin, "-policydoc=false", "./...")
	if code != 0 {
		t.Errorf("-policydoc=false: exit %d, want 0\n%s", code, out)
	}

	os.WriteFile(filepath.Join(mod, "flowlint.toml"), []byte("[rules]\npolicydoc = true\nspawnlop = false\n"), 0o644)
	out, code = run(t, mod, bin, "./...")
	if code != 1 || !strings.Contains(out, `flowlint.toml:3: unknown rule "spawnlop"`) {
		t.Errorf("broken flowlint.toml: exit %d, want 1 with the file and line\n%s", code, out)
	}
	if strings.Contains(out, "panic") || strings.Count(out, "\n") != 1 {
		t.Errorf("a broken configuration should be one line of error:\n%s", out)
	}

	// A broken file below the current directory is reported per package,
	// still with its file and line.
	os.Remove(filepath.Join(mod, "flowlint.toml"))
	os.WriteFile(filepath.Join(mod, "leaky", "flowlint.toml"), []byte("strict = \"yes\"\n"), 0o644)
	out, code = run(t, mod, bin, "./...")
	if code != 1 || !strings.Contains(out, "flowlint.toml:1: incompatible types") {
		t.Errorf("broken nested flowlint.toml: exit %d, want 1 with the file and line\n%s", code, out)
	}
}

func TestGoVet(t *testing.T) {
	bin := build(t)
	mod := module(t)

	out, code := run(t, mod, "go", "vet", "-vettool="+bin, "./clean")
	if code != 0 {
		t.Errorf("go vet on the clean package: exit %d\n%s", code, out)
	}

	out, code = run(t, mod, "go", "vet", "-vettool="+bin, "./...")
	if code == 0 || !strings.Contains(out, "policydoc: channel of Event has no //flow:edge annotation") {
		t.Errorf("go vet on the leaky module: exit %d, want findings\n%s", code, out)
	}

	// A broken flowlint.toml fails every run, with its file and line; a
	// failure is never cached as a pass.
	os.WriteFile(filepath.Join(mod, "flowlint.toml"), []byte("bogus = 1\n"), 0o644)
	for i := 0; i < 2; i++ {
		out, code = run(t, mod, "go", "vet", "-vettool="+bin, "./...")
		if code == 0 || !strings.Contains(out, `flowlint.toml:1: unknown key "bogus"`) {
			t.Errorf("go vet run %d with a broken flowlint.toml: exit %d\n%s", i+1, code, out)
		}
	}

	// Switching the rule off in flowlint.toml must not be answered from
	// vet's cache of the previous run.
	os.WriteFile(filepath.Join(mod, "flowlint.toml"), []byte("[rules]\npolicydoc = false\n"), 0o644)
	out, code = run(t, mod, "go", "vet", "-vettool="+bin, "./...")
	if code != 0 || strings.Contains(out, "policydoc") {
		t.Errorf("after editing flowlint.toml, go vet replayed stale findings: exit %d\n%s", code, out)
	}
}

func TestVersionFollowsConfig(t *testing.T) {
	bin := build(t)
	mod := module(t)

	v1, code := run(t, mod, bin, "-V=full")
	if code != 0 || !strings.Contains(v1, "version devel") || !strings.Contains(v1, "buildID=") {
		t.Fatalf("-V=full: exit %d, %q", code, v1)
	}
	os.WriteFile(filepath.Join(mod, "flowlint.toml"), []byte("strict = true\n"), 0o644)
	v2, _ := run(t, mod, bin, "-V=full")
	if v1 == v2 {
		t.Error("-V=full did not change when flowlint.toml appeared")
	}
	v3, _ := run(t, mod, bin, "-V=full")
	if v2 != v3 {
		t.Error("-V=full is not stable for an unchanged configuration")
	}
}

// TestBurstSubcommand checks that "burst" reaches the simulator rather
// than the analyzer's package loader.
func TestBurstSubcommand(t *testing.T) {
	bin := build(t)
	ref, err := filepath.Abs(filepath.Join("..", "..", "examples", "burst", "reference.toml"))
	if err != nil {
		t.Fatal(err)
	}
	out, code := run(t, t.TempDir(), bin, "burst", ref)
	if code != 0 || !strings.Contains(out, "scenario reference (model)") {
		t.Errorf("flowlint burst: exit %d\n%s", code, out)
	}
}
