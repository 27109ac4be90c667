package sim

import (
	"math/bits"
	"time"
)

// histSub is the number of buckets per power of two: a quantile read from
// the histogram is at most 1/histSub (1.6%) above the true value.
const histSub = 64

// Histogram counts latencies in fixed log-linear buckets, so recording
// millions of them takes constant memory.
type Histogram struct {
	counts [59 * histSub]uint64
	n      uint64
	max    time.Duration
}

func bucketOf(d time.Duration) int {
	v := uint64(max(d, 0))
	if v < histSub {
		return int(v)
	}
	shift := bits.Len64(v) - 7 // v>>shift is in [64, 128)
	return (shift+1)*histSub + int(v>>shift) - histSub
}

// upperBound is the largest duration that falls in bucket b.
func upperBound(b int) time.Duration {
	if b < histSub {
		return time.Duration(b)
	}
	shift := b/histSub - 1
	low := uint64(b%histSub+histSub) << shift
	return time.Duration(low + 1<<shift - 1)
}

// Record counts one latency.
func (h *Histogram) Record(d time.Duration) {
	h.counts[bucketOf(d)]++
	h.n++
	h.max = max(h.max, d)
}

// Count is the number of latencies recorded.
func (h *Histogram) Count() uint64 { return h.n }

// Max is the largest latency recorded, exactly.
func (h *Histogram) Max() time.Duration { return h.max }

// Quantile is the latency that a fraction q of the records do not exceed,
// rounded up to its bucket's bound; 0 when nothing was recorded.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(q*float64(h.n) + 0.999999)
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for b, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(upperBound(b), h.max)
		}
	}
	return h.max
}
