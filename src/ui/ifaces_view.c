/*
 * ifaces_view.c: iptraf's interface statistics, one block per capture
 * source (packets, bytes, current and peak rate, kernel drops, the
 * IPv4/IPv6 and TCP/UDP/ICMP/other split), then the LAN stations: hosts
 * grouped by MAC address.
 */
#include <stdlib.h>
#include <string.h>

#include "cap.h"
#include "hosts.h"
#include "tables.h"
#include "page.h"
#include "view.h"
#include "xmalloc.h"

struct station {
	uint8_t		mac[6];
	uint64_t	addrs;
	uint64_t	in;
	uint64_t	out;
};

/* The page comes first: page.c's callbacks take priv as a struct page. */
struct iv {
	struct page	 page;
	uint64_t	 prev[TABLES_IFACES];	/* bytes at the last update */
	uint64_t	 prev_seq;		/* of that snapshot */
	double		 peak[TABLES_IFACES];
};


static int
cmp_station(const void *a, const void *b)
{
	const struct station *x = a, *y = b;
	uint64_t tx = x->in + x->out, ty = y->in + y->out;

	return (tx < ty) - (tx > ty);
}

static int
cmp_mac(const void *a, const void *b)
{
	return memcmp((*(struct host *const *)a)->mac,
	    (*(struct host *const *)b)->mac, 6);
}

static double
pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void
add_iface(struct iv *v, const struct ui_state *st, int i)
{
	const struct iface_totals *f = &st->snap->totals.iface[i];
	char a[FMT_LEN], b[FMT_LEN], c[FMT_LEN], d[FMT_LEN], e[FMT_LEN];
	struct cap_info ci;
	/* A rate needs the figures of the snapshot just before this one. */
	double rate = v->prev_seq + 1 == st->seq && st->dt > 0 &&
	    f->bytes >= v->prev[i] ? (double)(f->bytes - v->prev[i]) / st->dt :
	    0;

	if (rate > v->peak[i])
		v->peak[i] = rate;
	v->prev[i] = f->bytes;
	cap_info(i, &ci);
	page_add(&v->page, "%s (%s)", ci.name, ci.linktype ? ci.linktype : "?");
	page_add(&v->page, "  packets %s   bytes %s   rate %s   peak %s", fmt_count(a,
	    f->packets), fmt_bytes(b, f->bytes, st->units), fmt_rate(c, rate,
	    st->units), fmt_rate(d, v->peak[i], st->units));
	page_add(&v->page, "  kernel: received %s, dropped %s (%.2f%%)", fmt_count(a,
	    ci.received), fmt_count(e, ci.dropped), pct(ci.dropped,
	    ci.received + ci.dropped));
	page_add(&v->page, "  IPv4 %s (%.1f%%)   IPv6 %s (%.1f%%)", fmt_bytes(a,
	    f->v4_bytes, st->units), pct(f->v4_bytes, f->bytes), fmt_bytes(b,
	    f->v6_bytes, st->units), pct(f->v6_bytes, f->bytes));
	page_add(&v->page, "  TCP %s   UDP %s   ICMP %s   other %s", fmt_bytes(a,
	    f->tcp_bytes, st->units), fmt_bytes(b, f->udp_bytes, st->units),
	    fmt_bytes(c, f->icmp_bytes, st->units), fmt_bytes(d,
	    f->other_bytes, st->units));
	page_add(&v->page, "%s", "");
}

static void
add_stations(struct iv *v, const struct ui_state *st)
{
	struct host **hs = NULL;
	struct station *s;
	char a[FMT_LEN], b[FMT_LEN], c[FMT_LEN];
	size_t i, n, k = 0;

	hs = hosts_list(st->snap->hosts, &n);
	if (n)
		qsort(hs, n, sizeof *hs, cmp_mac);
	s = n ? xcalloc(n, sizeof *s) : NULL;
	for (i = 0; i < n; i++) {
		if (k == 0 || memcmp(s[k - 1].mac, hs[i]->mac, 6) != 0)
			memcpy(s[k++].mac, hs[i]->mac, 6);
		s[k - 1].addrs++;
		s[k - 1].in += hs[i]->in;
		s[k - 1].out += hs[i]->out;
	}
	if (k)
		qsort(s, k, sizeof *s, cmp_station);
	page_add(&v->page, "LAN stations (hosts by MAC address): %zu", k);
	page_add(&v->page, "  %-17s %6s %8s %8s %8s", "MAC", "ADDRS", "IN", "OUT",
	    "TOTAL");
	for (i = 0; i < k; i++)
		page_add(&v->page, "  %02x:%02x:%02x:%02x:%02x:%02x %6llu %8s %8s %8s",
		    s[i].mac[0], s[i].mac[1], s[i].mac[2], s[i].mac[3],
		    s[i].mac[4], s[i].mac[5], (unsigned long long)s[i].addrs,
		    fmt_bytes(a, s[i].in, st->units), fmt_bytes(b, s[i].out,
		    st->units), fmt_bytes(c, s[i].in + s[i].out, st->units));
	free(s);
	free(hs);
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct iv *v = view->priv;
	int i;

	page_clear(&v->page);
	for (i = 0; i < cap_count() && i < TABLES_IFACES; i++)
		add_iface(v, st, i);
	add_stations(v, st);
	v->prev_seq = st->seq;
	view->shown = (size_t)cap_count();
	view->filtered = 0;
}

struct view *
ifaces_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);

	view->name = "Interfaces";
	view->update = update;
	view->draw = page_view_draw;
	view->key = page_view_key;
	view->destroy = page_view_destroy;
	view->priv = xcalloc(1, sizeof(struct iv));
	return view;
}
