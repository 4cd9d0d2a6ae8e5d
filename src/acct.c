/*
 * acct.c: apply one packet to the tables, step by step as darkstat's
 * acct_for() does (see docs/darkstat-behaviour.md section 3), plus the
 * packet counters and first-seen times darkstat lacks.
 */
#include <string.h>

#include "acct.h"
#include "hosts.h"
#include "pool.h"
#include "ports.h"
#include "protos.h"

#define TCP_SYN_ONLY(f)	(((f) & 0x3f) == 0x02)	/* SYN, ECE/CWR ignored */

static inline __attribute__((always_inline)) void
count_totals(struct tables *t, const struct pkt *k, int out, int in)
{
	struct totals *s = &t->totals;
	struct iface_totals *f = &s->iface[k->iface % TABLES_IFACES];
	int i;

	s->packets++;
	s->bytes += k->len;
	s->sizes[tables_size_bucket(k->len)]++;
	f->packets++;
	f->bytes += k->len;
	if (k->src.family == 4)
		f->v4_bytes += k->len;
	else
		f->v6_bytes += k->len;
	if (!(k->flags & PKT_PROTO))
		f->other_bytes += k->len;
	else if (k->proto == 6)
		f->tcp_bytes += k->len;
	else if (k->proto == 17)
		f->udp_bytes += k->len;
	else if (k->proto == 1 || k->proto == 58)
		f->icmp_bytes += k->len;
	else
		f->other_bytes += k->len;
	if (k->flags & PKT_CUT)
		s->cut++;
	for (i = 0; k->notes && i < NOTE_COUNT; i++)	/* usually none */
		if (k->notes & (1u << i))
			s->notes[i]++;
	if (s->first_ts == 0 || k->ts < s->first_ts)
		s->first_ts = k->ts;
	if (k->ts > s->last_ts)
		s->last_ts = k->ts;
	if (k->ts != t->graphs.last)	/* a new second, usually not */
		graphs_rotate(&t->graphs, k->ts);
	/* Only traffic that crosses the local boundary is graphed. */
	if (out && !in) {
		graphs_add(&t->graphs, 0, k->len);
		dayacct_packet(&t->days, k->ts, k->len, 0);
		s->local_out_bytes += k->len;
		s->local_out_pkts++;
	} else if (in && !out) {
		graphs_add(&t->graphs, k->len, 0);
		dayacct_packet(&t->days, k->ts, k->len, 1);
		s->local_in_bytes += k->len;
		s->local_in_pkts++;
	}
}

/*
 * Count the packet's ports, in darkstat's order (a lookup may evict
 * entries by their totals), and note the entries in m: source local,
 * destination local, source remote, destination remote (NULL for ports
 * above --highest-port), so that the other direction's are those with
 * the last bit of the index flipped.
 */
static void
count_ports(const struct acct_limits *l, const struct pkt *k,
    struct host *src, struct host *dst, struct pool *pool,
    struct conn_memo *m)
{
	int tcp = k->proto == 6;
	int local = tcp ? PORTS_TCP : PORTS_UDP;
	int remote = tcp ? PORTS_TCP_REMOTE : PORTS_UDP_REMOTE;
	int syn = tcp && TCP_SYN_ONLY(k->tcp_flags);
	struct port_entry *e[4] = { NULL, NULL, NULL, NULL };

	if (src != NULL && k->sport <= l->highest_port) {
		e[0] = ports_get(&src->ports[local], k->sport, l->ports_max,
		    l->ports_keep, pool);
		e[0]->out += k->len;
	}
	if (dst != NULL && k->dport <= l->highest_port) {
		e[1] = ports_get(&dst->ports[local], k->dport, l->ports_max,
		    l->ports_keep, pool);
		e[1]->in += k->len;
		e[1]->syn += syn;
	}
	/* "Ports on remote hosts": in = sent to that port, out = from it. */
	if (dst != NULL && k->sport <= l->highest_port) {
		e[3] = ports_get(&dst->ports[remote], k->sport, l->ports_max,
		    l->ports_keep, pool);
		e[3]->out += k->len;
	}
	if (src != NULL && k->dport <= l->highest_port) {
		e[2] = ports_get(&src->ports[remote], k->dport, l->ports_max,
		    l->ports_keep, pool);
		e[2]->in += k->len;
		e[2]->syn += syn;
	}
	memcpy(m->port, e, sizeof e);
}

/*
 * One end of a packet: the host that sent it, or the one it went to.
 * Inline (sent is a constant at each call): both ways of finding the
 * hosts count them.
 */
