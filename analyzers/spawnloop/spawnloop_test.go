package spawnloop_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/analyzers/spawnloop"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSpawnloop(t *testing.T) {
	analysistest.Run(t, testdata(t), finding.Standalone(spawnloop.Analyzer), "spawnloop/...")
}

// fixPackages hold the cases of the suggested fixes, each with a golden
// file of the fixed code.
var fixPackages = []string{"spawnloop/fixsem", "spawnloop/fixgroup"}

// TestSuggestedFixes checks the semaphore and SetLimit rewrites.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), finding.Standalone(spawnloop.Analyzer),
		fixPackages...)
}

// want matches an expectation comment, with the "//" before it.
var want = regexp.MustCompile(`\s*// want .*$`)

// TestFixedCodeIsBounded runs every flowlint rule on the golden files:
// every start a fix rewrote must now count as bounded, the channels and
// constants a fix adds must raise nothing new, and only the near misses,
// marked "no fix", may still be reported.
func TestFixedCodeIsBounded(t *testing.T) {
	src := testdata(t)
	dir := t.TempDir()
	copyTree(t, filepath.Join(src, "src", "golang.org", "x", "sync"),
		filepath.Join(dir, "src", "golang.org", "x", "sync"))
	for _, pkg := range fixPackages {
		goldens, err := filepath.Glob(filepath.Join(src, "src", pkg, "*.go.golden"))
		if err != nil || len(goldens) == 0 {
			t.Fatalf("no golden files for %s (%v)", pkg, err)
		}
		for _, g := range goldens {
			data, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			for i, line := range lines {
				if !strings.Contains(line, "// no fix") {
					lines[i] = want.ReplaceAllString(line, "")
				}
			}
			out := filepath.Join(dir, "src", pkg, filepath.Base(g[:len(g)-len(".golden")]))
			os.MkdirAll(filepath.Dir(out), 0o755)
			if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	analysistest.Run(t, dir, flowlint.Analyzer, fixPackages...)
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
