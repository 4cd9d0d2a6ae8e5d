/*
 * snap.h: the snapshots the web interface answers from. A summary
 * snapshot (hosts without their tables) is shared by the requests of a
 * short period, so that a client fetching in a loop costs the capture
 * path one short copy per period, not one per request.
 */
#ifndef HTTP_SNAP_H
#define HTTP_SNAP_H

struct snap;
struct tables;

/* A summary snapshot with the connection rows; release it when done. */
struct snap		*snap_get(void);
const struct tables	*snap_tables(const struct snap *);
void			 snap_release(struct snap *);
/* Drop the shared snapshot (at shutdown). */
void			 snap_flush(void);

#endif
