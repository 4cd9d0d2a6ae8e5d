/*
 * hosts_view.c: one row per host: address, MAC, current rates, totals,
 * packets, last seen and a bar. Every column sorts; the selection follows
 * its host across re-sorts and refreshes.
 */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "filter.h"
#include "hosts.h"
#include "table.h"
#include "tables.h"
#include "view.h"
#include "xmalloc.h"

enum { C_HOST, C_NAME, C_MAC, C_RIN, C_ROUT, C_IN, C_OUT, C_TOTAL, C_PKTS, C_LAST,
    C_BAR, NCOLS };

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

struct row {
	const struct host	*h;
	double			 rin;
	double			 rout;
	char			 name[64];	/* cached DNS name or "" */
};

struct hv {
	struct table		 t;
	struct row		*rows;
	struct prev		*prev;
	size_t			 nprev;
	uint64_t		 prev_seq;	/* snapshot prev comes from */
	struct addr		 selected;	/* followed across re-sorts */
	uint64_t		 max_total;
	double			 max_rate;
	const struct ui_state	*st;
};

static int
cmp_prev(const void *a, const void *b)
{
	return addr_cmp(&((const struct prev *)a)->addr,
	    &((const struct prev *)b)->addr);
}

static int sort_col, sort_desc;	/* for the qsort comparator */

static int
cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_row(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = 0;

	switch (sort_col) {
	case C_HOST:
		c = addr_cmp(&a->h->addr, &b->h->addr);
		break;
	case C_MAC:
		c = memcmp(a->h->mac, b->h->mac, 6);
		break;
	case C_NAME:
		c = strcmp(a->name, b->name);
		break;
	case C_RIN:
		c = (a->rin > b->rin) - (a->rin < b->rin);
		break;
	case C_ROUT:
		c = (a->rout > b->rout) - (a->rout < b->rout);
		break;
	case C_IN:
		c = cmp_u64(a->h->in, b->h->in);
		break;
	case C_OUT:
		c = cmp_u64(a->h->out, b->h->out);
		break;
	case C_PKTS:
		c = cmp_u64(a->h->pkts_in + a->h->pkts_out,
		    b->h->pkts_in + b->h->pkts_out);
		break;
	case C_LAST:
		c = (a->h->last_seen > b->h->last_seen) -
		    (a->h->last_seen < b->h->last_seen);
		break;
	default:
		c = cmp_u64(a->h->in + a->h->out, b->h->in + b->h->out);
		break;
	}
	if (c == 0)	/* a stable, meaningful order among equals */
		c = -addr_cmp(&a->h->addr, &b->h->addr);
	return sort_desc ? -c : c;
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

static void
update(struct view *view, const struct ui_state *st)
{
	struct hv *v = view->priv;
	struct host **all;
	size_t i, n, k = 0;

	v->st = st;
	all = hosts_list(st->snap->hosts, &n);
	free(v->rows);
	v->rows = n ? xreallocarray(NULL, n, sizeof *v->rows) : NULL;
	v->max_total = 0;
	v->max_rate = 0;
	/* Rates only against the snapshot just before this one. */
	if (v->prev_seq + 1 != st->seq)
		v->nprev = 0;
	v->prev_seq = st->seq;
	for (i = 0; i < n; i++) {
		const struct prev *p = find_prev(v, &all[i]->addr);
		struct row *r;

		r = &v->rows[k];
		r->name[0] = '\0';
		if (st->names)
			dns_name(&all[i]->addr, r->name, sizeof r->name, 0);
		if (!filter_match(st->filter, all[i], r->name))
			continue;
		k++;
		r->h = all[i];
		r->rin = p && st->dt > 0 && all[i]->in >= p->in ?
		    (double)(all[i]->in - p->in) / st->dt : 0;
		r->rout = p && st->dt > 0 && all[i]->out >= p->out ?
		    (double)(all[i]->out - p->out) / st->dt : 0;
		if (all[i]->in + all[i]->out > v->max_total)
			v->max_total = all[i]->in + all[i]->out;
		if (r->rin + r->rout > v->max_rate)
			v->max_rate = r->rin + r->rout;
	}
	view->shown = k;
	view->filtered = n - k;
	/* Remember this snapshot's figures for the next rates. */
	free(v->prev);
	v->prev = n ? xreallocarray(NULL, n, sizeof *v->prev) : NULL;
	for (i = 0; i < n; i++) {
		v->prev[i].addr = all[i]->addr;
		v->prev[i].in = all[i]->in;
		v->prev[i].out = all[i]->out;
	}
	v->nprev = n;
	if (n)
		qsort(v->prev, n, sizeof *v->prev, cmp_prev);
	free(all);
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	if (k)
		qsort(v->rows, k, sizeof *v->rows, cmp_row);
	v->t.nrows = k;
	for (i = 0; i < k; i++)
		if (addr_eq(&v->rows[i].h->addr, &v->selected))
			v->t.sel = i;
	if (k) {
		if (v->t.sel >= k)
			v->t.sel = k - 1;
		v->selected = v->rows[v->t.sel].h->addr;
	}
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct hv *v = ctx;
	const struct row *row = &v->rows[r];
	const struct host *h = row->h;
	enum fmt_units u = v->st->units;
	char tmp[FMT_LEN];
	int i, n;

	switch (col) {
	case C_HOST:
		addr_str(&h->addr, buf);
		break;
	case C_NAME:
		/* Ask only for the rows on screen, as darkstat does. */
		if (v->st->names && dns_name(&h->addr, buf, len, 1) == NULL)
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
		    fmt_ago(tmp, v->st->now - h->last_seen) : "never");
		break;
	case C_BAR:
		/* The current rate; the totals once nothing moves. */
		if (v->max_rate > 0)
			n = (int)((row->rin + row->rout) * 10 / v->max_rate);
		else
			n = v->max_total ? (int)((h->in + h->out) * 10 /
			    v->max_total) : 0;
		for (i = 0; i < n && i < 10; i++)
			buf[i] = '#';
		buf[i] = '\0';
		break;
	}
}

