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
#include "tables.h"
#include "tview.h"
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

/* The view's own state: the total, for the SHARE column. */
struct pv {
	uint64_t	total;
};

static int
cmp(const void *pa, const void *pb, int col, int desc)
{
	const struct prow *a = pa, *b = pb;
	int c;

	switch (col) {
	case C_NUM:
	case C_NAME:
		c = a->num - b->num;
		break;
	case C_V4:
		c = tview_cmp(a->v4, b->v4);
		break;
	case C_V6:
		c = tview_cmp(a->v6, b->v6);
		break;
	case C_HOSTS:
		c = tview_cmp(a->hosts, b->hosts);
		break;
	default:
		c = tview_cmp(a->v4 + a->v6, b->v4 + b->v6);
	}
	if (c == 0)
		c = b->num - a->num;
	return desc ? -c : c;
}

static int
same(const void *a, const void *b)
{
	return ((const struct prow *)a)->num == ((const struct prow *)b)->num;
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct pv *v = tview_of(view)->ext;
	struct prow all[256], *rows;
	struct host **hs;
	size_t i, j, n, k = 0;

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
	rows = xcalloc(256, sizeof *rows);
	v->total = 0;
	for (i = 0; i < 256; i++)
		if (all[i].hosts) {
			rows[k++] = all[i];
			v->total += all[i].v4 + all[i].v6;
		}
	view->shown = k;
	view->filtered = 0;
	tview_set_rows(view, rows, k);
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct tview *tv = tview_of(ctx);
	const struct pv *v = tv->ext;
	const struct prow *p = tview_row(tv, r);
	enum fmt_units u = tv->st->units;
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
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v4 + p->v6, u));
		break;
	case C_V4:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v4, u));
		break;
	case C_V6:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->v6, u));
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

/* The table, and the histogram below it when there is room. */
static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	int sizes_h = SIZE_BUCKETS + 2;

	if (h < sizes_h + 4) {		/* too short for both */
		tview_draw(view, st, win, y, h, w);
		return;
	}
	tview_draw(view, st, win, y, h - sizes_h, w);
	draw_sizes(st, win, y + h - sizes_h + 1, w);
}

static const struct tview_ops ops = {
	.name = "Protocols",
	.cols = cols,
	.ncols = NCOLS,
	.sort_col = C_BYTES,
	.row_size = sizeof(struct prow),
	.update = update,
	.cmp = cmp,
	.same = same,
	.cell = cell,
};

struct view *
protos_view_new(void)
{
	struct view *view = tview_new(&ops, xcalloc(1, sizeof(struct pv)));

	view->draw = draw;
	return view;
}
