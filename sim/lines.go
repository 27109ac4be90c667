package sim

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// keyLine finds the line that sets a top-level or [table] key, for error
// messages, or the line of its table when the key itself is not written
// (a missing key). It follows plain tables and dotted keys, the way a
// scenario is written, and returns 0 when it cannot tell.
func keyLine(data []byte, key toml.Key) int {
	want := strings.Join(key, ".")
	table, best := "", 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if header, ok := tableHeader(line); ok {
			table = header
			if strings.HasPrefix(want, table+".") && best == 0 {
				best = i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok || line[0] == '#' {
			continue
		}
		full := unquote(k)
		if table != "" {
			full = table + "." + full
		}
		if full == want {
			return i + 1
		}
	}
	return best
}

// stageLine finds the line of key in the index-th [[stage]] table, or of
// the table's header when key is empty or not written there.
func stageLine(data []byte, index int, key string) int {
	n, header := -1, 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if name, ok := tableHeader(line); ok {
			if n == index {
				break // past the stage without finding the key
			}
			if name == "stage" && strings.HasPrefix(line, "[[") {
				n++
				if n == index {
					header = i + 1
				}
			}
			continue
		}
		if n != index || key == "" {
			continue
		}
		if k, _, ok := strings.Cut(line, "="); ok && line[0] != '#' && unquote(k) == key {
			return i + 1
		}
	}
	return header
}

func tableHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[") {
		return "", false
	}
	name, _, _ := strings.Cut(strings.Trim(line, "[ "), "]")
	return unquote(name), true
}

func unquote(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
