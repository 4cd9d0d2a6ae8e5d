/*
 * web.c: helpers shared by the pages, the JSON API and /metrics.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dns.h"
#include "hosts.h"
#include "http/web.h"
#include "opt.h"
#include "tables.h"

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

/* Descending; ties by address so that pages do not shuffle. */
static int
cmp_desc(const void *pa, const void *pb, void *pkey)
{
	const struct host *a = *(struct host *const *)pa;
	const struct host *b = *(struct host *const *)pb;
	int key = *(int *)pkey;
	int64_t ka, kb;

	if (key != KEY_ADDR) {
		ka = key_of(a, key);
		kb = key_of(b, key);
		if (ka != kb)
			return ka < kb ? 1 : -1;
	}
	return -addr_cmp(&a->addr, &b->addr);
}

struct host **
hosts_sorted(const struct tables *t, int key, int asc, size_t *n)
{
	struct host **v = hosts_list(t->hosts, n);
	size_t i;

	if (*n > 1)
		qsort_r(v, *n, sizeof *v, cmp_desc, &key);
	if (asc)
		for (i = 0; i < *n / 2; i++) {
			struct host *h = v[i];

			v[i] = v[*n - 1 - i];
			v[*n - 1 - i] = h;
		}
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
