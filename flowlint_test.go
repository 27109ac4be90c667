package flowlint_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/config"
)

func TestSuppression(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, flowlint.Analyzer, "suppress/lines", "suppress/file", "suppress/disabled", "suppress/generated", "overlap")
}

func TestAnalyzers(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{flowlint.Analyzer}); err != nil {
		t.Fatal(err)
	}
	for _, name := range config.Rules {
		a, ok := flowlint.Rules[name]
		if !ok {
			continue
		}
		if a.Name != name {
			t.Errorf("rule %q is registered as analyzer %q", name, a.Name)
		}
		if !strings.HasSuffix(a.URL, "/docs/rules/"+name+".md") {
			t.Errorf("%s: URL %q does not point at its rule page", name, a.URL)
		}
		summary, _, _ := strings.Cut(a.Doc, "\n")
		if summary == "" || len(summary) > 60 || strings.HasSuffix(summary, ".") || strings.ToLower(summary[:1]) != summary[:1] {
			t.Errorf("%s: Doc summary %q should be lowercase, short and without a period", name, summary)
		}
		if a.Flags.Lookup(name) != nil {
			t.Errorf("%s: rule flags belong to the root analyzer", name)
		}
		if flowlint.Analyzer.Flags.Lookup(name) == nil {
			t.Errorf("the root analyzer has no -%s flag to switch the rule off", name)
		}
	}
}

// TestSuppressedResult checks that the root analyzer hands over what it
// silenced, with the comment's kind and reason, for reports that show
// suppressions instead of dropping them.
func TestSuppressedResult(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(t, dir, flowlint.Analyzer, "suppress/lines")
	res := results[0].Result.(*flowlint.Result)
	reasons := map[string]string{}
	for _, s := range res.Suppressed {
		if s.Category != "policydoc" || s.URL == "" {
			t.Errorf("suppressed finding %q lost its category or URL", s.Message)
		}
		reasons[s.Reason] = s.Kind
	}
	for reason, kind := range map[string]string{
		"drained by the test harness only":                  "ignore",
		"sized by the caller's batch, documented in README": "ignore",
		"owned by the vendor adapter":                       "nolint",
		"":                                                  "nolint",
	} {
		if reasons[reason] != kind {
			t.Errorf("no %s suppression with reason %q among %v", kind, reason, reasons)
		}
	}
}
