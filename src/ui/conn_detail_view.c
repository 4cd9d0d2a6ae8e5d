/*
 * conn_detail_view.c: one connection: its ends, state, both directions'
 * counters and the timeline of the TCP flags seen.
 */
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "page.h"
#include "tables.h"
#include "view.h"
#include "xmalloc.h"

/* The page comes first: page.c's callbacks take priv as a struct page. */
struct cdv {
	struct page	page;
	struct conn	key;	/* which connection: ends and protocol */
};

static int
same_conn(const struct conn *a, const struct conn *b)
{
	return a->proto == b->proto && a->cport == b->cport &&
	    a->sport == b->sport && addr_eq(&a->client, &b->client) &&
	    addr_eq(&a->server, &b->server);
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct cdv *v = view->priv;
	const struct conn *c = NULL;
	char a[ADDR_STRLEN], b[ADDR_STRLEN], f[9], t1[FMT_LEN], t2[FMT_LEN];
	size_t i;
	int d;

	page_clear(&v->page);
	for (i = 0; i < conns_count(st->snap->conns); i++)
		if (same_conn(conns_at(st->snap->conns, i), &v->key))
			c = conns_at(st->snap->conns, i);
	addr_str(&v->key.client, a);
	addr_str(&v->key.server, b);
	if (c == NULL) {
		page_add(&v->page, "%s:%u -> %s:%u: no longer in the table",
		    a, v->key.cport, b, v->key.sport);
		return;
	}
	page_add(&v->page, "%s%s:%u -> %s:%u  protocol %u  %s%s%s", c->guessed ?
	    "(roles guessed) " : "", a, c->cport, b, c->sport, c->proto,
	    conn_state_names[c->state], c->reset_by ? " by the " : "",
	    c->reset_by == 1 ? "client" : c->reset_by == 2 ? "server" : "");
	page_add(&v->page, "first %s ago, last %s ago%s", fmt_ago(t1,
	    st->now - c->first), fmt_ago(t2, st->now - c->last), "");
	if (c->rtt_us)
		page_add(&v->page, "handshake RTT %.3f ms", c->rtt_us / 1000.0);
	page_add(&v->page, "%s", "");
	page_add(&v->page, "%-18s %10s %10s %9s %9s %9s", "", "PACKETS",
	    "BYTES", "FLAGS", "RETRANS", "ZEROWIN");
	for (d = 0; d < 2; d++)
		page_add(&v->page, "%-18s %10llu %10s %9s %9u %9u", d ?
		    "server -> client" : "client -> server",
		    (unsigned long long)c->d[d].pkts, fmt_bytes(t1,
		    c->d[d].bytes, st->units), conn_flags_str(c->d[d].flags, f),
		    c->d[d].retrans, c->d[d].zero_win);
	if (c->nevents == 0)
		return;
	page_add(&v->page, "%s", "");
	page_add(&v->page, "Timeline of the flags (changes only, first %d):",
	    CONN_EVENTS);
	for (i = 0; i < c->nevents; i++)
		page_add(&v->page, "  +%8.3f s  %s  %s", c->ev[i].ms / 1000.0,
		    c->ev[i].dir ? "<- server" : "client ->",
		    conn_flags_str(c->ev[i].flags, f));
	view->shown = 1;
	view->filtered = 0;
}

void
conn_detail_set(struct view *view, const struct conn *c)
{
	struct cdv *v = view->priv;

	v->key = *c;
	v->page.top = 0;
}

struct view *
conn_detail_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);

	view->name = "Connection";
	view->update = update;
	view->draw = page_view_draw;
	view->key = page_view_key;
	view->destroy = page_view_destroy;
	view->priv = xcalloc(1, sizeof(struct cdv));
	return view;
}
