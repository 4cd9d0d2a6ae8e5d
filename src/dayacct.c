/*
 * dayacct.c: a period runs from its first graphed packet until the first
 * graphed packet at or after the next local midnight, which closes it and
 * starts the next, as darkstat's daylog does (with packet time instead of
 * the clock, so a replay gives the same lines).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dayacct.h"
#include "xmalloc.h"

int64_t
dayacct_next_midnight(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	/* tm_isdst copied, as darkstat does: off by an hour on DST days. */
	return (int64_t)mktime(&tm);
}

void
dayacct_packet(struct dayacct *d, int64_t t, uint32_t len, int in)
{
	if (d->cur.start == 0) {
		d->cur.start = t;
		d->next = dayacct_next_midnight(t);
	} else if (t >= d->next) {
		d->done = xreallocarray(d->done, d->ndone + 1, sizeof *d->done);
		d->done[d->ndone++] = d->cur;
		memset(&d->cur, 0, sizeof d->cur);
		d->cur.start = t;
		d->next = dayacct_next_midnight(t);
	}
	if (in) {
		d->cur.in_bytes += len;
		d->cur.in_pkts++;
	} else {
		d->cur.out_bytes += len;
		d->cur.out_pkts++;
	}
}

size_t
dayacct_take(struct dayacct *d, struct day **days)
{
	size_t n = d->ndone;

	*days = d->done;
	d->done = NULL;
	d->ndone = 0;
	return n;
}

void
dayacct_free(struct dayacct *d)
{
	free(d->done);
	d->done = NULL;
	d->ndone = 0;
}
