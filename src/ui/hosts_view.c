/*
 * hosts_view.c: one row per host: address, name, MAC, current rates,
 * totals, packets, last seen and a bar. Every column sorts; the selection
 * follows its host (tview.c).
 */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "filter.h"
#include "hosts.h"
#include "tables.h"
#include "tview.h"
#include "xmalloc.h"

enum { C_HOST, C_NAME, C_MAC, C_RIN, C_ROUT, C_IN, C_OUT, C_TOTAL, C_PKTS,
    C_LAST, C_BAR, NCOLS };

/*
 * Narrow terminals hide, in this order: the bar, LAST, PKTS, MAC, the IN
 * and OUT totals, the name, the rates. HOST and TOTAL always stay.
 */
static const struct column cols[NCOLS] = {
	[C_HOST] = { "HOST", 39, 0, 0 },
	[C_NAME] = { "NAME", 24, 0, 3 },
	[C_MAC] = { "MAC", 17, 0, 5 },
	[C_RIN] = { "IN/s", 8, 1, 2 },
	[C_ROUT] = { "OUT/s", 8, 1, 2 },
	[C_IN] = { "IN", 7, 1, 4 },
	[C_OUT] = { "OUT", 7, 1, 4 },
	[C_TOTAL] = { "TOTAL", 7, 1, 0 },
	[C_PKTS] = { "PKTS", 9, 1, 6 },
	[C_LAST] = { "LAST", 5, 1, 7 },
	[C_BAR] = { "", 10, 0, 8 },
};

/* A host's figures from the previous snapshot, for rates. */
struct prev {
	struct addr	addr;
	uint64_t	in;
	uint64_t	out;
};

/* A row is a copy of the host record: snapshots come and go. */
struct row {
	struct host	h;
	double		rin;
	double		rout;
	char		name[64];	/* cached DNS name or "" */
};

struct hv {
	struct prev	*prev;
	size_t		 nprev;
	uint64_t	 prev_seq;	/* snapshot prev comes from */
	uint64_t	 max_total;
	double		 max_rate;
};

static int
cmp_prev(const void *a, const void *b)
{
	return addr_cmp(&((const struct prev *)a)->addr,
	    &((const struct prev *)b)->addr);
}

static int
cmp_dbl(double a, double b)
{
	return (a > b) - (a < b);
}

static int
cmp(const void *pa, const void *pb, int col, int desc)
{
	const struct row *a = pa, *b = pb;
	int c;

	switch (col) {
	case C_HOST:
		c = addr_cmp(&a->h.addr, &b->h.addr);
		break;
	case C_NAME:
		c = strcmp(a->name, b->name);
		break;
	case C_MAC:
		c = memcmp(a->h.mac, b->h.mac, 6);
		break;
	case C_RIN:
		c = cmp_dbl(a->rin, b->rin);
		break;
	case C_ROUT:
		c = cmp_dbl(a->rout, b->rout);
		break;
	case C_IN:
		c = tview_cmp(a->h.in, b->h.in);
		break;
	case C_OUT:
		c = tview_cmp(a->h.out, b->h.out);
		break;
	case C_PKTS:
		c = tview_cmp(a->h.pkts_in + a->h.pkts_out,
		    b->h.pkts_in + b->h.pkts_out);
		break;
	case C_LAST:
		c = (a->h.last_seen > b->h.last_seen) -
		    (a->h.last_seen < b->h.last_seen);
		break;
	case C_BAR:
		c = cmp_dbl(a->rin + a->rout, b->rin + b->rout);
		break;
	default:
		c = tview_cmp(a->h.in + a->h.out, b->h.in + b->h.out);
		break;
	}
	if (c == 0)	/* a stable, meaningful order among equals */
		c = -addr_cmp(&a->h.addr, &b->h.addr);
	return desc ? -c : c;
}

static int
same(const void *a, const void *b)
{
	return addr_eq(&((const struct row *)a)->h.addr,
	    &((const struct row *)b)->h.addr);
}

/* The previous figures of a, or NULL if it is new. */
static const struct prev *
find_prev(const struct hv *v, const struct addr *a)
{
	struct prev key;

	key.addr = *a;
	return v->nprev ? bsearch(&key, v->prev, v->nprev, sizeof key,
	    cmp_prev) : NULL;
}

static double
rate(uint64_t now, uint64_t before, double dt)
{
	return dt > 0 && now >= before ? (double)(now - before) / dt : 0;
}

