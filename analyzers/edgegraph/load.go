package edgegraph

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Load analyzes the packages the patterns match, from dir (the current
// directory when empty), and merges their chains into one graph. Test
// files are left out: test code is not a pipeline.
func Load(dir string, patterns ...string) (*Graph, error) {
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %v", strings.Join(patterns, " "), err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, loadError(p)
		}
	}
	res, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var out []*Package
	var errs []error
	for _, act := range res.Roots {
		if act.Err != nil {
			errs = append(errs, act.Err)
			continue
		}
		out = append(out, act.Result.(*Package))
	}
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return NewGraph(out), nil
}

// loadError says why a package could not be drawn, in one line: a pattern
// that matches nothing, a file that does not parse, a type error.
func loadError(p *packages.Package) error {
	e := p.Errors[0]
	where := p.PkgPath
	if where == "" {
		where = p.ID
	}
	switch e.Kind {
	case packages.TypeError, packages.ParseError:
		return fmt.Errorf("package %s does not type-check: %s", where, e.Error())
	}
	return fmt.Errorf("%s: %s", where, oneLine(e.Msg))
}

// oneLine joins the lines of a go list message, less its "# package"
// header, so that every error is a single line.
func oneLine(msg string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(msg), "\n") {
		if !strings.HasPrefix(l, "# ") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return strings.Join(lines, "; ")
}
