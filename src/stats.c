/* stats.c: the live tables behind one mutex. See the DESIGN note in stats.h. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "conns.h"
#include "hosts.h"
#include "stats.h"
#include "xmalloc.h"

static pthread_mutex_t	 stats_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct tables	 live;		/* protected by stats_mtx */
static struct acct_limits limits;	/* set once by stats_init */
/*
 * Changed under stats_mtx, read without it: the web server asks for it on
 * every request, and taking the lock that often delayed the capture
 * thread's batches.
 */
static _Atomic uint64_t	 generation;

void
stats_init(const struct acct_limits *l)
{
	limits = *l;
	tables_init(&live, &limits.conns);
}

void
stats_load(struct tables *t)
{
	pthread_mutex_lock(&stats_mtx);
	/* Connections are not saved: keep the live (empty) table. */
	conns_free(t->conns);
	t->conns = live.conns;
	live.conns = NULL;
	tables_destroy(&live);
	live = *t;
	generation++;
	pthread_mutex_unlock(&stats_mtx);
}

void
stats_shutdown(void)
{
	tables_destroy(&live);
}

void
stats_apply(struct batch *b)
{
	int r;

	pthread_mutex_lock(&stats_mtx);
	live.totals.frames += b->frames;
	for (r = 0; r < REASON_COUNT; r++)
		live.totals.reasons[r] += b->reasons[r];
	acct_batch(&live, &limits, b->pkt, b->n);
	generation++;
	pthread_mutex_unlock(&stats_mtx);
	b->n = 0;
	b->frames = 0;
	memset(b->reasons, 0, sizeof b->reasons);
}

void
stats_tick(int64_t t)
{
	pthread_mutex_lock(&stats_mtx);
	graphs_rotate(&live.graphs, t);
	conns_tick(live.conns, t);
	pthread_mutex_unlock(&stats_mtx);
}

struct tables *
stats_snapshot(void)
{
	struct tables *c;

	pthread_mutex_lock(&stats_mtx);
	c = tables_copy(&live);
	pthread_mutex_unlock(&stats_mtx);
	return c;
}

struct tables *
stats_snapshot_summary(int conns)
{
	struct tables *c;

	pthread_mutex_lock(&stats_mtx);
	c = tables_copy_summary(&live, conns);
	pthread_mutex_unlock(&stats_mtx);
	return c;
}

struct hosts *
stats_snapshot_host(const struct addr *a)
{
	struct hosts *c;

	pthread_mutex_lock(&stats_mtx);
	c = hosts_copy_one(live.hosts, a);
	pthread_mutex_unlock(&stats_mtx);
	return c;
}

struct tables *
stats_take(void)
{
	struct tables *t = xmalloc(sizeof *t);

	pthread_mutex_lock(&stats_mtx);
	*t = live;
	tables_init(&live, &limits.conns);
	generation++;
	pthread_mutex_unlock(&stats_mtx);
	return t;
}

uint64_t
stats_generation(void)
{
	return atomic_load(&generation);
}

size_t
stats_take_days(struct day **days)
{
	size_t n;

	pthread_mutex_lock(&stats_mtx);
	n = dayacct_take(&live.days, days);
	pthread_mutex_unlock(&stats_mtx);
	return n;
}

void
stats_alarm(struct conn_alarm *a)
{
	pthread_mutex_lock(&stats_mtx);
	*a = *conns_alarm(live.conns);
	pthread_mutex_unlock(&stats_mtx);
}

void
stats_conns_clear_closed(void)
{
	pthread_mutex_lock(&stats_mtx);
	conns_clear_closed(live.conns);
	generation++;
	pthread_mutex_unlock(&stats_mtx);
}

void
stats_history_start(void)
{
	pthread_mutex_lock(&stats_mtx);
	limits.history = 1;
	pthread_mutex_unlock(&stats_mtx);
}

size_t
stats_history_pending(void)
{
	size_t n;

	pthread_mutex_lock(&stats_mtx);
	n = histacct_pending(&live.hist);
	pthread_mutex_unlock(&stats_mtx);
	return n;
}

void
stats_take_history(struct hist_host **hosts, size_t *nhost,
    struct hist_iface **ifaces, size_t *niface)
{
	pthread_mutex_lock(&stats_mtx);
	histacct_drain(&live.hist, live.hosts);
	histacct_take(&live.hist, hosts, nhost, ifaces, niface);
	pthread_mutex_unlock(&stats_mtx);
}

void
stats_reset(void)
{
	pthread_mutex_lock(&stats_mtx);
	hosts_clear(live.hosts);
	/* The history has counted these hosts' minutes: keep them. */
	if (limits.history)
		histacct_removed(&live.hist, live.hosts);
	conns_clear(live.conns);
	graphs_init(&live.graphs);
	/* darkstat's SIGUSR1 leaves the daylog's counters alone. */
	memset(&live.totals, 0, sizeof live.totals);
	generation++;
	pthread_mutex_unlock(&stats_mtx);
}
