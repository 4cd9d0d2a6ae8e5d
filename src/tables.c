/* tables.c: life cycle of the counted tables. */
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "hosts.h"
#include "tables.h"
#include "xmalloc.h"

/* Upper bounds (inclusive) of the size buckets. */
const uint32_t size_bucket_max[SIZE_BUCKETS] = { 63, 127, 255, 511, 1023,
    1500, 9000, UINT32_MAX };

_Static_assert(TABLES_IFACES == HIST_IFACES, "one index per source");

void
tables_init(struct tables *t, const struct conn_limits *lim)
{
	static const struct conn_limits none;

	memset(t, 0, sizeof *t);
	t->hosts = hosts_new();
	t->conns = conns_new(lim ? lim : &none);
	graphs_init(&t->graphs);
}

void
tables_destroy(struct tables *t)
{
	hosts_free(t->hosts);
	t->hosts = NULL;
	dayacct_free(&t->days);
	histacct_free(&t->hist);
	conns_free(t->conns);
	t->conns = NULL;
}

/* A copy's history records belong to the live tables too. */
static void
hist_forget(struct histacct *h)
{
	memset(h, 0, sizeof *h);
}

struct tables *
tables_copy(const struct tables *t)
{
	struct tables *c = xmalloc(sizeof *c);

	*c = *t;
	c->hosts = hosts_copy(t->hosts);
	c->conns = conns_copy(t->conns, 1);
	c->days.done = NULL;	/* finished days belong to the live tables */
	c->days.ndone = 0;
	hist_forget(&c->hist);
	return c;
}

struct tables *
tables_copy_summary(const struct tables *t, int conns)
{
	struct tables *c = xmalloc(sizeof *c);

	*c = *t;
	c->hosts = hosts_copy_summary(t->hosts);
	c->conns = conns_copy(t->conns, conns);
	c->days.done = NULL;
	c->days.ndone = 0;
	hist_forget(&c->hist);
	return c;
}

void
tables_free(struct tables *t)
{
	if (t == NULL)
		return;
	tables_destroy(t);
	free(t);
}

uint64_t
tables_malformed(const struct totals *s)
{
	uint64_t n = 0;
	int r;

	for (r = REASON_FIRST_MALFORMED; r < REASON_COUNT; r++)
		n += s->reasons[r];
	return n;
}