/* Remember this snapshot's figures for the next rates. */
static void
keep_prev(struct hv *v, struct host **all, size_t n, uint64_t seq)
{
	size_t i;

	free(v->prev);
	v->prev = n ? xreallocarray(NULL, n, sizeof *v->prev) : NULL;
	for (i = 0; i < n; i++) {
		v->prev[i].addr = all[i]->addr;
		v->prev[i].in = all[i]->in;
		v->prev[i].out = all[i]->out;
	}
	v->nprev = n;
	v->prev_seq = seq;
	if (n)
		qsort(v->prev, n, sizeof *v->prev, cmp_prev);
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct hv *v = tview_of(view)->ext;
	struct host **all;
	struct row *rows;
	size_t i, n, k = 0;

	all = hosts_list(st->snap->hosts, &n);
	rows = n ? xreallocarray(NULL, n, sizeof *rows) : NULL;
	v->max_total = 0;
	v->max_rate = 0;
	/* Rates only against the snapshot just before this one. */
	if (v->prev_seq + 1 != st->seq)
		v->nprev = 0;
	for (i = 0; i < n; i++) {
		const struct prev *p = find_prev(v, &all[i]->addr);
		struct row *r = &rows[k];

		r->name[0] = '\0';
		if (st->names)
			dns_name(&all[i]->addr, r->name, sizeof r->name, 0);
		if (!filter_match(st->filter, all[i], r->name))
			continue;
		k++;
		r->h = *all[i];
		r->rin = p ? rate(all[i]->in, p->in, st->dt) : 0;
		r->rout = p ? rate(all[i]->out, p->out, st->dt) : 0;
		if (r->h.in + r->h.out > v->max_total)
			v->max_total = r->h.in + r->h.out;
		if (r->rin + r->rout > v->max_rate)
			v->max_rate = r->rin + r->rout;
	}
	view->shown = k;
	view->filtered = n - k;
	keep_prev(v, all, n, st->seq);
	free(all);
	/* The name column shows only with names on. */
	tview_of(view)->t.hide = st->names ? 0 : 1u << C_NAME;
	tview_set_rows(view, rows, k);
}

static void
cell(void *ctx, size_t i, int col, char *buf, size_t len)
{
	struct tview *tv = tview_of(ctx);
	const struct hv *v = tv->ext;
	const struct row *row = tview_row(tv, i);
	const struct host *h = &row->h;
	enum fmt_units u = tv->st->units;
	char tmp[FMT_LEN];
	int j, n;

	switch (col) {
	case C_HOST:
		addr_str(&h->addr, buf);
		break;
	case C_NAME:
		/* Ask only for the rows on screen, as darkstat does. */
		if (tv->st->names && dns_name(&h->addr, buf, len, 1) == NULL)
			snprintf(buf, len, "%s", "...");
		break;
	case C_MAC:
		snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", h->mac[0],
		    h->mac[1], h->mac[2], h->mac[3], h->mac[4], h->mac[5]);
		break;
	case C_RIN:
		snprintf(buf, len, "%s", fmt_rate(tmp, row->rin, u));
		break;
	case C_ROUT:
		snprintf(buf, len, "%s", fmt_rate(tmp, row->rout, u));
		break;
	case C_IN:
		snprintf(buf, len, "%s", fmt_bytes(tmp, h->in, u));
		break;
	case C_OUT:
		snprintf(buf, len, "%s", fmt_bytes(tmp, h->out, u));
		break;
	case C_TOTAL:
		snprintf(buf, len, "%s", fmt_bytes(tmp, h->in + h->out, u));
		break;
	case C_PKTS:
		snprintf(buf, len, "%s", fmt_count(tmp,
		    h->pkts_in + h->pkts_out));
		break;
	case C_LAST:
		snprintf(buf, len, "%s", h->last_seen ?
		    fmt_ago(tmp, tv->st->now - h->last_seen) : "never");
		break;
	case C_BAR:
		/* The current rate; the totals once nothing moves. */
		if (v->max_rate > 0)
			n = (int)((row->rin + row->rout) * 10 / v->max_rate);
		else
			n = v->max_total ? (int)((h->in + h->out) * 10 /
			    v->max_total) : 0;
		for (j = 0; j < n && j < 10 && (size_t)j + 1 < len; j++)
			buf[j] = '#';
		buf[j] = '\0';
		break;
	}
}

static void
free_ext(void *ext)
{
	struct hv *v = ext;

	free(v->prev);
	free(v);
}

static const struct tview_ops ops = {
	.name = "Hosts",
	.cols = cols,
	.ncols = NCOLS,
	.sort_col = C_TOTAL,
	.row_size = sizeof(struct row),
	.enter = 1,
	.update = update,
	.cmp = cmp,
	.same = same,
	.cell = cell,
	.free_ext = free_ext,
};

int
hosts_view_selected(const struct view *view, void *addr)
{
	const struct row *r = tview_selected(view);

	if (r == NULL)
		return 0;
	memcpy(addr, &r->h.addr, sizeof(struct addr));
	return 1;
}

int
hosts_view_search(struct view *view, const struct filter *f)
{
	struct tview *v = tview_of(view);
	size_t i, r;

	for (i = 1; i <= v->t.nrows; i++) {
		const struct row *row;

		r = (v->t.sel + i) % v->t.nrows;
		row = tview_row(v, r);
		if (filter_match(f, &row->h, row->name)) {
			tview_select(view, r);
			return 1;
		}
	}
	return 0;
}

struct view *
hosts_view_new(void)
{
	return tview_new(&ops, xcalloc(1, sizeof(struct hv)));
}
