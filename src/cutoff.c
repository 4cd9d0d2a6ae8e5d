/* cutoff.c: quickselect for the eviction threshold, O(n) on average. */
#include "cutoff.h"

static void
swap(uint64_t *a, uint64_t *b)
{
	uint64_t t = *a;

	*a = *b;
	*b = t;
}

/*
 * Move the entries of v[lo..hi) for which (v > pivot) (or, with eq,
 * v >= pivot) to the front, without branches that depend on the data
 * (totals are in no order, so such branches are mispredicted half the
 * time); returns where the others start.
 */
static size_t
partition(uint64_t *v, size_t lo, size_t hi, uint64_t pivot, int eq)
{
	size_t i = lo, j;

	for (j = lo; j < hi; j++) {
		uint64_t x = v[j];
		size_t front = eq ? x >= pivot : x > pivot;

		v[j] = v[i];
		v[i] = x;
		i += front;
	}
	return i;
}

uint64_t
cutoff_value(uint64_t *v, size_t n, size_t keep)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, gt, ge;
		uint64_t pivot;

		/* Median of three keeps sorted or constant input linear. */
		if (v[mid] > v[lo])
			swap(&v[mid], &v[lo]);
		if (v[hi] > v[lo])
			swap(&v[hi], &v[lo]);
		if (v[mid] > v[hi])
			swap(&v[mid], &v[hi]);
		pivot = v[hi];
		/* Descending: > pivot, then == pivot, then < pivot. */
		gt = partition(v, lo, hi + 1, pivot, 0);
		if (keep < gt) {
			hi = gt - 1;
			continue;
		}
		ge = partition(v, gt, hi + 1, pivot, 1);
		if (keep < ge)
			return pivot;
		lo = ge;
	}
	return v[keep];
}
