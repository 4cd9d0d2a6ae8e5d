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
#include "tables.h"
#include "tview.h"
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

static int
cmp(const void *pa, const void *pb, int col, int desc)
{
	const struct prow *a = pa, *b = pb;
	int c;

	if (a->tcp < 0 || b->tcp < 0)	/* "other" stays last */
		return (a->tcp < 0) - (b->tcp < 0);
	switch (col) {
	case C_PROTO:
		c = a->tcp - b->tcp;
		break;
	case C_PORT:
		c = a->port - b->port;
		break;
	case C_IN:
		c = tview_cmp(a->in, b->in);
		break;
	case C_OUT:
		c = tview_cmp(a->out, b->out);
		break;
	case C_SYN:
		c = tview_cmp(a->syn, b->syn);
		break;
	case C_HOSTS:
		c = tview_cmp(a->hosts, b->hosts);
		break;
	default:
		c = tview_cmp(a->in + a->out, b->in + b->out);
	}
	if (c == 0)
		c = b->port - a->port;
	return desc ? -c : c;
}

static int
same(const void *pa, const void *pb)
{
	const struct prow *a = pa, *b = pb;

	return a->tcp == b->tcp && a->port == b->port;
}

static int
by_total(const void *a, const void *b)
{
	return cmp(a, b, C_TOTAL, 1);
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct prow *all = xcalloc(2 * 65536, sizeof *all), *p;
	struct host **hs;
	size_t i, j, n, k = 0;

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
	qsort(all, k, sizeof *all, by_total);
	if (k > TOP) {		/* fold the tail into one "other" row */
		p = &all[TOP];
		for (i = TOP + 1; i < k; i++) {
			p->in += all[i].in;
			p->out += all[i].out;
			p->syn += all[i].syn;
			p->hosts += all[i].hosts;
		}
		p->tcp = -1;
		p->port = 0;
		k = TOP + 1;
	}
	view->shown = k;
	view->filtered = 0;
	tview_set_rows(view, xreallocarray(all, k ? k : 1, sizeof *all), k);
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct tview *v = tview_of(ctx);
	const struct prow *p = tview_row(v, r);
	enum fmt_units u = v->st->units;
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
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->in, u));
		break;
	case C_OUT:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->out, u));
		break;
	case C_TOTAL:
		snprintf(buf, len, "%s", fmt_bytes(tmp, p->in + p->out, u));
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

static const struct tview_ops ops = {
	.name = "Ports",
	.cols = cols,
	.ncols = NCOLS,
	.sort_col = C_TOTAL,
	.row_size = sizeof(struct prow),
	.update = update,
	.cmp = cmp,
	.same = same,
	.cell = cell,
};

struct view *
ports_view_new(void)
{
	return tview_new(&ops, NULL);
}
