/* cutoff.c: quickselect for the eviction threshold, O(n) on average. */
#include "cutoff.h"

static void
swap(uint64_t *a, uint64_t *b)
{
	uint64_t t = *a;

	*a = *b;
	*b = t;
}

uint64_t
cutoff_value(uint64_t *v, size_t n, size_t keep)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		/* Median of three keeps sorted or constant input linear. */
		size_t mid = lo + (hi - lo) / 2, i, j;
		uint64_t pivot;

		if (v[mid] > v[lo])
			swap(&v[mid], &v[lo]);
		if (v[hi] > v[lo])
			swap(&v[hi], &v[lo]);
		if (v[mid] > v[hi])
			swap(&v[mid], &v[hi]);
		pivot = v[hi];
		/* Three-way partition, descending: > pivot, == pivot, < pivot. */
		i = lo;
		j = lo;
		{
			size_t k = hi + 1;

			while (j < k) {
				if (v[j] > pivot)
					swap(&v[i++], &v[j++]);
				else if (v[j] < pivot)
					swap(&v[j], &v[--k]);
				else
					j++;
			}
			if (keep < i)
				hi = i - 1;
			else if (keep >= k)
				lo = k;
			else
				return pivot;
		}
	}
	return v[keep];
}
