/*
 * conns_view.c: one row per connection (both directions), with its state,
 * the TCP flags seen each way and those of the last packet, packets and
 * bytes each way, rate, age and idle time; m swaps in RTT, retransmission
 * and zero-window columns. Rows follow their connection across re-sorts.
 */
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "filter.h"
#include "tables.h"
#include "tview.h"
#include "xmalloc.h"

enum { C_CLIENT, C_SERVER, C_PROTO, C_STATE, C_SEEN, C_LAST, C_PKTS, C_BYTES,
    C_RATE, C_AGE, C_IDLE, C_RTT, C_RETR, C_ZWIN, NCOLS };

static const struct column cols[NCOLS] = {
	[C_PROTO] = { "P", 4, 0, 6 },
	[C_CLIENT] = { "CLIENT", 28, 0, 0 },
	[C_SERVER] = { "SERVER", 28, 0, 0 },
	[C_STATE] = { "STATE", 11, 0, 0 },
	[C_SEEN] = { "SEEN c>s/s>c", 11, 0, 3 },
	[C_LAST] = { "LAST", 5, 0, 4 },
	[C_PKTS] = { "PKTS", 11, 1, 2 },
	[C_BYTES] = { "BYTES", 13, 1, 2 },
	[C_RATE] = { "RATE", 8, 1, 5 },
	[C_AGE] = { "AGE", 5, 1, 7 },
	[C_IDLE] = { "IDLE", 5, 1, 7 },
	[C_RTT] = { "RTT", 8, 1, 1 },
	[C_RETR] = { "RETRANS", 9, 1, 1 },
	[C_ZWIN] = { "ZEROWIN", 9, 1, 1 },
};

/* The columns m cycles through hiding: flags and rates, or health. */
static const unsigned int extra_sets[] = {
	1u << C_RTT | 1u << C_RETR | 1u << C_ZWIN,
	1u << C_SEEN | 1u << C_LAST | 1u << C_RATE | 1u << C_AGE |
	    1u << C_PKTS,
};

struct row {
	struct conn	c;
	double		rate;
};

/* Bytes of each connection at the previous snapshot, for rates. */
struct prev {
	struct conn	key;	/* ends and protocol only */
	uint64_t	bytes;
};

struct cv {
	struct prev	*prev;
	size_t		 nprev;
	uint64_t	 prev_seq;
	int		 extra;		/* index in extra_sets */
};

static int
cmp_ends(const struct conn *a, const struct conn *b)
{
	int c;

	if ((c = addr_cmp(&a->client, &b->client)) != 0 ||
	    (c = addr_cmp(&a->server, &b->server)) != 0)
		return c;
	if (a->cport != b->cport)
		return a->cport < b->cport ? -1 : 1;
	if (a->sport != b->sport)
		return a->sport < b->sport ? -1 : 1;
	return (a->proto > b->proto) - (a->proto < b->proto);
}

static int
cmp_prev(const void *a, const void *b)
{
	return cmp_ends(&((const struct prev *)a)->key,
	    &((const struct prev *)b)->key);
}

static uint64_t
bytes(const struct conn *c)
{
	return c->d[0].bytes + c->d[1].bytes;
}

static int
cmp(const void *pa, const void *pb, int col, int desc)
{
	const struct row *a = pa, *b = pb;
	const struct conn *x = &a->c, *y = &b->c;
	int c;

	switch (col) {
	case C_PROTO:
		c = x->proto - y->proto;
		break;
	case C_CLIENT:
		c = addr_cmp(&x->client, &y->client);
		break;
	case C_SERVER:
		c = addr_cmp(&x->server, &y->server);
		break;
	case C_STATE:
		c = x->state - y->state;
		break;
	case C_SEEN:
		c = (x->d[0].flags | x->d[1].flags << 8) -
		    (y->d[0].flags | y->d[1].flags << 8);
		break;
	case C_LAST:
		c = x->last_flags - y->last_flags;
		break;
	case C_PKTS:
		c = tview_cmp(x->d[0].pkts + x->d[1].pkts,
		    y->d[0].pkts + y->d[1].pkts);
		break;
	case C_RATE:
		c = (a->rate > b->rate) - (a->rate < b->rate);
		break;
	case C_AGE:
		c = tview_cmp((uint64_t)-x->first, (uint64_t)-y->first);
		break;
	case C_IDLE:
		c = tview_cmp((uint64_t)-x->last, (uint64_t)-y->last);
		break;
	case C_RTT:
		c = tview_cmp(x->rtt_us, y->rtt_us);
		break;
	case C_RETR:
		c = tview_cmp(x->d[0].retrans + x->d[1].retrans,
		    y->d[0].retrans + y->d[1].retrans);
		break;
	case C_ZWIN:
		c = tview_cmp(x->d[0].zero_win + x->d[1].zero_win,
		    y->d[0].zero_win + y->d[1].zero_win);
		break;
	default:
		c = tview_cmp(bytes(x), bytes(y));
	}
	if (c == 0)
		c = -cmp_ends(x, y);
	return desc ? -c : c;
}

static int
same(const void *a, const void *b)
{
	return cmp_ends(&((const struct row *)a)->c,
	    &((const struct row *)b)->c) == 0;
}