static inline __attribute__((always_inline)) void
count_end(struct host *h, const struct pkt *k, int sent)
{
	if (h->first_seen == 0 || k->ts < h->first_seen)
		h->first_seen = k->ts;
	if (sent) {
		h->out += k->len;
		h->pkts_out++;
		h->last_seen = k->ts;
	} else {
		h->in += k->len;
		h->pkts_in++;
	}
	if (k->flags & PKT_MACS)
		memcpy(h->mac, sent ? k->src_mac : k->dst_mac, 6);
}

/*
 * A connection's packets are counted in the same two hosts, protocol
 * entries and port entries, both ways round. The first packet finds
 * them with lookups and notes them in the connection's memo (conns.h),
 * which the next ones use while the hosts table's pool keeps its
 * generation: until an eviction, or a table of any host grows or drops
 * entries. What depends on the packet beyond its connection (the
 * PKT_PROTO and PKT_PORTS flags, which hosts are local) is checked, or
 * the memo is not used.
 */
#define MEMO_FLAGS	(PKT_PROTO | PKT_PORTS)

/* The memo from the other end has the pairs the other way round. */
static inline __attribute__((always_inline)) void
count_memo(const struct acct_limits *l, struct tables *t,
    const struct pkt *k, const struct conn_memo *m, int swap)
{
	struct host *src = m->host[swap], *dst = m->host[!swap];
	int syn = k->proto == 6 && TCP_SYN_ONLY(k->tcp_flags);
	struct port_entry *e;

	count_end(src, k, 1);
	count_end(dst, k, 0);
	if (l->history)
		histacct_packet(&t->hist, k, src, dst);
	if (!(k->flags & PKT_PROTO))
		return;
	m->proto[swap]->out += k->len;
	m->proto[!swap]->in += k->len;
	if ((e = m->port[0 ^ swap]) != NULL)	/* src local */
		e->out += k->len;
	if ((e = m->port[1 ^ swap]) != NULL) {	/* dst local */
		e->in += k->len;
		e->syn += syn;
	}
	if ((e = m->port[2 ^ swap]) != NULL) {	/* src remote */
		e->in += k->len;
		e->syn += syn;
	}
	if ((e = m->port[3 ^ swap]) != NULL)	/* dst remote */
		e->out += k->len;
}

/*
 * The packet's hosts, protocol and port entries by lookups (creating
 * them), noted in m if m is not NULL. Out of line: the memo saves most
 * packets all of it.
 */
static __attribute__((noinline)) void
count_looked_up(struct tables *t, const struct acct_limits *l,
    const struct pkt *k, uint32_t hs, uint32_t hd, struct conn_memo *m,
    int dir)
{
	struct pool *pool = hosts_pool(t->hosts);
	unsigned long long gen = pool_generation(pool);
	struct host *src = NULL, *dst = NULL;
	struct conn_memo fill;

	memset(&fill, 0, sizeof fill);
	if (!l->local_only || (k->flags & PKT_SRC_LOCAL)) {
		src = hosts_get_hashed(t->hosts, &k->src, hs);
		count_end(src, k, 1);
	}
	if (!l->local_only || (k->flags & PKT_DST_LOCAL)) {
		dst = hosts_get_hashed(t->hosts, &k->dst, hd);
		count_end(dst, k, 0);
	}
	if (l->history)
		histacct_packet(&t->hist, k, src, dst);
	fill.host[0] = src;
	fill.host[1] = dst;
	if (!(k->flags & PKT_PROTO))
		goto done;
	if (src != NULL) {
		fill.proto[0] = protos_get(&src->protos, k->proto, pool);
		fill.proto[0]->out += k->len;
	}
	if (dst != NULL) {
		fill.proto[1] = protos_get(&dst->protos, k->proto, pool);
		fill.proto[1]->in += k->len;
	}
	if (l->ports_max != 0 && (k->flags & PKT_PORTS) &&
	    (k->proto == 6 || k->proto == 17))
		count_ports(l, k, src, dst, pool, &fill);
done:
	if (m == NULL)
		return;
	/*
	 * Tagged with the generation from before the lookups: if one of
	 * them moved what an earlier one found, the memo is stale at once.
	 */
	fill.gen = gen;
	fill.dir = (uint8_t)dir;
	fill.flags = k->flags & MEMO_FLAGS;
	*m = fill;
}

/*
 * Inline, as count_totals() and count_memo() are: acct_batch() is its one
 * caller, and their calls cost some 20 instructions a packet.
 */
