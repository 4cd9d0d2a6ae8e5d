/*
 * snap.c: a reference-counted summary snapshot, renewed when the tables
 * changed and it is older than SNAP_MAX_AGE_MS.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "http/snap.h"
#include "stats.h"
#include "tables.h"
#include "xmalloc.h"

#define SNAP_MAX_AGE_MS	200

struct snap {
	struct tables	*t;
	int		 refs;		/* the cache's own counts as one */
};

static pthread_mutex_t	 snap_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct snap	*cur;		/* protected by snap_mtx */
static uint64_t		 cur_gen;
static int64_t		 cur_ms;

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
	if (--s->refs > 0)
		return;
	tables_free(s->t);
	free(s);
}

struct snap *
snap_get(void)
{
	uint64_t gen = stats_generation();
	int64_t ms = now_ms();
	struct snap *s;

	pthread_mutex_lock(&snap_mtx);
	if (cur == NULL || (gen != cur_gen && ms - cur_ms >= SNAP_MAX_AGE_MS)) {
		if (cur != NULL)
			unref(cur);
		cur = xmalloc(sizeof *cur);
		cur->t = stats_snapshot_summary(1);
		cur->refs = 1;
		cur_gen = gen;
		cur_ms = ms;
	}
	s = cur;
	s->refs++;
	pthread_mutex_unlock(&snap_mtx);
	return s;
}

const struct tables *
snap_tables(const struct snap *s)
{
	return s->t;
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
	pthread_mutex_lock(&snap_mtx);
	if (cur != NULL)
		unref(cur);
	cur = NULL;
	pthread_mutex_unlock(&snap_mtx);
}
