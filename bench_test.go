package flowlint_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/analyzers/finding"
	"github.com/flowlint/flowlint/internal/benchtools/corpus"
)

// The benchmarks run the analyzers on packages loaded once, so they time
// the analysis alone, not loading and type-checking: a regression in a rule
// shows here long before it shows in a whole run. scripts/bench.sh measures
// whole runs against the floor.

// BenchmarkTestdata runs the suite, and each rule alone, on the rules'
// test packages: dense with the shapes the rules look at.
func BenchmarkTestdata(b *testing.B) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		b.Fatal(err)
	}
	pkgs := load(b, &packages.Config{
		Dir: filepath.Join(dir, "src"),
		Env: append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}, "policydoc/...", "spawnloop", "unbounded/...", "firelog/...", "spawn")
	benchAnalyzers(b, pkgs)
}

// BenchmarkCorpus runs the suite, and each rule alone, on a generated
// corpus of streaming code mixed with plain code, as a module has it.
func BenchmarkCorpus(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 2); err != nil {
		b.Fatal(err)
	}
	pkgs := load(b, &packages.Config{Dir: dir, Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")}, "./...")
	benchAnalyzers(b, pkgs)
}

// BenchmarkDir runs the suite on the packages of any module, loaded once:
// FLOWLINT_BENCH_DIR names its directory and FLOWLINT_BENCH_PATTERN the
// packages (./... by default). It is skipped when the directory is not set.
//
//	FLOWLINT_BENCH_DIR=$(go env GOROOT)/src go test -run '^$' -bench Dir
func BenchmarkDir(b *testing.B) {
	dir := os.Getenv("FLOWLINT_BENCH_DIR")
	if dir == "" {
		b.Skip("FLOWLINT_BENCH_DIR is not set")
	}
	pattern := os.Getenv("FLOWLINT_BENCH_PATTERN")
	if pattern == "" {
		pattern = "./..."
	}
	pkgs := load(b, &packages.Config{Dir: dir, Env: append(os.Environ(), "GOWORK=off")}, pattern)
	b.Run("all", func(b *testing.B) { benchAnalyze(b, flowlint.Analyzer, pkgs) })
}

func benchAnalyzers(b *testing.B, pkgs []*packages.Package) {
	b.Run("all", func(b *testing.B) { benchAnalyze(b, flowlint.Analyzer, pkgs) })
	names := make([]string, 0, len(flowlint.Rules))
	for name := range flowlint.Rules {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rule := finding.Standalone(flowlint.Rules[name])
		b.Run(name, func(b *testing.B) { benchAnalyze(b, rule, pkgs) })
	}
}

func benchAnalyze(b *testing.B, a *analysis.Analyzer, pkgs []*packages.Package) {
	b.ReportAllocs()
	opts := &checker.Options{Sequential: true}
	for b.Loop() {
		if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func load(b *testing.B, cfg *packages.Config, patterns ...string) []*packages.Package {
	b.Helper()
	cfg.Mode = packages.LoadSyntax
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("packages failed to load")
	}
	return pkgs
}
