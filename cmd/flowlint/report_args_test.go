package main

import (
	"strings"
	"testing"
)

func TestReportRefusesPlainModeFlags(t *testing.T) {
	for _, flagText := range []string{"-json", "-fix", "-diff", "-c=2"} {
		var stderr strings.Builder
		_, err := parseReportArgs([]string{"-sarif", flagText, "./..."}, &stderr)
		if err == nil || !strings.Contains(err.Error(), "does not combine with -sarif or -baseline") {
			t.Errorf("%s with -sarif: err = %v", flagText, err)
		}
		if stderr.Len() != 0 {
			t.Errorf("%s with -sarif printed the usage:\n%s", flagText, stderr.String())
		}
	}
}
