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

static void
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

static void
count_ports(const struct acct_limits *l, const struct pkt *k,
    struct host *src, struct host *dst, struct pool *pool)
{
	int tcp = k->proto == 6;
	int local = tcp ? PORTS_TCP : PORTS_UDP;
	int remote = tcp ? PORTS_TCP_REMOTE : PORTS_UDP_REMOTE;
	int syn = tcp && TCP_SYN_ONLY(k->tcp_flags);
	struct port_entry *e;

	if (src != NULL && k->sport <= l->highest_port) {
		e = ports_get(&src->ports[local], k->sport, l->ports_max,
		    l->ports_keep, pool);
		e->out += k->len;
	}
	if (dst != NULL && k->dport <= l->highest_port) {
		e = ports_get(&dst->ports[local], k->dport, l->ports_max,
		    l->ports_keep, pool);
		e->in += k->len;
		e->syn += syn;
	}
	/* "Ports on remote hosts": in = sent to that port, out = from it. */
	if (dst != NULL && k->sport <= l->highest_port) {
		e = ports_get(&dst->ports[remote], k->sport, l->ports_max,
		    l->ports_keep, pool);
		e->out += k->len;
	}
	if (src != NULL && k->dport <= l->highest_port) {
		e = ports_get(&src->ports[remote], k->dport, l->ports_max,
		    l->ports_keep, pool);
		e->in += k->len;
		e->syn += syn;
	}
}

static struct host *
touch(struct tables *t, const struct addr *a, uint32_t hash,
    const struct pkt *k)
{
	struct host *h = hosts_get_hashed(t->hosts, a, hash);

	if (h->first_seen == 0 || k->ts < h->first_seen)
		h->first_seen = k->ts;
	return h;
}

void
acct_packet(struct tables *t, const struct acct_limits *l,
    const struct pkt *k)
{
	int out = (k->flags & PKT_SRC_LOCAL) != 0;
	int in = (k->flags & PKT_DST_LOCAL) != 0;
	/* Hashed once: the hosts and the connections tables use them. */
	uint32_t hs = addr_hash(&k->src), hd = addr_hash(&k->dst);
	struct host *src = NULL, *dst = NULL;
	struct pool *pool;

	count_totals(t, k, out, in);
	conns_packet(t->conns, k, hs, hd);
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
	if (!l->local_only || out) {
		src = touch(t, &k->src, hs, k);
		src->out += k->len;
		src->pkts_out++;
		src->last_seen = k->ts;
		if (k->flags & PKT_MACS)
			memcpy(src->mac, k->src_mac, 6);
	}
	if (!l->local_only || in) {
		dst = touch(t, &k->dst, hd, k);
		dst->in += k->len;
		dst->pkts_in++;
		if (k->flags & PKT_MACS)
			memcpy(dst->mac, k->dst_mac, 6);
	}
	if (l->history)
		histacct_packet(&t->hist, k, src, dst);
	if (!(k->flags & PKT_PROTO))
		return;
	pool = hosts_pool(t->hosts);
	if (src != NULL)
		protos_get(&src->protos, k->proto, pool)->out += k->len;
	if (dst != NULL)
		protos_get(&dst->protos, k->proto, pool)->in += k->len;
	if (l->ports_max == 0 || !(k->flags & PKT_PORTS))
		return;
	if (k->proto == 6 || k->proto == 17)
		count_ports(l, k, src, dst, pool);
}
