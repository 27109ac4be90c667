package config

import (
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// CommandFlags are the flags of the flowlint command and of its root
// analyzer. They are process-wide, as analyzer flags are in every driver;
// tests configure packages with a flowlint.toml in testdata instead.
var CommandFlags = NewFlags()

// Analyzer resolves the configuration for each package and hands it to the
// rules as its result. It reports nothing and never fails: a configuration
// error travels in Config.Err for the root analyzer to report, because
// drivers print only the root's errors and would otherwise say no more than
// "failed prerequisites".
var Analyzer = &analysis.Analyzer{
	Name:       "flowlintconfig",
	Doc:        "resolve flowlint's configuration for a package",
	URL:        "https://github.com/flowlint/flowlint/blob/main/docs/configuration.md",
	Run:        run,
	ResultType: reflect.TypeFor[*Config](),
}

func run(pass *analysis.Pass) (any, error) {
	cfg, err := CommandFlags.ResolveWith(packageDir(pass), settings.Load())
	if err != nil {
		cfg = Default()
		cfg.Err = err
	}
	return cfg, nil
}

// packageDir is the directory of the package's first source file that is
// not generated into the build cache (cgo output lives there).
func packageDir(pass *analysis.Pass) string {
	var fallback string
	for _, f := range pass.Files {
		name := pass.Fset.File(f.Pos()).Name()
		if !filepath.IsAbs(name) {
			continue
		}
		if strings.HasSuffix(name, ".go") && !strings.Contains(name, string(filepath.Separator)+"go-build") {
			return filepath.Dir(name)
		}
		if fallback == "" {
			fallback = filepath.Dir(name)
		}
	}
	return fallback
}
