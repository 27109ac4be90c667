package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cgo rewrites every file that imports "C" and marks the rewrite
// generated. The code in it is the user's: its findings must be reported
// at the file as written, and no fix may be applied to the rewrite, which
// lives in the build cache.
func TestCgoFilesAreLinted(t *testing.T) {
	bin := build(t)
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not enabled")
	}
	if _, err := exec.LookPath("cc"); err != nil {
		t.Skip("no C compiler")
	}
	dir := t.TempDir()
	src := `package cgo

/*
static int add(int a, int b) { return a + b; }
*/
import "C"

func Add(a, b int) int { return int(C.add(C.int(a), C.int(b))) }

func Pump(in chan int) {
	for v := range in {
		go func() { _ = Add(v, 1) }()
	}
}
`
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/cgo\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.go"), []byte(src), 0o644)

	want := "a.go:12:3: spawnloop: go func() {...}() starts a goroutine per event"
	out, code := run(t, dir, bin, "./...")
	if code != 3 || !strings.Contains(out, want) {
		t.Errorf("standalone: exit %d, want 3 and %q\n%s", code, want, out)
	}
	out, code = run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if code == 0 || !strings.Contains(out, want) {
		t.Errorf("go vet: exit %d, want %q\n%s", code, want, out)
	}

	out, code = run(t, dir, bin, "-fix", "./...")
	if code != 0 && code != 3 || strings.Contains(out, "panic") {
		t.Errorf("-fix: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.go")); string(got) != src {
		t.Errorf("-fix changed a file cgo rewrites; want it left alone:\n%s", got)
	}
}