static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	struct hv *v = view->priv;

	v->st = st;
	v->t.ascii = st->ascii;
	v->t.hide = st->names ? 0 : 1u << C_NAME;
	table_draw(win, y, h, w, &v->t, cell, v);
}

static int
key(struct view *view, int k)
{
	struct hv *v = view->priv;
	int sorted = v->t.sort_col, desc = v->t.sort_desc;

	if (k == '\n' || k == '\r' || k == KEY_ENTER)
		return v->t.nrows ? VIEW_ENTER : VIEW_HANDLED;
	if (!table_key(&v->t, k, 10))
		return VIEW_IGNORED;
	if (sorted != v->t.sort_col || desc != v->t.sort_desc) {
		sort_col = v->t.sort_col;
		sort_desc = v->t.sort_desc;
		qsort(v->rows, v->t.nrows, sizeof *v->rows, cmp_row);
		for (size_t i = 0; i < v->t.nrows; i++)
			if (addr_eq(&v->rows[i].h->addr, &v->selected))
				v->t.sel = i;
	}
	if (v->t.nrows)
		v->selected = v->rows[v->t.sel].h->addr;
	return VIEW_HANDLED;
}

static void
export(struct view *view, FILE *f, int json)
{
	struct hv *v = view->priv;

	(json ? table_json : table_csv)(f, &v->t, cell, v);
}

static int
click(struct view *view, int row, int x, int dbl)
{
	struct hv *v = view->priv;
	size_t i;

	if (table_click(&v->t, row, x)) {
		if (v->t.nrows)
			v->selected = v->rows[v->t.sel].h->addr;
		return dbl && v->t.nrows ? VIEW_ENTER : VIEW_HANDLED;
	}
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	qsort(v->rows, v->t.nrows, sizeof *v->rows, cmp_row);
	for (i = 0; i < v->t.nrows; i++)
		if (addr_eq(&v->rows[i].h->addr, &v->selected))
			v->t.sel = i;
	return VIEW_HANDLED;
}

static const char *
sort_name(const struct view *view, int *desc)
{
	const struct hv *v = view->priv;

	*desc = v->t.sort_desc;
	return cols[v->t.sort_col].title[0] ? cols[v->t.sort_col].title :
	    "BAR";
}

int
hosts_view_selected(const struct view *view, void *addr)
{
	const struct hv *v = view->priv;

	if (v->t.nrows == 0)
		return 0;
	memcpy(addr, &v->rows[v->t.sel].h->addr, sizeof(struct addr));
	return 1;
}

int
hosts_view_search(struct view *view, const struct filter *f)
{
	struct hv *v = view->priv;
	size_t i, r;

	for (i = 1; i <= v->t.nrows; i++) {
		r = (v->t.sel + i) % v->t.nrows;
		if (filter_match(f, v->rows[r].h, v->rows[r].name)) {
			v->t.sel = r;
			v->selected = v->rows[r].h->addr;
			return 1;
		}
	}
	return 0;
}

struct view *
hosts_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);
	struct hv *v = xcalloc(1, sizeof *v);

	v->t.cols = cols;
	v->t.ncols = NCOLS;
	v->t.sort_col = C_TOTAL;
	v->t.sort_desc = 1;
	view->name = "Hosts";
	view->update = update;
	view->draw = draw;
	view->key = key;
	view->sort_name = sort_name;
	view->export = export;
	view->click = click;
	view->priv = v;
	return view;
}
