package config

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Fingerprint hashes every flowlint.toml that can govern packages analyzed
// from dir: those on the way up to the module root and those below it. go vet
// caches a tool's findings under the tool's version answer; folding this in
// makes an edited flowlint.toml invalidate the cache instead of replaying
// stale findings.
func Fingerprint(dir string) []byte {
	h := sha256.New()
	add := func(path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			return
		}
		h.Write([]byte(path))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
	}

	root := dir
	for d := dir; ; {
		add(filepath.Join(d, FileName))
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			root = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}

	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == FileName && filepath.Dir(path) != root {
			add(path)
		}
		return nil
	})
	return h.Sum(nil)
}
