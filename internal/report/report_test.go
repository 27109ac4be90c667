package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/internal/report"
)

// copyModule copies the ratchet testdata module into a directory the test
// may edit, and returns it.
func copyModule(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"go.mod", "ingest/ingest.go"} {
		data, err := os.ReadFile(filepath.Join("testdata", "ratchet", name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dst, name), string(data))
	}
	return dst
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// analyze runs the root analyzer over the module in dir, as the command's
// report mode does.
func analyze(t *testing.T, dir string) []*report.Finding {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadSyntax | packages.NeedModule,
		Dir:  dir,
	}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("testdata module does not load")
	}
	g, err := checker.Analyze([]*analysis.Analyzer{flowlint.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, errs := report.Collect(g)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return list
}

func TestCollect(t *testing.T) {
	list := analyze(t, copyModule(t))
	var got []string
	for _, f := range list {
		line := f.Path() + " " + f.Func
		if f.Suppression != nil {
			line += " silenced(" + f.Suppression.Reason + ")"
		}
		got = append(got, line)
	}
	want := []string{
		"ingest/ingest.go var queue",
		"ingest/ingest.go New",
		"ingest/ingest.go Offer",
		"ingest/ingest.go Legacy silenced(drained by the test harness only)",
		"ingest/ingest.go Wide",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range list {
		if (f.Fingerprint == "") != (f.Suppression != nil) {
			t.Errorf("%s: a standing finding needs a fingerprint, a silenced one none", f)
		}
	}
}

// sarifLog is the part of a SARIF log the assertions read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID               string
					HelpURI          string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
				}
			}
		}
		Results []struct {
			RuleID    string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			Fixes []struct {
				ArtifactChanges []struct {
					Replacements []struct {
						DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
						InsertedContent struct{ Text string }
					}
				}
			}
			Suppressions  []struct{ Kind, Justification string }
			BaselineState string
		}
	}
}

func writeSARIF(t *testing.T, list []*report.Finding, opts report.SARIFOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, list, flowlint.Catalog(), opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSARIFSchema validates a report against the SARIF 2.1.0 schema as
// published by OASIS (errata 01), vendored in testdata.
func TestSARIFSchema(t *testing.T) {
	dir := copyModule(t)
	list := analyze(t, dir)
	base := report.NewBaseline(list[:1])
	out := writeSARIF(t, list, report.SARIFOptions{Root: dir, Baseline: base})

	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("the report does not follow the SARIF 2.1.0 schema: %v\n%s", err, out)
	}
	// A validator that accepts anything proves nothing: a level SARIF does
	// not define must be rejected.
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader(
		bytes.Replace(out, []byte(`"level": "warning"`), []byte(`"level": "loud"`), 1)))
	if sch.Validate(bad) == nil {
		t.Fatal("the schema accepted a result with level \"loud\"")
	}

	// The schema accepts far less than flowlint promises; check the rest.
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := map[string]string{}
	for _, r := range run.Tool.Driver.Rules {
		rules[r.ID] = r.HelpURI
		short, full := r.ShortDescription.Text, r.FullDescription.Text
		if short == "" || !strings.HasPrefix(full, short) {
			t.Errorf("rule %s: descriptions %q / %q", r.ID, short, full)
		}
	}
	for _, name := range []string{"policydoc", "suppress"} {
		if !strings.HasSuffix(rules[name], "/docs/rules/"+name+".md") {
			t.Errorf("rule %s: helpUri %q", name, rules[name])
		}
	}
	if len(run.Results) != len(list) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(list))
	}

	first := run.Results[0]
	loc := first.Locations[0].PhysicalLocation
	if a := loc.ArtifactLocation; a.URI != "ingest/ingest.go" || a.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact = %+v, want a path relative to %%SRCROOT%%", loc.ArtifactLocation)
	}
	if r := loc.Region; r.StartLine != 8 || r.StartColumn != 13 || r.EndLine != 8 ||
		r.EndColumn != 33 {
		t.Errorf("region of the make = %+v, want 8:13-8:33", r)
	}
	if first.BaselineState != "unchanged" || run.Results[1].BaselineState != "new" {
		t.Errorf("baseline states %q, %q; want unchanged, new", first.BaselineState,
			run.Results[1].BaselineState)
	}

	fix := run.Results[1].Fixes
	if len(fix) != 1 || fix[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "1500" {
		t.Errorf("capacity finding should carry the fix to 1500: %+v", fix)
	} else if d := fix[0].ArtifactChanges[0].Replacements[0].DeletedRegion; d.StartLine != 16 ||
		d.StartColumn != 37 || d.EndColumn != 41 {
		t.Errorf("the fix should replace 1000 at 16:37-16:41, not %+v", d)
	}

	silenced := run.Results[3]
	if len(silenced.Suppressions) != 1 || silenced.Suppressions[0].Kind != "inSource" ||
		silenced.Suppressions[0].Justification != "drained by the test harness only" {
		t.Errorf("silenced finding: suppressions %+v", silenced.Suppressions)
	}
	if silenced.BaselineState != "" {
		t.Errorf("a silenced finding has no baseline state, got %q", silenced.BaselineState)
	}

	// Three two-byte é precede the make on its line: SARIF counts UTF-16
	// units, one each, where go/token counts bytes.
	if c := run.Results[4].Locations[0].PhysicalLocation.Region.StartColumn; c != 45 {
		t.Errorf("column after non-ASCII text = %d, want 45", c)
	}
}

func TestSARIFNoFindings(t *testing.T) {
	out := writeSARIF(t, nil, report.SARIFOptions{})
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log["runs"].([]any)[0].(map[string]any)
	if res, ok := run["results"].([]any); !ok || len(res) != 0 {
		t.Errorf("a clean run should say results: [], not %v", run["results"])
	}
}
