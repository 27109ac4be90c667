package edgegraph_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/flowlint/flowlint/analyzers/edgegraph"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// root is the module root: Load works from there, in module mode, so the
// testdata packages can import the real runtime.
const root = "../.."

func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go tool")
	}
	for _, pkg := range []string{"chain", "broken"} {
		dir := filepath.Join("testdata", "src", "edgegraph", pkg)
		g, err := edgegraph.Load(root, "./"+filepath.ToSlash(dir))
		if err != nil {
			t.Fatal(err)
		}
		formats := map[string]func(*edgegraph.Graph, *bytes.Buffer) error{
			"dot":     func(g *edgegraph.Graph, b *bytes.Buffer) error { return g.WriteDOT(b) },
			"mermaid": func(g *edgegraph.Graph, b *bytes.Buffer) error { return g.WriteMermaid(b) },
		}
		for ext, write := range formats {
			var got bytes.Buffer
			if err := write(g, &got); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(root, dir, pkg+"."+ext+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s as %s differs from %s (go test -update rewrites it):\n%s",
					pkg, ext, golden, got.String())
			}
		}
	}
}

// TestExamplePipeline checks the example's graph is the chain its
// documentation describes: generate → normalize → classify → correlate →
// emit, each edge with its spec.
func TestExamplePipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go tool")
	}
	g, err := edgegraph.Load(root, "./examples/pipeline")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Packages) != 1 {
		t.Fatalf("got %d packages, want 1", len(g.Packages))
	}
	type hop struct{ edge, from, to, policy string }
	var got []hop
	for _, e := range g.Packages[0].Edges {
		if len(e.From) != 1 || len(e.To) != 1 {
			t.Errorf("edge %s: senders %v, receivers %v; want one of each", e.Name, e.From, e.To)
			continue
		}
		if len(e.Problems) > 0 {
			t.Errorf("edge %s breaks the chain: %v", e.Name, e.Problems)
		}
		got = append(got, hop{e.Name, e.From[0].Name, e.To[0].Name, e.Policy})
	}
	want := []hop{
		{"serve-result", "serve.func1", "serve", "backpressure"},
		{"raw", "pipeline.generate", "pipeline.normalize", "timed"},
		{"normalized", "pipeline.normalize", "pipeline.classify", "backpressure"},
		{"events", "pipeline.classify", "pipeline.correlate", "shed"},
		{"alerts", "pipeline.correlate", "pipeline.emit", "backpressure"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("example pipeline edges:\n got %v\nwant %v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go tool")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module scratch\n\ngo 1.26\n")
	if _, err := edgegraph.Load(dir, "./..."); err == nil {
		t.Error("no packages: no error")
	}
	write("bad.go", "package bad\n\nfunc f() { x := 1 }\n")
	_, err := edgegraph.Load(dir, "./...")
	if err == nil || bytes.ContainsRune([]byte(err.Error()), '\n') {
		t.Errorf("package that does not type-check: err = %v, want one line", err)
	}
}
