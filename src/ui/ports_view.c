/*
 * ports_view.c: every TCP and UDP port across all hosts ("ports on this
 * host" tables summed), the top ones by traffic and one "other" row for
 * the rest, with service names from the system's services database.
 */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "hosts.h"
#include "ports.h"
#include "table.h"
#include "tables.h"
#include "view.h"
#include "xmalloc.h"

#define TOP	100	/* rows before "other" */

enum { C_PROTO, C_PORT, C_SERVICE, C_IN, C_OUT, C_TOTAL, C_SYN, C_HOSTS,
    NCOLS };

static const struct column cols[NCOLS] = {
	[C_PROTO] = { "PROTO", 5, 0, 0 },
	[C_PORT] = { "PORT", 6, 1, 0 },
	[C_SERVICE] = { "SERVICE", 16, 0, 3 },
	[C_IN] = { "IN", 8, 1, 2 },
	[C_OUT] = { "OUT", 8, 1, 2 },
	[C_TOTAL] = { "TOTAL", 8, 1, 0 },
	[C_SYN] = { "SYN", 8, 1, 4 },
	[C_HOSTS] = { "HOSTS", 7, 1, 5 },
};

struct prow {
	int		tcp;	/* 1 TCP, 0 UDP, -1 the "other" row */
	uint16_t	port;
	uint64_t	in;
	uint64_t	out;
	uint64_t	syn;
	uint64_t	hosts;
};

struct pv {
	struct table		 t;
	struct prow		*rows;
	const struct ui_state	*st;
};

static int sort_col, sort_desc;

static int
cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_total(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;

	return -cmp_u64(a->in + a->out, b->in + b->out);
}

static int
cmp_row(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;
	int c;

	if (a->tcp < 0 || b->tcp < 0)	/* "other" stays last */
		return a->tcp < 0 ? 1 : -1;
	switch (sort_col) {
	case C_PROTO:
		c = a->tcp - b->tcp;
		break;
	case C_PORT:
		c = a->port - b->port;
		break;
	case C_IN:
		c = cmp_u64(a->in, b->in);
		break;
	case C_OUT:
		c = cmp_u64(a->out, b->out);
		break;
	case C_SYN:
		c = cmp_u64(a->syn, b->syn);
		break;
	case C_HOSTS:
		c = cmp_u64(a->hosts, b->hosts);
		break;
	default:
		c = cmp_u64(a->in + a->out, b->in + b->out);
	}
	if (c == 0)
		c = b->port - a->port;
	return sort_desc ? -c : c;
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct pv *v = view->priv;
	struct prow *all = xcalloc(2 * 65536, sizeof *all), *p;
	struct host **hs;
	size_t i, j, n, k = 0;

	v->st = st;
	hs = hosts_list(st->snap->hosts, &n);
	for (i = 0; i < n; i++) {
		static const int tables[2] = { PORTS_UDP, PORTS_TCP };
		int tcp;

		for (tcp = 0; tcp < 2; tcp++) {
			const struct ports *pt = hs[i]->ports[tables[tcp]];

			for (j = 0; j < ports_count(pt); j++) {
				const struct port_entry *e = ports_at(pt, j);

				p = &all[tcp * 65536 + e->port];
				p->tcp = tcp;
				p->port = e->port;
				p->in += e->in;
				p->out += e->out;
				p->syn += e->syn;
				p->hosts++;
			}
		}
	}
	free(hs);
	for (i = 0; i < 2 * 65536; i++)
		if (all[i].hosts)
			all[k++] = all[i];
	qsort(all, k, sizeof *all, cmp_total);
	if (k > TOP) {		/* fold the tail into one "other" row */
		p = &all[TOP];
		for (i = TOP + 1; i < k; i++) {
			p->in += all[i].in;
			p->out += all[i].out;
			p->syn += all[i].syn;
			p->hosts += all[i].hosts;
		}
		p->tcp = -1;
		k = TOP + 1;
	}
	free(v->rows);
	v->rows = all;
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	qsort(v->rows, k, sizeof *v->rows, cmp_row);
	v->t.nrows = k;
	view->shown = k;
	view->filtered = 0;
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct pv *v = ctx;
	const struct prow *p = &v->rows[r];
	struct servent *se;
	char tmp[FMT_LEN];

	switch (col) {
	case C_PROTO:
		snprintf(buf, len, "%s", p->tcp < 0 ? "other" : p->tcp ?
		    "tcp" : "udp");
		break;
	case C_PORT:
		if (p->tcp >= 0)
			snprintf(buf, len, "%u", p->port);
		break;
	case C_SERVICE:
		if (p->tcp >= 0 && v->st->services && (se = getservbyport(
		    htons(p->port), p->tcp ? "tcp" : "udp")) != NULL)
			snprintf(buf, len, "%s", se->s_name);
		break;
	case C_IN:
		fmt_bytes(tmp, p->in, v->st->units);
		snprintf(buf, len, "%s", tmp);
		break;
	case C_OUT:
		fmt_bytes(tmp, p->out, v->st->units);
		snprintf(buf, len, "%s", tmp);
		break;
	case C_TOTAL:
		fmt_bytes(tmp, p->in + p->out, v->st->units);
		snprintf(buf, len, "%s", tmp);
		break;
	case C_SYN:
		if (p->tcp != 0)
			snprintf(buf, len, "%s", fmt_count(tmp, p->syn));
		break;
	case C_HOSTS:
		snprintf(buf, len, "%s", fmt_count(tmp, p->hosts));
		break;
	}
}

static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	struct pv *v = view->priv;

	v->st = st;
	v->t.ascii = st->ascii;
	table_draw(win, y, h, w, &v->t, cell, v);
}

static int
key(struct view *view, int k)
{
	struct pv *v = view->priv;

	if (!table_key(&v->t, k, 10))
		return VIEW_IGNORED;
	sort_col = v->t.sort_col;
	sort_desc = v->t.sort_desc;
	qsort(v->rows, v->t.nrows, sizeof *v->rows, cmp_row);
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
		qsort(v->rows, v->t.nrows, sizeof *v->rows, cmp_row);
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
ports_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);
	struct pv *v = xcalloc(1, sizeof *v);

	v->t.cols = cols;
	v->t.ncols = NCOLS;
	v->t.sort_col = C_TOTAL;
	v->t.sort_desc = 1;
	view->name = "Ports";
	view->update = update;
	view->draw = draw;
	view->key = key;
	view->sort_name = sort_name;
	view->export = export;
	view->click = click;
	view->priv = v;
	return view;
}
