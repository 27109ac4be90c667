package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The CI recipes of docs/ci.md live in examples/ci. These tests run the
// ones that can run offline against the pipeline testdata module, with the
// freshly built flowlint first on PATH.

const recipes = "../../examples/ci"

// onPath makes the built flowlint the one the recipes find, and returns
// the environment to run them in.
func onPath(t *testing.T, bin string) []string {
	t.Helper()
	path := filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
	return append(os.Environ(), "PATH="+path)
}

func runEnv(t *testing.T, env []string, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out), 0
}

func copyRecipe(t *testing.T, name, dst string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(recipes, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestMakefileRecipe(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	bin := build(t)
	env := onPath(t, bin)
	mod := module(t)
	copyRecipe(t, "Makefile", filepath.Join(mod, "Makefile"))

	out, code := runEnv(t, env, mod, "make", "lint")
	if code == 0 || !strings.Contains(out, "policydoc: channel of Event has no //flow:edge") {
		t.Errorf("make lint without a baseline: exit %d, want a failure with the findings\n%s",
			code, out)
	}
	if out, code := runEnv(t, env, mod, "make", "lint-baseline"); code != 0 {
		t.Fatalf("make lint-baseline: exit %d\n%s", code, out)
	}
	if out, code := runEnv(t, env, mod, "make", "lint"); code != 0 {
		t.Errorf("make lint with every finding baselined: exit %d\n%s", code, out)
	}

	if out, code := runEnv(t, env, mod, "make", "lint-sarif"); code != 0 {
		t.Errorf("make lint-sarif: exit %d, want 0 although there are findings\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(mod, "flowlint.sarif"))
	var log struct{ Version string }
	if err != nil || json.Unmarshal(data, &log) != nil || log.Version != "2.1.0" {
		t.Errorf("make lint-sarif did not write a SARIF log: %v\n%s", err, data)
	}

	out, code = runEnv(t, env, mod, "make", "lint-vet")
	if code == 0 || !strings.Contains(out, "policydoc:") {
		t.Errorf("make lint-vet: exit %d, want go vet to report the findings\n%s", code, out)
	}
}

func TestPreCommitHookRecipe(t *testing.T) {
	bin := build(t)
	env := onPath(t, bin)
	mod := module(t)
	hook := filepath.Join(t.TempDir(), "pre-commit")
	copyRecipe(t, "pre-commit", hook)
	git := func(args ...string) {
		t.Helper()
		if out, code := runEnv(t, env, mod, "git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	git("init", "-q")

	if out, code := runEnv(t, env, mod, hook); code != 0 {
		t.Errorf("nothing staged: exit %d\n%s", code, out)
	}
	git("add", "clean/clean.go")
	if out, code := runEnv(t, env, mod, hook); code != 0 {
		t.Errorf("only the clean package staged: exit %d\n%s", code, out)
	}
	git("add", "leaky/leaky.go")
	out, code := runEnv(t, env, mod, hook)
	if code != 1 || !strings.Contains(out, "leaky.go:7:13: policydoc") ||
		!strings.Contains(out, "commit blocked") {
		t.Errorf("leaky package staged: exit %d, want 1 with the findings\n%s", code, out)
	}

	runEnv(t, env, mod, bin, "-baseline=flowlint.baseline.json", "-baseline-write", "./...")
	if out, code := runEnv(t, env, mod, hook); code != 0 {
		t.Errorf("findings baselined: exit %d\n%s", code, out)
	}
}

// TestCIRecipeCommands runs the flowlint commands of the GitHub Actions and
// GitLab CI recipes as written, in a module whose findings are baselined:
// each must succeed. Installing flowlint needs the network and is skipped;
// the built binary stands in.
func TestCIRecipeCommands(t *testing.T) {
	bin := build(t)
	env := onPath(t, bin)
	mod := module(t)
	runEnv(t, env, mod, bin, "-baseline=flowlint.baseline.json", "-baseline-write", "./...")

	for _, file := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		data, err := os.ReadFile(filepath.Join(recipes, file))
		if err != nil {
			t.Fatal(err)
		}
		var commands []string
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			line = strings.TrimPrefix(strings.TrimPrefix(line, "- run: "), "- ")
			if strings.HasPrefix(line, "flowlint ") {
				commands = append(commands, line)
			}
		}
		if len(commands) < 2 {
			t.Fatalf("%s: found only %q", file, commands)
		}
		for _, c := range commands {
			if out, code := runEnv(t, env, mod, "sh", "-c", c); code != 0 {
				t.Errorf("%s: %s: exit %d\n%s", file, c, code, out)
			}
		}
	}
}

// TestCIDocShowsRecipes keeps docs/ci.md and the files the tests run in
// step: each recipe appears in the page verbatim.
func TestCIDocShowsRecipes(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(recipes, "*"))
	files = append(files,
		"../../docs/golangci/.golangci.yml", "../../docs/golangci/.custom-gcl.yml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), string(data)) {
			t.Errorf("docs/ci.md does not show %s as it is", f)
		}
	}
}
