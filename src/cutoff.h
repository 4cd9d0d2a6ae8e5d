/* cutoff.h: darkstat's eviction threshold. */
#ifndef CUTOFF_H
#define CUTOFF_H

#include <stddef.h>
#include <stdint.h>

/*
 * The value at index keep of v[0..n) sorted in descending order, i.e. the
 * (keep+1)-th largest. Entries whose total is <= this value are evicted,
 * so at most keep survive (fewer when there are ties). Reorders v.
 * Requires keep < n.
 */
uint64_t	cutoff_value(uint64_t *v, size_t n, size_t keep);

#endif
