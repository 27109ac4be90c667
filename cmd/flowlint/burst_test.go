package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// scenario writes a short burst through one slow operator: with a priority
// sink in front of it no High item is lost; with a plain shed edge some are.
func scenario(t *testing.T, priority bool) string {
	t.Helper()
	text := `name = "cli"
duration = "20s"
[load]
rate = 200
high_share = 0.1
[burst]
start = "5s"
duration = "10s"
multiplier = 10
[slo]
high_p99 = "200ms"
[[stage]]
operator = "correlate"
rate = 600
edge = "name=events policy=shed burst=600/s*1s*1"
priority = PRIORITY
`
	text = strings.Replace(text, "PRIORITY", strconv.FormatBool(priority), 1)
	path := filepath.Join(t.TempDir(), "cli.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBurstReportsAndCharts(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "chart.svg")
	var out, errs bytes.Buffer
	// Flags after the scenario are read too.
	code := runBurst([]string{scenario(t, true), "-svg", svg}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d, want 0 (SLO met, no High drops)\n%s%s", code, out.String(), errs.String())
	}
	for _, want := range []string{
		"scenario cli (model): 20s simulated, burst 10x from 5s for 10s",
		"events", "shed, priority", "SLO p99 200ms met", "each delivered once, in order",
		"every item accounted for", "catch-up: edges back to their pre-burst peak",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if errs.Len() != 0 {
		t.Errorf("stderr is not a terminal, yet got progress %q", errs.String())
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, data)
}

// checkSVG parses the chart as XML and looks for what a reader needs:
// the axes' titles, the burst window and a line per edge.
func checkSVG(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	lines := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "polyline" {
			lines++
		}
	}
	for _, want := range []string{"simulated time", "% of capacity", "burst: 10x for 10s",
		"events (correlate)"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if lines != 1 {
		t.Errorf("chart has %d lines, want one per edge (1)", lines)
	}
}

func TestBurstExitCodes(t *testing.T) {
	var out, errs bytes.Buffer
	if code := runBurst([]string{scenario(t, false)}, &out, &errs); code != 3 {
		t.Errorf("uniform shed: exit %d, want 3 (High items dropped)\n%s", code, out.String())
	}

	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("duration = \"soon\"\n"), 0o644)
	errs.Reset()
	if code := runBurst([]string{bad}, io.Discard, &errs); code != 1 ||
		!strings.Contains(errs.String(), "bad.toml:1: duration: \"soon\" is not a Go duration") {
		t.Errorf("bad scenario: exit %d, stderr %q", code, errs.String())
	}

	errs.Reset()
	code := runBurst(nil, io.Discard, &errs)
	if code != 1 || !strings.Contains(errs.String(), "usage") {
		t.Errorf("no scenario: exit %d, stderr %q", code, errs.String())
	}

	errs.Reset()
	code = runBurst([]string{"-progress", scenario(t, true)}, io.Discard, &errs)
	if code != 0 || !strings.Contains(errs.String(), "simulated") {
		t.Errorf("-progress: exit %d, stderr %q", code, errs.String())
	}
}
