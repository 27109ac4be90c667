package sim

import "time"

// occupancy follows one edge's item count as a step function of time: its
// peak, its time integral (for the mean) and its peak per bucket (for the
// chart). Memory is fixed whatever the run's length.
type occupancy struct {
	width    time.Duration // of one bucket
	n        int           // items held now
	since    time.Duration // when n last changed
	peak     int
	integral float64 // item-nanoseconds
	buckets  *[Buckets]int32
}

// set records that the count became n at time t.
func (o *occupancy) set(t time.Duration, n int) {
	o.integral += float64(o.n) * float64(t-o.since)
	o.fill(t, o.n)
	o.n, o.since = n, t
	o.peak = max(o.peak, n)
	o.fill(t, n)
}

// fill raises every bucket from the last change up to t to at least n.
func (o *occupancy) fill(t time.Duration, n int) {
	first, last := o.bucket(o.since), o.bucket(t)
	for b := first; b <= last; b++ {
		o.buckets[b] = max(o.buckets[b], int32(n))
	}
}

func (o *occupancy) bucket(t time.Duration) int {
	return min(int(t/o.width), Buckets-1)
}

// mean closes the step function at end and averages it.
func (o *occupancy) mean(end time.Duration) float64 {
	o.set(end, o.n)
	if end <= 0 {
		return 0
	}
	return o.integral / float64(end)
}
