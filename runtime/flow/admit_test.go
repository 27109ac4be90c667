package flow

import (
	"context"
	"testing"
	"time"

	"github.com/flowlint/flowlint/policy"
)

func TestAdmit(t *testing.T) {
	for _, tc := range []struct {
		p              policy.Policy
		held, capacity int
		want           Admission
	}{
		{policy.Shed, 3, 4, Keep},
		{policy.Shed, 4, 4, Drop},
		{policy.Backpressure, 4, 4, Wait},
		{policy.Backpressure, 0, 0, Wait}, // unbuffered: only a waiting receiver takes it
		{policy.Timed, 4, 4, WaitThenDrop},
		{policy.Timed, 0, 4, Keep},
		{policy.Unset, 1, 1, Wait},
	} {
		if got := Admit(tc.p, tc.held, tc.capacity); got != tc.want {
			t.Errorf("Admit(%s, %d, %d) = %s, want %s", tc.p, tc.held, tc.capacity, got, tc.want)
		}
	}
}

func TestAdmitPriority(t *testing.T) {
	for _, tc := range []struct {
		p                   Priority
		high, low, capacity int
		want                Admission
	}{
		{Low, 1, 2, 4, Keep},
		{High, 1, 2, 4, Keep},
		{Low, 2, 2, 4, Drop},
		{High, 2, 2, 4, Evict},
		{High, 4, 0, 4, Drop},
		{Low, 4, 0, 4, Drop},
	} {
		got := AdmitPriority(tc.p, tc.high, tc.low, tc.capacity)
		if got != tc.want {
			t.Errorf("AdmitPriority(%s, %d high, %d low, cap %d) = %s, want %s",
				tc.p, tc.high, tc.low, tc.capacity, got, tc.want)
		}
	}
}

// TestEdgeFollowsAdmit checks that a full edge of each policy does what
// Admit says, so a model deciding with Admit matches the edge.
func TestEdgeFollowsAdmit(t *testing.T) {
	for _, fields := range []string{
		"name=e policy=shed burst=2/s*1s*1",
		"name=e policy=timed timeout=1ms burst=2/s*1s*1",
		"name=e policy=backpressure burst=2/s*1s*1",
	} {
		e := mustEdge[int](t, fields)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		for i := range e.Cap() {
			if err := e.Send(ctx, i); err != nil {
				t.Fatalf("%s: send %d into a free slot: %v", fields, i, err)
			}
		}
		err := e.Send(ctx, -1)
		cancel()
		want := map[Admission]error{
			Drop: ErrShed, WaitThenDrop: ErrTimeout, Wait: context.DeadlineExceeded,
		}
		a := Admit(e.Spec().Policy, e.Len(), e.Cap())
		if err != want[a] {
			t.Errorf("%s: full send returned %v, want %v for %s", fields, err, want[a], a)
		}
	}
}
