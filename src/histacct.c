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
	struct host_hist *c = r->hist;
	struct hist_host *e;

	if (c == NULL || (c->pkts_in == 0 && c->pkts_out == 0))
		return;
	if (h->nhost == h->host_cap) {
		h->host_cap = h->host_cap ? h->host_cap * 2 : 1024;
		h->host = xreallocarray(h->host, h->host_cap, sizeof *h->host);
	}
	e = &h->host[h->nhost++];
	e->addr = r->addr;
	e->minute = c->minute;
	e->in = c->in;
	e->out = c->out;
	e->pkts_in = c->pkts_in;
	e->pkts_out = c->pkts_out;
	c->in = c->out = 0;
	c->pkts_in = c->pkts_out = 0;
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

/* r's counters, moved to minute m (emitting the minute they held). */
static struct host_hist *
host_minute(struct histacct *h, struct host *r, int64_t m)
{
	if (r->hist == NULL)
		r->hist = xcalloc(1, sizeof *r->hist);
	else if (r->hist->minute != m)
		emit_host(h, r);
	r->hist->minute = m;
	return r->hist;
}

void
histacct_packet(struct histacct *h, const struct pkt *k, struct host *src,
    struct host *dst)
{
	int64_t m = minute_of(k->ts);
	struct hist_iface *c = &h->cur[k->iface % HIST_IFACES];
	struct host_hist *e;
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
		e = host_minute(h, src, m);
		e->out += k->len;
		e->pkts_out++;
	}
	if (dst != NULL) {
		e = host_minute(h, dst, m);
		e->in += k->len;
		e->pkts_in++;
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
