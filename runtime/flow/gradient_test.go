package flow

import (
	"context"
	"strings"
	"testing"
)

func TestGradientNamesTheBottleneck(t *testing.T) {
	chain := []Hop{{To: "parse"}, {To: "enrich"}, {To: "store"}}
	for _, tc := range []struct {
		name    string
		samples [][]float64
		want    string // "" for no bottleneck
	}{
		{
			name:    "all flowing",
			samples: [][]float64{{0.1, 0.2, 0}, {0.3, 0.1, 0.1}, {0, 0, 0.2}, {0.2, 0.1, 0}},
		},
		{
			name:    "enrich is slow: the edges up to it fill, the rest drain",
			samples: [][]float64{{1, 0.95, 0}, {1, 1, 0.1}, {0.97, 1, 0}, {1, 0.92, 0}},
			want:    "enrich",
		},
		{
			name:    "the rightmost full edge wins over a full upstream",
			samples: [][]float64{{1, 0, 1}, {1, 0.1, 1}, {1, 0, 0.99}, {1, 0.2, 1}},
			want:    "store",
		},
		{
			name:    "one full sample in four is a burst, not a bottleneck",
			samples: [][]float64{{0.1, 1, 0}, {0.1, 0.2, 0}, {0.2, 0.1, 0}, {0, 0.3, 0}},
		},
		{
			name:    "three full samples in four fall short of 0.8 persistence",
			samples: [][]float64{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0.5, 0, 0}},
		},
		{
			name:    "a window not yet full names nothing",
			samples: [][]float64{{1, 1, 1}},
		},
		{
			name: "old samples roll out of the window",
			samples: [][]float64{{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1},
				{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}},
			want: "parse",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := NewGradient(4, chain...)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.samples {
				if err := g.Record(s...); err != nil {
					t.Fatal(err)
				}
			}
			got, ok := g.Bottleneck()
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("Bottleneck() = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestGradientSamplesLiveEdges(t *testing.T) {
	a := mustEdge[int](t, "name=a policy=backpressure burst=4/s*1s*1")
	b := mustEdge[int](t, "name=b policy=backpressure burst=4/s*1s*1")
	g, err := NewGradient(2, Hop{a, "middle"}, Hop{b, "last"})
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		a.Send(context.Background(), 1)
	}
	g.Sample()
	g.Sample()
	if op, ok := g.Bottleneck(); op != "middle" || !ok {
		t.Errorf("Bottleneck() = %q, %v; want middle, whose input edge is full", op, ok)
	}
}

func TestGradientBadInput(t *testing.T) {
	for _, tc := range []struct {
		window int
		hops   []Hop
		want   string
	}{
		{0, []Hop{{To: "x"}}, "window 0"},
		{3, nil, "at least one hop"},
		{3, []Hop{{To: "x"}, {}}, "hop 1 has no reading operator"},
	} {
		_, err := NewGradient(tc.window, tc.hops...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewGradient(%d, %v) error = %v, want %q", tc.window, tc.hops, err, tc.want)
		}
	}
	g, _ := NewGradient(2, Hop{To: "x"})
	if err := g.Record(1, 2); err == nil {
		t.Error("Record with two readings for one hop: no error")
	}
}
