/*
 * snap.c: reference-counted snapshots: a summary one without and one with
 * the connection rows, and a full one for the filters that need the hosts'
 * port and protocol tables, each renewed when the tables changed and it is
 * older than SNAP_MAX_AGE_MS. Copying is what serving costs the capture
 * threads (the lock, and the page faults of fresh memory), so it happens
 * at most twice a second whatever the request rate.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "cap.h"
#include "http/snap.h"
#include "http/web.h"
#include "stats.h"
#include "tables.h"
#include "xmalloc.h"

#define SNAP_MAX_AGE_MS	500

struct snap {
	struct tables	*t;
	int		 refs;		/* the cache's own counts as one */
	pthread_mutex_t	 mtx;		/* for sorted */
	struct host	**sorted[KEY_COUNT];	/* made on first use */
	size_t		 n;
	int		 done;		/* taken after the capture ended */
};

/* One of each kind; protected by snap_mtx */
static pthread_mutex_t	 snap_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct snap	*cur[SNAP_KINDS];
static uint64_t		 cur_gen[SNAP_KINDS];
static int64_t		 cur_ms[SNAP_KINDS];

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
unref(struct snap *s)
{
	/* Called with snap_mtx held. */
	int k;

	if (--s->refs > 0)
		return;
	for (k = 0; k < KEY_COUNT; k++)
		free(s->sorted[k]);
	pthread_mutex_destroy(&s->mtx);
	tables_free(s->t);
	free(s);
}

struct snap *
snap_get(enum snap_kind c)
{
	uint64_t gen = stats_generation();
	int64_t ms = now_ms();
	int done = cap_done();
	struct snap *s;

	pthread_mutex_lock(&snap_mtx);
	/* The end of a replay is shown at once, with its final figures. */
	if (cur[c] == NULL || (gen != cur_gen[c] &&
	    (ms - cur_ms[c] >= SNAP_MAX_AGE_MS || (done && !cur[c]->done)))) {
		if (cur[c] != NULL)
			unref(cur[c]);
		cur[c] = xcalloc(1, sizeof *cur[c]);
		cur[c]->t = c == SNAP_FULL ? stats_snapshot() :
		    stats_snapshot_summary(c == SNAP_CONNS);
		cur[c]->refs = 1;
		cur[c]->done = done;
		pthread_mutex_init(&cur[c]->mtx, NULL);
		cur_gen[c] = gen;
		cur_ms[c] = ms;
	}
	s = cur[c];
	s->refs++;
	pthread_mutex_unlock(&snap_mtx);
	return s;
}

const struct tables *
snap_tables(const struct snap *s)
{
	return s->t;
}

struct host *const *
snap_sorted(struct snap *s, int key, size_t *n)
{
	pthread_mutex_lock(&s->mtx);
	if (s->sorted[key] == NULL)
		s->sorted[key] = hosts_sorted(s->t, key, 0, &s->n);
	*n = s->n;
	pthread_mutex_unlock(&s->mtx);
	return s->sorted[key];
}

void
snap_release(struct snap *s)
{
	pthread_mutex_lock(&snap_mtx);
	unref(s);
	pthread_mutex_unlock(&snap_mtx);
}

void
snap_flush(void)
{
	int c;

	pthread_mutex_lock(&snap_mtx);
	for (c = 0; c < SNAP_KINDS; c++) {
		if (cur[c] != NULL)
			unref(cur[c]);
		cur[c] = NULL;
	}
	pthread_mutex_unlock(&snap_mtx);
}
