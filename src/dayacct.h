/*
 * dayacct.h: darkstat's daylog periods, kept by the engine (packet time):
 * the graphed (local <-> remote) traffic since the period began, and the
 * finished days waiting for the main thread to write them (daylog.c).
 */
#ifndef DAYACCT_H
#define DAYACCT_H

#include <stddef.h>
#include <stdint.h>

struct day {
	int64_t		start;		/* when the period began */
	uint64_t	in_bytes;
	uint64_t	out_bytes;
	uint64_t	in_pkts;
	uint64_t	out_pkts;
};

struct dayacct {
	struct day	 cur;		/* cur.start == 0: no traffic yet */
	int64_t		 next;		/* the local midnight that ends it */
	struct day	*done;		/* finished periods, oldest first */
	size_t		 ndone;
};

/* A graphed packet of len bytes at time t, in (1) or out (0). */
void	dayacct_packet(struct dayacct *, int64_t t, uint32_t len, int in);
/* Move the finished periods out (caller frees *days); returns how many. */
size_t	dayacct_take(struct dayacct *, struct day **days);
void	dayacct_free(struct dayacct *);
/* The next local midnight after t (darkstat's mktime rule). */
int64_t	dayacct_next_midnight(int64_t t);

#endif
