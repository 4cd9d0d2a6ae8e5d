/*
 * web.c: helpers shared by the pages, the JSON API and /metrics.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conns.h"
#include "dns.h"
#include "filter.h"
#include "hosts.h"
#include "http/snap.h"
#include "http/web.h"
#include "opt.h"
#include "tables.h"
#include "xmalloc.h"

const char *const host_key_names[KEY_COUNT] = {
	"total", "in", "out", "lastseen", "packets", "addr"
};

int
host_key_parse(const char *s)
{
	int k;

	if (s == NULL)
		return KEY_TOTAL;
	for (k = 0; k < KEY_COUNT; k++)
		if (strcmp(s, host_key_names[k]) == 0)
			return k;
	return -1;
}

static int64_t
key_of(const struct host *h, int key)
{
	switch (key) {
	case KEY_IN:		return (int64_t)h->in;
	case KEY_OUT:		return (int64_t)h->out;
	case KEY_LASTSEEN:	return h->last_seen;
	case KEY_PACKETS:	return (int64_t)(h->pkts_in + h->pkts_out);
	default:		return (int64_t)(h->in + h->out);
	}
}

struct keyed {
	int64_t		 key;
	struct host	*h;
};

/* Descending; ties by address so that pages do not shuffle. */
static int
cmp_desc(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? 1 : -1;
	return -addr_cmp(&a->h->addr, &b->h->addr);
}

/*
 * The keys are copied next to the pointers first: sorting then reads one
 * array instead of chasing a pointer per comparison.
 */
struct host **
hosts_sorted(const struct tables *t, int key, int asc, size_t *n)
{
	struct host **v = hosts_list(t->hosts, n);
	struct keyed *k;
	size_t i;

	if (*n < 2)
		return v;
	k = xreallocarray(NULL, *n, sizeof *k);
	for (i = 0; i < *n; i++) {
		k[i].key = key == KEY_ADDR ? 0 : key_of(v[i], key);
		k[i].h = v[i];
	}
	qsort(k, *n, sizeof *k, cmp_desc);
	for (i = 0; i < *n; i++)
		v[asc ? *n - 1 - i : i] = k[i].h;
	free(k);
	return v;
}

struct host **
web_hosts(const struct web *w, struct snap *s, int key, int asc,
    const struct filter *flt, size_t *n)
{
	struct host *const *sorted = snap_sorted(s, key, n);
	struct host **hs = xreallocarray(NULL, *n ? *n : 1, sizeof *hs);
	char name[256];
	size_t i, m = 0;

	for (i = 0; i < *n; i++) {
		struct host *h = sorted[asc ? *n - 1 - i : i];

		/* Known names only: a filter must not queue 10k lookups. */
		if (flt == NULL || filter_match(flt, h, w->o->no_dns ? NULL :
		    dns_name(&h->addr, name, sizeof name, 0)))
			hs[m++] = h;
	}
	*n = m;
	return hs;
}

/* The most bytes first; then the most recent. */
static int
cmp_conn(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;
	uint64_t tx = x->d[0].bytes + x->d[1].bytes;
	uint64_t ty = y->d[0].bytes + y->d[1].bytes;

	if (tx != ty)
		return tx < ty ? 1 : -1;
	return (x->last < y->last) - (x->last > y->last);
}

const struct conn **
web_conns(const struct tables *t, const struct addr *a,
    const struct filter *flt, size_t *n)
{
	size_t i, all = conns_count(t->conns);
	const struct conn **v = xreallocarray(NULL, all ? all : 1, sizeof *v);

	*n = 0;
	for (i = 0; i < all; i++) {
		const struct conn *c = conns_at(t->conns, i);

		if (a != NULL && addr_cmp(&c->client, a) != 0 &&
		    addr_cmp(&c->server, a) != 0)
			continue;
		if (flt != NULL && !filter_match_conn(flt, c))
			continue;
		v[(*n)++] = c;
	}
	qsort(v, *n, sizeof *v, cmp_conn);
	return v;
}

int64_t
web_now(const struct web *w, const struct tables *t)
{
	if (w->replay && t->totals.last_ts > 0)
		return t->totals.last_ts;
	return (int64_t)time(NULL);
}

void
web_duration(FILE *f, int64_t secs)
{
	static const struct {
		const char	*name;
		int64_t		 secs;
	} units[] = {
		{ "day", 86400 }, { "hr", 3600 }, { "min", 60 }, { "sec", 1 },
	};
	int i, started = 0;

	if (secs < 0)
		secs = 0;
	for (i = 0; i < 4; i++) {
		int64_t v = secs / units[i].secs;

		secs %= units[i].secs;
		if (v == 0 && !started && i < 3)
			continue;
		fprintf(f, "%s%" PRId64 " %s%s", started ? ", " : "", v,
		    units[i].name, v == 1 ? "" : "s");
		started = 1;
	}
}

void
web_time(FILE *f, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[64];

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z%z", &tm) == 0)
		snprintf(buf, sizeof buf, "%" PRId64, t);
	fputs(buf, f);
}

const char *
web_name(const struct web *w, const struct host *h, char *buf, size_t len)
{
	if (w->o->no_dns)
		return NULL;
	return dns_name(&h->addr, buf, len, 1);
}

void
web_mac(char buf[18], const uint8_t m[6])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
}
