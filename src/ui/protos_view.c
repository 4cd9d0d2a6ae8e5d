/*
 * protos_view.c: IP protocols across all hosts. Every accounted packet is
 * one sender's "out" under its protocol, so summing the senders' side
 * counts each packet once; the IPv4/IPv6 split follows the sender's
 * address family.
 */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "hosts.h"
#include "protos.h"
#include "table.h"
#include "tables.h"
#include "view.h"
#include "xmalloc.h"

enum { C_NUM, C_NAME, C_BYTES, C_V4, C_V6, C_SHARE, C_HOSTS, NCOLS };

static const struct column cols[NCOLS] = {
	[C_NUM] = { "PROTO", 5, 1, 0 },
	[C_NAME] = { "NAME", 12, 0, 0 },
	[C_BYTES] = { "BYTES", 8, 1, 0 },
	[C_V4] = { "IPv4", 8, 1, 2 },
	[C_V6] = { "IPv6", 8, 1, 2 },
	[C_SHARE] = { "SHARE", 6, 1, 3 },
	[C_HOSTS] = { "HOSTS", 7, 1, 4 },
};

struct prow {
	int		num;
	uint64_t	v4;
	uint64_t	v6;
	uint64_t	hosts;
};

struct pv {
	struct table		 t;
	struct prow		 rows[256];
	uint64_t		 total;
	const struct ui_state	*st;
};

static int sort_col, sort_desc;

static int
cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_row(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;
	int c;

	switch (sort_col) {
	case C_NUM:
	case C_NAME:
		c = a->num - b->num;
		break;
	case C_V4:
		c = cmp_u64(a->v4, b->v4);
		break;
	case C_V6:
		c = cmp_u64(a->v6, b->v6);
		break;
	case C_HOSTS:
		c = cmp_u64(a->hosts, b->hosts);
		break;
	default:
		c = cmp_u64(a->v4 + a->v6, b->v4 + b->v6);
	}
	if (c == 0)
		c = b->num - a->num;
	return sort_desc ? -c : c;
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct pv *v = view->priv;
	struct prow all[256];
	struct host **hs;
	size_t i, j, n, k = 0;

	v->st = st;
	memset(all, 0, sizeof all);
	hs = hosts_list(st->snap->hosts, &n);
	for (i = 0; i < n; i++)
		for (j = 0; j < protos_count(hs[i]->protos); j++) {
			const struct proto_entry *e = protos_at(hs[i]->protos, j);
			struct prow *p = &all[e->proto];

			p->num = e->proto;
			if (hs[i]->addr.family == 4)
				p->v4 += e->out;
			else
				p->v6 += e->out;
			p->hosts++;
		}
	free(hs);
	v->total = 0;
	for (i = 0; i < 256; i++)
		if (all[i].hosts) {
			v->rows[k++] = all[i];
			v->total += all[i].v4 + all[i].v6;
		}
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	qsort(v->rows, k, sizeof v->rows[0], cmp_row);
	v->t.nrows = k;
	view->shown = k;
	view->filtered = 0;
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct pv *v = ctx;
	const struct prow *p = &v->rows[r];
	struct protoent *pe;
	char tmp[FMT_LEN];

	switch (col) {
	case C_NUM:
		snprintf(buf, len, "%d", p->num);
		break;
	case C_NAME:
		if ((pe = getprotobynumber(p->num)) != NULL)
			snprintf(buf, len, "%s", pe->p_name);
		break;
	case C_BYTES:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v4 + p->v6,
		    v->st->units));
		break;
	case C_V4:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v4, v->st->units));
		break;
	case C_V6:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v6, v->st->units));
		break;
	case C_SHARE:
		snprintf(buf, len, "%.1f%%", v->total ? 100.0 *
		    (double)(p->v4 + p->v6) / (double)v->total : 0.0);
		break;
	case C_HOSTS:
		snprintf(buf, len, "%s", fmt_count(tmp, p->hosts));
		break;
	}
}

/* The packet-size histogram: one bar per size bucket. */
static void
draw_sizes(const struct ui_state *st, WINDOW *win, int y, int w)
{
	const struct totals *s = &st->snap->totals;
	uint64_t max = 1;
	char label[32], count[FMT_LEN];
	int i, j, bar, room = w - 32;

	for (i = 0; i < SIZE_BUCKETS; i++)
		if (s->sizes[i] > max)
			max = s->sizes[i];
	wattron(win, A_BOLD);
	mvwaddnstr(win, y, 0, "Packet sizes (IP length)", w);
	wattroff(win, A_BOLD);
	for (i = 0; i < SIZE_BUCKETS; i++) {
		if (i == 0)
			snprintf(label, sizeof label, "      0-%u", size_bucket_max[0]);
		else if (i + 1 < SIZE_BUCKETS)
			snprintf(label, sizeof label, "%6u-%u", size_bucket_max[i - 1]
			    + 1, size_bucket_max[i]);
		else
			snprintf(label, sizeof label, " >%u (GSO)",
			    size_bucket_max[i - 1]);
		mvwprintw(win, y + 1 + i, 0, "%-16s %12s ", label, fmt_count(count,
		    s->sizes[i]));
		bar = room > 0 ? (int)(s->sizes[i] * (uint64_t)room / max) : 0;
		if (s->sizes[i] && bar == 0)
			bar = 1;
		for (j = 0; j < bar; j++)
			mvwaddstr(win, y + 1 + i, 31 + j, st->ascii ? "#" :
			    "\u2588");
	}
}

static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	struct pv *v = view->priv;
	int sizes_h = SIZE_BUCKETS + 2;

	v->st = st;
	v->t.ascii = st->ascii;
	if (h < sizes_h + 4) {		/* too short for both */
		table_draw(win, y, h, w, &v->t, cell, v);
		return;
	}
	table_draw(win, y, h - sizes_h, w, &v->t, cell, v);
	draw_sizes(st, win, y + h - sizes_h + 1, w);
}

static int
key(struct view *view, int k)
{
	struct pv *v = view->priv;

	if (!table_key(&v->t, k, 10))
		return VIEW_IGNORED;
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	qsort(v->rows, v->t.nrows, sizeof v->rows[0], cmp_row);
	return VIEW_HANDLED;
}

static void
export(struct view *view, FILE *f, int json)
{
	struct pv *v = view->priv;

	(json ? table_json : table_csv)(f, &v->t, cell, v);
}

static int
click(struct view *view, int row, int x, int dbl)
{
	struct pv *v = view->priv;

	(void)dbl;
	if (!table_click(&v->t, row, x)) {
		sort_col = v->t.sort_col;
		sort_desc = v->t.sort_desc;
		qsort(v->rows, v->t.nrows, sizeof v->rows[0], cmp_row);
	}
	return VIEW_HANDLED;
}

static const char *
sort_name(const struct view *view, int *desc)
{
	const struct pv *v = view->priv;

	*desc = v->t.sort_desc;
	return cols[v->t.sort_col].title;
}

struct view *
protos_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);
	struct pv *v = xcalloc(1, sizeof *v);

	v->t.cols = cols;
	v->t.ncols = NCOLS;
	v->t.sort_col = C_BYTES;
	v->t.sort_desc = 1;
	view->name = "Protocols";
	view->update = update;
	view->draw = draw;
	view->key = key;
	view->sort_name = sort_name;
	view->export = export;
	view->click = click;
	view->priv = v;
	return view;
}
