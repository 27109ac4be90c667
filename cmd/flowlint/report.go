package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/internal/report"
)

// reportFlags are the flags that select the report mode. singlechecker
// prints diagnostics itself and hides the root analyzer's result, which a
// SARIF report needs for suppressed findings; so with any of these flags
// flowlint runs the analysis through the checker API and reports itself.
var reportFlags = []string{"sarif", "baseline", "baseline-write"}

// wantsReport reports whether args ask for the report mode.
func wantsReport(args []string) bool {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		for _, f := range reportFlags {
			if name == f {
				return true
			}
		}
	}
	return false
}

type reportConfig struct {
	sarif         bool
	baseline      string
	baselineWrite bool
	tests         bool
	patterns      []string
}

// parseReportArgs parses the report mode's flags alongside the root
// analyzer's, so -policydoc=false, -config and the rest work as usual.
// singleOnly are the driver flags of the plain mode that the report mode
// has no equivalent for.
var singleOnly = map[string]bool{"json": true, "fix": true, "diff": true, "c": true}

func parseReportArgs(args []string, stderr io.Writer) (*reportConfig, error) {
	cfg := &reportConfig{}
	fs := flag.NewFlagSet("flowlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&cfg.sarif, "sarif", false, "write findings as a SARIF 2.1.0 log to standard output")
	fs.StringVar(&cfg.baseline, "baseline", "", "fail only on findings not recorded in this "+
		"baseline file")
	fs.BoolVar(&cfg.baselineWrite, "baseline-write", false, "record the current findings in the "+
		"-baseline file instead of checking against it")
	fs.BoolVar(&cfg.tests, "test", true, "also analyze test packages")
	flowlint.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && singleOnly[name] {
			return nil, fmt.Errorf("-%s does not combine with -sarif or -baseline; run it on its own", name)
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if cfg.baselineWrite && cfg.baseline == "" {
		return nil, errors.New("-baseline-write needs -baseline=FILE to say where")
	}
	cfg.patterns = fs.Args()
	if len(cfg.patterns) == 0 {
		cfg.patterns = []string{"."}
	}
	return cfg, nil
}

// runReport is the report mode: load, analyze, then write SARIF, check
// against a baseline or record one. The exit status is 0 when nothing new
// was found, 3 when something was, 1 on errors.
func runReport(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseReportArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return fail(stderr, err)
	}
	var base *report.Baseline
	if cfg.baseline != "" && !cfg.baselineWrite {
		if base, err = report.ReadBaseline(cfg.baseline); err != nil {
			return fail(stderr, err)
		}
	}

	findings, pkgs, err := analyze(cfg, stderr)
	if err != nil {
		return fail(stderr, err)
	}

	if cfg.baselineWrite {
		b := report.NewBaseline(findings)
		if err := b.Write(cfg.baseline); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stderr, "flowlint: recorded %d findings in %s\n", len(b.Findings), cfg.baseline)
		return 0
	}

	standing := findings
	if base != nil {
		var stale []report.Entry
		standing, stale = base.Compare(findings, scope(pkgs))
		for _, e := range stale {
			fmt.Fprintf(stderr, "flowlint: %s\n", e)
		}
	} else {
		standing = unsuppressed(findings)
	}

	if cfg.sarif {
		opts := report.SARIFOptions{Root: mainModuleDir(pkgs), Baseline: base}
		if err := report.WriteSARIF(stdout, findings, flowlint.Catalog(), opts); err != nil {
			return fail(stderr, err)
		}
	} else {
		for _, f := range standing {
			fmt.Fprintln(stderr, f)
		}
	}
	if len(standing) > 0 {
		return 3
	}
	return 0
}

// analyze loads the packages and runs the root analyzer over them. A
// package that fails to load or an analysis error (a broken flowlint.toml)
// is an error, as it is for singlechecker.
func analyze(cfg *reportConfig, stderr io.Writer) ([]*report.Finding, []*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadSyntax | packages.NeedModule,
		Tests: cfg.tests,
	}, cfg.patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(cfg.patterns, " "))
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		return nil, nil, errors.New("packages did not load; fix the errors above")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{flowlint.Analyzer}, pkgs, nil)
	if err != nil {
		return nil, nil, err
	}
	findings, errs := report.Collect(graph)
	if len(errs) > 0 {
		for _, e := range errs[1:] {
			fmt.Fprintf(stderr, "flowlint: %v\n", e)
		}
		return nil, nil, errs[0]
	}
	return findings, pkgs, nil
}

// scope says which baseline entries a run over pkgs speaks for: those in
// the directories of the packages analyzed, and those whose file is gone.
// A pre-commit hook that lints two packages must not call the rest of the
// baseline stale.
func scope(pkgs []*packages.Package) func(report.Entry) bool {
	dirs := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.GoFiles {
			if p.Module != nil {
				if rel, err := filepath.Rel(p.Module.Dir, filepath.Dir(f)); err == nil {
					dirs[filepath.ToSlash(rel)] = true
				}
			}
		}
	}
	root := mainModuleDir(pkgs)
	return func(e report.Entry) bool {
		if dirs[path.Dir(e.File)] {
			return true
		}
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(e.File)))
		return errors.Is(err, fs.ErrNotExist)
	}
}

func mainModuleDir(pkgs []*packages.Package) string {
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main {
			return p.Module.Dir
		}
	}
	dir, _ := os.Getwd()
	return dir
}

func unsuppressed(list []*report.Finding) []*report.Finding {
	var out []*report.Finding
	for _, f := range list {
		if f.Suppression == nil {
			out = append(out, f)
		}
	}
	return out
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "flowlint: %v\n", err)
	return 1
}
