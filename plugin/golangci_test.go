package plugin_test

import (
	"os"
	"os/exec"
	"testing"
)

// TestGolangciLintBuild builds a custom golangci-lint with this plugin and
// checks it against flowlint. It takes minutes and fetches golangci-lint's
// dependencies, so it runs only when FLOWLINT_GOLANGCI=1.
func TestGolangciLintBuild(t *testing.T) {
	if os.Getenv("FLOWLINT_GOLANGCI") != "1" {
		t.Skip("set FLOWLINT_GOLANGCI=1 to build golangci-lint with the plugin")
	}
	cmd := exec.Command("../scripts/golangci-plugin-test.sh")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
}
