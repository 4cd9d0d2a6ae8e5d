/*
 * histacct.c: per-minute history counters, under the stats lock. See the
 * DESIGN note in histacct.h.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "histacct.h"
#include "hosts.h"
#include "xmalloc.h"

static int64_t
minute_of(int64_t ts)
{
	/* Floor, not truncation: a timestamp before 1970 stays in order. */
	return ts >= 0 ? ts / 60 : -((-ts + 59) / 60);
}

static void
emit_host(struct histacct *h, struct host *r)
{
	struct hist_host *e;

	if (r->hist_pkts_in == 0 && r->hist_pkts_out == 0)
		return;
	if (h->nhost == h->host_cap) {
		h->host_cap = h->host_cap ? h->host_cap * 2 : 1024;
		h->host = xreallocarray(h->host, h->host_cap, sizeof *h->host);
	}
	e = &h->host[h->nhost++];
	e->addr = r->addr;
	e->minute = r->hist_min;
	e->in = r->hist_in;
	e->out = r->hist_out;
	e->pkts_in = r->hist_pkts_in;
	e->pkts_out = r->hist_pkts_out;
	r->hist_in = r->hist_out = 0;
	r->hist_pkts_in = r->hist_pkts_out = 0;
}

static void
emit_iface(struct histacct *h, struct hist_iface *c)
{
	if (c->pkts == 0)
		return;
	if (h->niface == h->iface_cap) {
		h->iface_cap = h->iface_cap ? h->iface_cap * 2 : 64;
		h->iface = xreallocarray(h->iface, h->iface_cap,
		    sizeof *h->iface);
	}
	h->iface[h->niface++] = *c;
	memset(c, 0, sizeof *c);
}

/* Move r's counters to minute m, emitting the minute they held. */
static void
host_minute(struct histacct *h, struct host *r, int64_t m)
{
	if (r->hist_min == m)
		return;
	emit_host(h, r);
	r->hist_min = m;
}

void
histacct_packet(struct histacct *h, const struct pkt *k, struct host *src,
    struct host *dst)
{
	int64_t m = minute_of(k->ts);
	struct hist_iface *c = &h->cur[k->iface % HIST_IFACES];
	/* Graphed as acct.c does: one end local, the other not. */
	int out = (k->flags & PKT_SRC_LOCAL) != 0;
	int in = (k->flags & PKT_DST_LOCAL) != 0;

	if (c->minute != m || c->pkts == 0) {
		emit_iface(h, c);
		c->minute = m;
		c->iface = k->iface % HIST_IFACES;
	}
	c->bytes += k->len;
	c->pkts++;
	if (out && !in) {
		c->out += k->len;
		c->pkts_out++;
	} else if (in && !out) {
		c->in += k->len;
		c->pkts_in++;
	}
	if (src != NULL) {
		host_minute(h, src, m);
		src->hist_out += k->len;
		src->hist_pkts_out++;
	}
	if (dst != NULL) {
		host_minute(h, dst, m);
		dst->hist_in += k->len;
		dst->hist_pkts_in++;
	}
}

static void
drain_host(struct host *r, void *arg)
{
	emit_host(arg, r);
}

void
histacct_drain(struct histacct *h, struct hosts *hosts)
{
	int i;

	hosts_walk(hosts, drain_host, h);
	for (i = 0; i < HIST_IFACES; i++)
		emit_iface(h, &h->cur[i]);
}

void
histacct_removed(struct histacct *h, struct hosts *hosts)
{
	hosts_walk_removed(hosts, drain_host, h);
}

size_t
histacct_pending(const struct histacct *h)
{
	return h->nhost + h->niface;
}

void
histacct_take(struct histacct *h, struct hist_host **hosts, size_t *nhost,
    struct hist_iface **ifaces, size_t *niface)
{
	*hosts = h->host;
	*nhost = h->nhost;
	*ifaces = h->iface;
	*niface = h->niface;
	h->host = NULL;
	h->iface = NULL;
	h->nhost = h->host_cap = 0;
	h->niface = h->iface_cap = 0;
}

void
histacct_free(struct histacct *h)
{
	free(h->host);
	free(h->iface);
	memset(h, 0, sizeof *h);
}
