/*
 * detail_view.c: one host, as darkstat's host page has it: figures, its
 * IP protocols, and its TCP and UDP ports on this host and on remote
 * hosts with SYN counts. The page is a list of lines that scrolls.
 */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "dns.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"
#include "tables.h"
#include "page.h"
#include "view.h"
#include "xmalloc.h"

#define HIST	60	/* samples of the host's own rates */

/* The page comes first: page.c's callbacks take priv as a struct page. */
struct dv {
	struct page	 page;
	struct addr	 addr;
	/* The host's rates at each refresh since its page was opened. */
	double		 hin[HIST];
	double		 hout[HIST];
	int		 nhist;
	uint64_t	 prev_in;
	uint64_t	 prev_out;
	uint64_t	 prev_seq;
};


static int
cmp_total(const void *a, const void *b)
{
	const struct port_entry *x = *(const struct port_entry *const *)a;
	const struct port_entry *y = *(const struct port_entry *const *)b;
	uint64_t tx = x->in + x->out, ty = y->in + y->out;

	return (tx < ty) - (tx > ty);
}

static void
add_ports(struct dv *v, const struct ui_state *st, const char *title,
    const struct ports *p, int tcp)
{
	const struct port_entry **e;
	char a[FMT_LEN], b[FMT_LEN], c[FMT_LEN];
	size_t i, n = ports_count(p);

	page_add(&v->page, "%s", "");
	page_add(&v->page, "%s (%zu)", title, n);
	if (n == 0)
		return;
	page_add(&v->page, "  %6s %-14s %8s %8s %8s%s", "PORT", "SERVICE", "IN", "OUT",
	    "TOTAL", tcp ? "      SYN" : "");
	e = xreallocarray(NULL, n, sizeof *e);
	for (i = 0; i < n; i++)
		e[i] = ports_at(p, i);
	qsort(e, n, sizeof *e, cmp_total);
	for (i = 0; i < n; i++) {
		struct servent *se = st->services ? getservbyport(
		    htons(e[i]->port), tcp ? "tcp" : "udp") : NULL;
		char syn[FMT_LEN] = "";

		if (tcp)
			fmt_count(syn, e[i]->syn);
		page_add(&v->page, "  %6u %-14.14s %8s %8s %8s%s%s", e[i]->port,
		    se ? se->s_name : "", fmt_bytes(a, e[i]->in, st->units),
		    fmt_bytes(b, e[i]->out, st->units), fmt_bytes(c,
		    e[i]->in + e[i]->out, st->units), tcp ? " " : "", tcp ?
		    syn : "");
	}
	free(e);
}

/* Record this refresh's rates (needs the refresh just before). */
static void
sample(struct dv *v, const struct ui_state *st, const struct host *h)
{
	if (v->prev_seq + 1 == st->seq && st->dt > 0 && h->in >= v->prev_in &&
	    h->out >= v->prev_out) {
		memmove(v->hin, v->hin + 1, (HIST - 1) * sizeof v->hin[0]);
		memmove(v->hout, v->hout + 1, (HIST - 1) * sizeof v->hout[0]);
		v->hin[HIST - 1] = (double)(h->in - v->prev_in) / st->dt;
		v->hout[HIST - 1] = (double)(h->out - v->prev_out) / st->dt;
		if (v->nhist < HIST)
			v->nhist++;
	}
	v->prev_in = h->in;
	v->prev_out = h->out;
	v->prev_seq = st->seq;
}

/* A sparkline of the last samples of r, scaled to their peak. */
static void
add_history(struct dv *v, const struct ui_state *st, const char *label,
    const double *r)
{
	static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	char line[PAGE_LINE] = "", a[FMT_LEN], b[FMT_LEN];
	double peak = 0;
	int i;

	for (i = HIST - v->nhist; i < HIST; i++)
		if (r[i] > peak)
			peak = r[i];
	for (i = HIST - v->nhist; i < HIST; i++) {
		int level = peak > 0 ? (int)(r[i] * 7 / peak) : 0;

		strncat(line, r[i] <= 0 ? " " : st->ascii ? (level > 3 ? "#" :
		    ".") : blocks[level], sizeof line - strlen(line) - 1);
	}
	page_add(&v->page, "%-4s %-60s now %s  peak %s", label, line, fmt_rate(a,
	    v->nhist ? r[HIST - 1] : 0, st->units), fmt_rate(b, peak,
	    st->units));
}

