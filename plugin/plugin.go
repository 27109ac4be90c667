// Package plugin makes flowlint a golangci-lint v2 module plugin. A custom
// golangci-lint built with `golangci-lint custom` from a .custom-gcl.yml
// that imports this package runs flowlint's root analyzer as the linter
// "flowlint"; its settings in .golangci.yml are flowlint.toml's keys.
//
// See docs/ci.md for the two configuration files.
package plugin

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/config"
)

func init() {
	register.Plugin("flowlint", New)
}

// New is golangci-lint's constructor for the linter. It checks the
// settings at once, so a misspelt key stops golangci-lint before any
// package is loaded rather than failing every package.
func New(settings any) (register.LinterPlugin, error) {
	f, err := config.FromSettings(settings)
	if err != nil {
		return nil, err
	}
	return &linter{settings: f}, nil
}

type linter struct {
	settings *config.File // nil when .golangci.yml gives none
}

// BuildAnalyzers hands the settings to the configuration analyzer through
// its hook and returns the root analyzer, which applies suppressions and
// reports every rule's findings under the rule's category.
func (l *linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	config.UseSettings(l.settings)
	return []*analysis.Analyzer{flowlint.Analyzer}, nil
}

// GetLoadMode asks for type information: the rules resolve channel types
// and the functions that send on them.
func (l *linter) GetLoadMode() string { return register.LoadModeTypesInfo }
