package flow

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// item is a test value that carries its own class.
type item struct {
	p  Priority
	id int
}

func byClass(it item) Priority { return it.p }

func mustSink(t testing.TB, capacity int) *PrioritySink[item] {
	t.Helper()
	fields := "name=sink policy=shed burst=" + strconv.Itoa(capacity) + "/s*1s*1"
	s, err := ParsePrioritySink(fields, byClass)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPrioritySinkBadSpec(t *testing.T) {
	for _, tc := range []struct {
		fields   string
		classify func(item) Priority
		want     string
	}{
		{"name=s policy=backpressure burst=4/s*1s*1", byClass, "want policy=shed"},
		{"name=s policy=shed burst=none", byClass, "needs a buffer"},
		{"name=s policy=shed burst=4/s*1s*1", nil, "no classifier"},
		{"policy=shed burst=4/s*1s*1", byClass, "needs name=NAME"},
		{"name=s policy=shed burst=4*1s*1", byClass, "want a rate"},
	} {
		_, err := ParsePrioritySink(tc.fields, tc.classify)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParsePrioritySink(%q) error = %v, want it to mention %q",
				tc.fields, err, tc.want)
		}
	}
}

// TestPrioritySinkRecvIsBiased fills both classes and checks that every
// High item comes out before any Low one. A receiver that used one plain
// select over both sub-edges would interleave them at random: the control
// case below shows that it does, so this test can tell the two apart.
func TestPrioritySinkRecvIsBiased(t *testing.T) {
	const n = 64
	fill := func() *PrioritySink[item] {
		s := mustSink(t, 2*n)
		for i := range n {
			s.Send(item{Low, i})
			s.Send(item{High, i})
		}
		return s
	}
	ctx := context.Background()

	s := fill()
	for i := range 2 * n {
		it, p, err := s.Recv(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantP, wantID := High, i
		if i >= n {
			wantP, wantID = Low, i-n
		}
		if p != wantP || it.p != wantP || it.id != wantID {
			t.Fatalf("receive %d = %v #%d, want %v #%d", i, p, it.id, wantP, wantID)
		}
	}

	// Control: the plain select this bias replaces.
	s = fill()
	lowEarly := false
	for range n {
		select {
		case <-s.high:
		case <-s.low:
			lowEarly = true
		}
	}
	if !lowEarly {
		t.Error("a plain select took only High items: the bias check above proves nothing")
	}
}

func TestPrioritySinkShedsLowFirst(t *testing.T) {
	const capacity = 4
	type send struct {
		p    Priority
		kept bool
	}
	L, H := Low, High
	for _, tc := range []struct {
		name         string
		sends        []send
		wantOrder    string // received, as classes and ids
		dropH, dropL uint64
		evicted      uint64
	}{
		{
			name:      "room for all",
			sends:     []send{{L, true}, {H, true}, {L, true}},
			wantOrder: "H1 L0 L2",
		},
		{
			name:      "full of Low: High evicts the oldest Low",
			sends:     []send{{L, true}, {L, true}, {L, true}, {L, true}, {H, true}},
			wantOrder: "H4 L1 L2 L3",
			dropL:     1, evicted: 1,
		},
		{
			name:      "full: Low is shed at the door",
			sends:     []send{{H, true}, {L, true}, {L, true}, {L, true}, {L, false}},
			wantOrder: "H0 L1 L2 L3",
			dropL:     1,
		},
		{
			name: "High dropped only once every slot holds High",
			sends: []send{{H, true}, {L, true}, {H, true}, {L, true},
				{H, true}, {H, true}, {H, false}, {L, false}},
			wantOrder: "H0 H2 H4 H5",
			dropH:     1, dropL: 3, evicted: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSink(t, capacity)
			for i, snd := range tc.sends {
				err := s.Send(item{snd.p, i})
				if kept := err == nil; kept != snd.kept {
					t.Errorf("send %d (%v): err = %v, want kept=%v", i, snd.p, err, snd.kept)
				}
				if err != nil && !errors.Is(err, ErrShed) {
					t.Errorf("send %d: err = %v, want ErrShed", i, err)
				}
			}
			s.Close()
			got := make([]string, 0, capacity)
			for range s.Len() {
				it, p, err := s.Recv(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, p.String()[:1]+strconv.Itoa(it.id))
			}
			if _, _, err := s.Recv(context.Background()); !errors.Is(err, ErrClosed) {
				t.Errorf("Recv on a drained closed sink = %v, want ErrClosed", err)
			}
			if g := strings.ToUpper(strings.Join(got, " ")); g != tc.wantOrder {
				t.Errorf("received %q, want %q", g, tc.wantOrder)
			}
			st := s.Stats()
			if st.DroppedHigh != tc.dropH || st.DroppedLow != tc.dropL ||
				st.Evicted != tc.evicted || st.Dropped != tc.dropH+tc.dropL || !st.Prioritized {
				t.Errorf("stats %+v; want dropped high %d, low %d, evicted %d",
					st, tc.dropH, tc.dropL, tc.evicted)
			}
			if err := s.Send(item{H, 99}); !errors.Is(err, ErrClosed) {
				t.Errorf("Send after Close = %v, want ErrClosed", err)
			}
		})
	}
}

// TestPrioritySinkConcurrentAccounting runs senders against a slow consumer
// and checks, under the race detector, that every send is accounted for:
// received, still held, shed at the door or evicted.
func TestPrioritySinkConcurrentAccounting(t *testing.T) {
	s := mustSink(t, 16)
	const senders, each = 4, 3000
	var wg sync.WaitGroup
	for w := range senders {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range each {
				p := Low
				if r.IntN(4) == 0 {
					p = High
				}
				s.Send(item{p, i})
			}
		})
	}
	received := map[Priority]uint64{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, p, err := s.Recv(context.Background())
			if err != nil {
				return
			}
			received[p]++
		}
	}()
	wg.Wait()
	s.Close()
	<-done
	st := s.Stats()
	total := received[High] + received[Low]
	if st.Sent-st.Evicted != total || st.Sent+st.Dropped-st.Evicted != senders*each {
		t.Errorf("received %d, stats %+v: counts do not add up to %d sends",
			total, st, senders*each)
	}
	if st.Sent == 0 || st.Dropped == 0 {
		t.Errorf("stats %+v: the run should both keep and shed", st)
	}
}
