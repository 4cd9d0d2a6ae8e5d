/*
 * stats.h: the one owner of the live tables and of the lock around them.
 *
 * DESIGN. Capture threads decode packets without any lock into a batch,
 * then call stats_apply() once per batch: the lock is held while the batch
 * is accounted (microseconds). Readers (report, export, UI, HTTP) call
 * stats_snapshot() for a private deep copy and never hold the lock while
 * sorting, formatting or doing I/O. stats_generation() changes whenever the
 * tables do, so a reader can skip a snapshot when nothing happened.
 *
 * Life cycle: stats_init() once before any capture thread starts;
 * stats_apply(), stats_tick(), stats_snapshot(), stats_reset() from any
 * thread; stats_take() and stats_shutdown() once every capture thread has
 * stopped.
 */
#ifndef STATS_H
#define STATS_H

#include <stdint.h>

#include "acct.h"
#include "decode.h"
#include "tables.h"

#define BATCH_MAX	256

/* Filled by a capture thread without the lock. */
struct batch {
	unsigned int	n;
	unsigned int	frames;			/* frames decoded */
	uint32_t	reasons[REASON_COUNT];	/* frames not accounted */
	struct pkt	pkt[BATCH_MAX];
};

void		 stats_init(const struct acct_limits *);
/* Make t (from --import) the live tables; before any capture starts. */
void		 stats_load(struct tables *t);
void		 stats_shutdown(void);
/* Account a batch and empty it. */
void		 stats_apply(struct batch *);
/* Rotate the graphs to wall-clock time t when no packets arrive. */
void		 stats_tick(int64_t t);
struct tables	*stats_snapshot(void);
/*
 * Cheaper: host records without their protocol and port tables, and the
 * connection rows only if conns is set.
 */
struct tables	*stats_snapshot_summary(int conns);
/* One host with all its tables (in a table of its own), for a detail page. */
struct hosts	*stats_snapshot_host(const struct addr *);
/*
 * Hand the live tables over to the caller without copying them, leaving
 * empty ones behind. Only once every capture thread has stopped: shutdown
 * must not need twice the memory.
 */
struct tables	*stats_take(void);
uint64_t	 stats_generation(void);
/* The SYN-flood / scan alarm as it stands (a copy). */
struct conn_alarm;
void		 stats_alarm(struct conn_alarm *);
/* The daylog periods finished since the last call (caller frees). */
struct day;
size_t		 stats_take_days(struct day **);
/* Remove the closed, reset and timed-out connections now. */
void		 stats_conns_clear_closed(void);
/*
 * --history: start keeping per-minute records (before any capture starts);
 * how many wait; take them all, the current minutes included (the caller
 * frees both arrays).
 */
struct hist_host;
struct hist_iface;
void		 stats_history_start(void);
size_t		 stats_history_pending(void);
void		 stats_take_history(struct hist_host **, size_t *nhost,
		    struct hist_iface **, size_t *niface);
/* Empty the hosts table and graphs, zero the totals (darkstat's SIGUSR1). */
void		 stats_reset(void);

#endif
