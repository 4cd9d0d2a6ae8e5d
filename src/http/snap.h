/*
 * snap.h: the snapshots the web interface answers from. A summary
 * snapshot (hosts without their tables) is shared by the requests of a
 * short period, so that a client fetching in a loop costs the capture
 * path one short copy per period, not one per request.
 */
#ifndef HTTP_SNAP_H
#define HTTP_SNAP_H

struct host;
struct snap;
struct tables;

enum snap_kind {
	SNAP_HOSTS,	/* hosts without their tables, totals, graphs, alarm */
	SNAP_CONNS,	/* the same and the connection rows */
	SNAP_FULL,	/* everything: for filters on ports and protocols */
	SNAP_KINDS
};

/* A shared snapshot of that kind; release it when done. */
struct snap		*snap_get(enum snap_kind);
const struct tables	*snap_tables(const struct snap *);
/* Its hosts by key, descending, sorted once per snapshot and key. */
struct host *const	*snap_sorted(struct snap *, int key, size_t *n);
void			 snap_release(struct snap *);
/* Drop the shared snapshot (at shutdown). */
void			 snap_flush(void);

#endif