/* The host's connections, as a client or a server. */
static void
add_conns(struct dv *v, const struct ui_state *st, const struct host *h)
{
	const struct conns *t = st->snap->conns;
	char a[ADDR_STRLEN], b[ADDR_STRLEN], x[FMT_LEN], y[FMT_LEN];
	size_t i, n = 0;

	for (i = 0; i < conns_count(t); i++) {
		const struct conn *c = conns_at(t, i);

		if (!addr_eq(&c->client, &h->addr) &&
		    !addr_eq(&c->server, &h->addr))
			continue;
		if (n++ == 0) {
			page_add(&v->page, "%s", "");
			page_add(&v->page, "Connections (press 4 for all)");
		}
		page_add(&v->page, "  %-3s %s:%u -> %s:%u  %s  %s/%s",
		    conn_proto_name(c->proto),
		    addr_str(&c->client, a), c->cport, addr_str(&c->server, b),
		    c->sport, conn_state_names[c->state], fmt_bytes(x,
		    c->d[0].bytes, st->units), fmt_bytes(y, c->d[1].bytes,
		    st->units));
	}
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct dv *v = view->priv;
	const struct host *h = st->detail ? hosts_find(st->detail, &v->addr) :
	    NULL;
	char s[ADDR_STRLEN], a[FMT_LEN], b[FMT_LEN], c[FMT_LEN], d[FMT_LEN];
	char t[FMT_LEN];
	size_t i;

	page_clear(&v->page);
	addr_str(&v->addr, s);
	if (h == NULL) {
		page_add(&v->page, "%s: no longer in the table (evicted or reset)", s);
		view->shown = 0;
		return;
	}
	{
		char name[128] = "";

		if (st->names && dns_name(&h->addr, name, sizeof name, 1) ==
		    NULL)
			snprintf(name, sizeof name, "(resolving...)");
		page_add(&v->page, "%s  %s  MAC %02x:%02x:%02x:%02x:%02x:%02x", s, name,
		    h->mac[0], h->mac[1], h->mac[2], h->mac[3], h->mac[4],
		    h->mac[5]);
	}
	page_add(&v->page, "in %s (%s packets)   out %s (%s packets)   total %s",
	    fmt_bytes(a, h->in, st->units), fmt_count(b, h->pkts_in),
	    fmt_bytes(c, h->out, st->units), fmt_count(d, h->pkts_out),
	    fmt_bytes(t, h->in + h->out, st->units));
	page_add(&v->page, "first seen %s ago   last sent %s", fmt_ago(a, st->now -
	    h->first_seen), h->last_seen ? fmt_ago(b, st->now -
	    h->last_seen) : "never");
	sample(v, st, h);
	page_add(&v->page, "%s", "");
	page_add(&v->page, "Its traffic at each refresh since this page was opened:");
	add_history(v, st, " in", v->hin);
	add_history(v, st, " out", v->hout);
	page_add(&v->page, "%s", "");
	page_add(&v->page, "IP protocols (%zu)", protos_count(h->protos));
	for (i = 0; i < protos_count(h->protos); i++) {
		const struct proto_entry *e = protos_at(h->protos, i);
		struct protoent *pe = getprotobynumber(e->proto);

		page_add(&v->page, "  %6u %-14s %8s %8s %8s", e->proto, pe ? pe->p_name :
		    "", fmt_bytes(a, e->in, st->units), fmt_bytes(b, e->out,
		    st->units), fmt_bytes(c, e->in + e->out, st->units));
	}
	add_ports(v, st, "TCP ports on this host", h->ports[PORTS_TCP], 1);
	add_ports(v, st, "TCP ports on remote hosts",
	    h->ports[PORTS_TCP_REMOTE], 1);
	add_ports(v, st, "UDP ports on this host", h->ports[PORTS_UDP], 0);
	add_ports(v, st, "UDP ports on remote hosts",
	    h->ports[PORTS_UDP_REMOTE], 0);
	add_conns(v, st, h);
	view->shown = 1;
	view->filtered = 0;
}

void
detail_view_set(struct view *view, const void *addr)
{
	struct dv *v = view->priv;

	memcpy(&v->addr, addr, sizeof v->addr);
	v->page.top = 0;
	v->nhist = 0;
	v->prev_seq = 0;
}

struct view *
detail_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);

	view->name = "Host";
	view->update = update;
	view->draw = page_view_draw;
	view->key = page_view_key;
	view->destroy = page_view_destroy;
	view->priv = xcalloc(1, sizeof(struct dv));
	return view;
}