static inline __attribute__((always_inline)) void
account(struct tables *t, const struct acct_limits *l, const struct pkt *k,
    uint32_t hs, uint32_t hd, uint32_t hc)
{
	struct conn_memo *m;
	int dir = 0;

	count_totals(t, k, (k->flags & PKT_SRC_LOCAL) != 0,
	    (k->flags & PKT_DST_LOCAL) != 0);
	m = conns_packet(t->conns, k, hc, &dir);
	if (l->hosts_max == 0) {
		if (l->history)
			histacct_packet(&t->hist, k, NULL, NULL);
		return;
	}
	/* darkstat checks once per packet, before creating any host. */
	if (hosts_count(t->hosts) >= l->hosts_max) {
		t->totals.hosts_evicted += hosts_reduce(t->hosts,
		    l->hosts_keep);
		/* Before new hosts reuse the records of the evicted. */
		if (l->history)
			histacct_removed(&t->hist, t->hosts);
	}
	if (l->local_only)
		m = NULL;	/* which hosts count depends on more */
	if (m != NULL && m->gen == pool_generation(hosts_pool(t->hosts)) &&
	    m->flags == (k->flags & MEMO_FLAGS))
		count_memo(l, t, k, m, dir != m->dir);
	else
		count_looked_up(t, l, k, hs, hd, m, dir);
}

void
acct_packet(struct tables *t, const struct acct_limits *l,
    const struct pkt *k)
{
	acct_batch(t, l, k, 1);
}

/*
 * Batches are accounted in groups. With tables larger than the caches a
 * packet touches some ten lines of memory in random places (its row, two
 * host records, their protocol and port entries) and would wait for each
 * in turn. So the lines a group's packets will touch are first asked for
 * all at once, in one round for each pointer to follow: the connection
 * index, then the rows and their memos' entries; for packets without a
 * memo the hosts index, then the records, then their tables.
 */
#define GROUP	16

struct group {
	uint32_t		 hs[GROUP], hd[GROUP], hc[GROUP];
	const struct conn_memo	*m[GROUP];
	uint32_t		 want[2 * GROUP];	/* hosts to look up */
	const struct host	*rec[2 * GROUP];
	uint8_t			 proto[2 * GROUP];
};

static void
prefetch_memo(const struct conn_memo *m)
{
	int j;

	__builtin_prefetch(m->host[0], 1);
	__builtin_prefetch(m->host[1], 1);
	__builtin_prefetch(m->proto[0], 1);
	__builtin_prefetch(m->proto[1], 1);
	for (j = 0; j < 4; j++)
		__builtin_prefetch(m->port[j], 1);
}

static void
prefetch_tables(const struct host *r, uint8_t proto)
{
	int tcp = proto == 6;

	__builtin_prefetch(r->protos, 1);
	__builtin_prefetch(r->ports[tcp ? PORTS_TCP : PORTS_UDP], 1);
	__builtin_prefetch(r->ports[tcp ? PORTS_TCP_REMOTE :
	    PORTS_UDP_REMOTE], 1);
}

static void
prefetch_group(struct tables *t, const struct pkt *k, unsigned int n,
    struct group *g)
{
	unsigned long long gen = pool_generation(hosts_pool(t->hosts));
	unsigned int i, nw = 0;

	for (i = 0; i < n; i++) {
		g->hs[i] = addr_hash(&k[i].src);
		g->hd[i] = addr_hash(&k[i].dst);
		g->hc[i] = conns_hash(&k[i], g->hs[i], g->hd[i]);
	}
	conns_prefetch(t->conns, g->hc, n, g->m);
	/* Without a row, the packet will look its hosts up. */
	for (i = 0; i < n; i++) {
		if (g->m[i] != NULL)
			continue;
		g->proto[nw] = g->proto[nw + 1] = k[i].proto;
		g->want[nw++] = g->hs[i];
		g->want[nw++] = g->hd[i];
	}
	hosts_prefetch(t->hosts, g->want, nw, g->rec);
	/* The rows have come meanwhile: a valid memo's entries next. */
	for (i = 0; i < n; i++)
		if (g->m[i] != NULL && g->m[i]->gen == gen)
			prefetch_memo(g->m[i]);
	/* And the records (a slot may hold another host). */
	for (i = 0; i < nw; i++)
		if (g->rec[i] != NULL && g->rec[i]->hash == g->want[i])
			prefetch_tables(g->rec[i], g->proto[i]);
}

void
acct_batch(struct tables *t, const struct acct_limits *l,
    const struct pkt *k, unsigned int n)
{
	struct group g;
	unsigned int i, j, m;

	for (i = 0; i < n; i += m) {
		m = n - i < GROUP ? n - i : GROUP;
		prefetch_group(t, &k[i], m, &g);
		for (j = 0; j < m; j++)
			account(t, l, &k[i + j], g.hs[j], g.hd[j], g.hc[j]);
	}
}
