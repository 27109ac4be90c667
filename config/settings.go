package config

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/BurntSushi/toml"
)

// SettingsSource names settings that came from a driver rather than a file,
// in errors and in Config.Source.
const SettingsSource = "flowlint settings"

// FromSettings reads settings handed over as data rather than a file (as
// golangci-lint gives a plugin the map under its settings key). The keys
// are flowlint.toml's, and they meet the same parser: the settings are
// written out as TOML and parsed, so an unknown key, an unknown rule or a
// value of the wrong type is the same error it would be in the file. nil
// settings yield a nil File.
func FromSettings(settings any) (*File, error) {
	if settings == nil {
		return nil, nil
	}
	if _, ok := settings.(map[string]any); !ok {
		return nil, fmt.Errorf("%s: want a table of flowlint.toml keys, not %T",
			SettingsSource, settings)
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(settings); err != nil {
		return nil, fmt.Errorf("%s: %v", SettingsSource, err)
	}
	f, err := Parse(SettingsSource, buf.Bytes())
	var ferr *Error
	if errors.As(err, &ferr) {
		// The line is one of the TOML just written, which the user never
		// saw; the key named in the message is what leads them back.
		return nil, &Error{Path: ferr.Path, Msg: ferr.Msg}
	}
	return f, err
}

// settings is the configuration a driver supplied with UseSettings.
var settings atomic.Pointer[File]

// UseSettings is the hook for drivers that carry flowlint's settings
// themselves instead of leaving them to a flowlint.toml: golangci-lint's
// plugin calls it with the settings from .golangci.yml. Once set, f takes
// the place of the flowlint.toml each package would find; a -config flag
// still names a file to use instead, and flags still win over both. nil
// restores the search for flowlint.toml.
func UseSettings(f *File) { settings.Store(f) }