static void
keep_prev(struct cv *v, const struct conns *t, uint64_t seq)
{
	size_t i, n = conns_count(t);

	free(v->prev);
	v->prev = n ? xreallocarray(NULL, n, sizeof *v->prev) : NULL;
	for (i = 0; i < n; i++) {
		v->prev[i].key = *conns_at(t, i);
		v->prev[i].bytes = bytes(conns_at(t, i));
	}
	v->nprev = n;
	v->prev_seq = seq;
	if (n)
		qsort(v->prev, n, sizeof *v->prev, cmp_prev);
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct tview *tv = tview_of(view);
	struct cv *v = tv->ext;
	const struct conns *t = st->snap->conns;
	size_t i, n = conns_count(t), k = 0;
	struct row *rows = xcalloc(n ? n : 1, sizeof *rows);

	if (v->prev_seq + 1 != st->seq)
		v->nprev = 0;
	for (i = 0; i < n; i++) {
		const struct conn *c = conns_at(t, i);
		struct prev key, *p;

		if (!filter_match_conn(st->filter, c))
			continue;
		rows[k].c = *c;
		key.key = *c;
		p = v->nprev ? bsearch(&key, v->prev, v->nprev, sizeof key,
		    cmp_prev) : NULL;
		rows[k].rate = p && st->dt > 0 && bytes(c) >= p->bytes ?
		    (double)(bytes(c) - p->bytes) / st->dt : 0;
		k++;
	}
	view->shown = k;
	view->filtered = n - k;
	keep_prev(v, t, st->seq);
	tv->t.hide = extra_sets[v->extra];
	tview_set_rows(view, rows, k);
}

static void
cell(void *ctx, size_t r, int col, char *buf, size_t len)
{
	struct tview *tv = tview_of(ctx);
	const struct row *row = tview_row(tv, r);
	const struct conn *c = &row->c;
	enum fmt_units u = tv->st->units;
	char a[ADDR_STRLEN], t1[FMT_LEN], t2[FMT_LEN], f0[9], f1[9];

	switch (col) {
	case C_PROTO:
		snprintf(buf, len, "%s", conn_proto_name(c->proto));
		break;
	case C_CLIENT:
		snprintf(buf, len, "%s%s:%u", c->guessed ? "~" : "",
		    addr_str(&c->client, a), c->cport);
		break;
	case C_SERVER:
		snprintf(buf, len, "%s:%u", addr_str(&c->server, a), c->sport);
		break;
	case C_STATE:
		snprintf(buf, len, "%s%s", conn_state_names[c->state],
		    c->reset_by == 1 ? " c" : c->reset_by == 2 ? " s" : "");
		break;
	case C_SEEN:
		if (c->proto == 6)
			snprintf(buf, len, "%.5s/%.5s", conn_flags_str(
			    c->d[0].flags, f0), conn_flags_str(c->d[1].flags,
			    f1));
		break;
	case C_LAST:
		if (c->proto == 6)
			snprintf(buf, len, "%.5s", conn_flags_str(c->last_flags,
			    f0));
		break;
	case C_PKTS:
		snprintf(buf, len, "%llu/%llu", (unsigned long long)
		    c->d[0].pkts, (unsigned long long)c->d[1].pkts);
		break;
	case C_BYTES:
		snprintf(buf, len, "%s/%s", fmt_bytes(t1, c->d[0].bytes, u),
		    fmt_bytes(t2, c->d[1].bytes, u));
		break;
	case C_RATE:
		snprintf(buf, len, "%s", fmt_rate(t1, row->rate, u));
		break;
	case C_AGE:
		snprintf(buf, len, "%s", fmt_ago(t1, tv->st->now - c->first));
		break;
	case C_IDLE:
		snprintf(buf, len, "%s", fmt_ago(t1, tv->st->now - c->last));
		break;
	case C_RTT:
		if (c->rtt_us)
			snprintf(buf, len, "%.1fms", c->rtt_us / 1000.0);
		break;
	case C_RETR:
		snprintf(buf, len, "%u/%u", c->d[0].retrans, c->d[1].retrans);
		break;
	case C_ZWIN:
		snprintf(buf, len, "%u/%u", c->d[0].zero_win, c->d[1].zero_win);
		break;
	}
}

static void
free_ext(void *ext)
{
	struct cv *v = ext;

	free(v->prev);
	free(v);
}

static const struct tview_ops ops = {
	.name = "Conns",
	.cols = cols,
	.ncols = NCOLS,
	.sort_col = C_BYTES,
	.row_size = sizeof(struct row),
	.enter = 1,
	.update = update,
	.cmp = cmp,
	.same = same,
	.cell = cell,
	.free_ext = free_ext,
};

/* m: the next set of extra columns. */
static int
key(struct view *view, int k)
{
	struct tview *tv = tview_of(view);
	struct cv *v = tv->ext;

	if (k == 'm') {
		v->extra = (v->extra + 1) % (int)(sizeof extra_sets /
		    sizeof extra_sets[0]);
		tv->t.hide = extra_sets[v->extra];
		return VIEW_HANDLED;
	}
	return tview_key(view, k);
}

const struct conn *
conns_view_selected(const struct view *view)
{
	const struct row *r = tview_selected(view);

	return r ? &r->c : NULL;
}

struct view *
conns_view_new(void)
{
	struct view *view = tview_new(&ops, xcalloc(1, sizeof(struct cv)));

	view->key = key;
	return view;
}
