/*
 * t_memo.c: a connection's memo (acct.c) counts its packets in exactly
 * the hosts, protocol and port entries that lookups find. The same random
 * stream goes through tables with connection tracking (memos used) and
 * without (every packet looked up, the path the oracle tests hold to
 * darkstat); every host, protocol and port row must come out the same.
 *
 * The stream is made to invalidate memos in every way: host evictions,
 * port tables that drop entries or grow, protocol tables that grow, one
 * host at both ends, packets cut before their ports or protocol in a
 * connection of full ones (ports 0), ports above --highest-port,
 * connection evictions and time-outs, and --local-only (where memos
 * are not used).
 *
 * The tables with memos take the stream in batches of random sizes
 * (acct_batch(), whose groups prefetch from rows and records that the
 * packets before them in the batch change); the others one packet at a
 * time.
 */
#include <stdlib.h>

#include "acct.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"
#include "tables.h"
#include "unit.h"

#define HOSTS	40
#define FLOWS	300
#define PACKETS	200000

static struct addr
host_addr(int i)
{
	struct addr a;
	char s[64];

	if (i % 3 == 0)
		snprintf(s, sizeof s, "2001:db8::%x", i + 1);
	else
		snprintf(s, sizeof s, "10.0.%d.%d", i / 200, i % 200 + 1);
	addr_parse(s, &a);
	return a;
}

/* A conversation: its packets go either way, some cut short. */
struct flow {
	int		a, b;
	uint8_t		proto;
	uint16_t	aport, bport;
};

static struct flow flows[FLOWS];

static void
make_flows(void)
{
	static const uint8_t protos[] = { 6, 6, 6, 17, 17, 1, 47, 58, 132 };
	/* Port 0: cut packets (ports 0) share a full one's connection. */
	static const uint16_t ports[] = { 0, 0, 22, 53, 80, 443, 1024,
	    40000, 50000, 60000, 65535 };
	int i;

	for (i = 0; i < FLOWS; i++) {
		struct flow *f = &flows[i];

		f->a = rand() % HOSTS;
		f->b = rand() % 8 ? rand() % HOSTS : f->a;
		if ((f->a % 3 == 0) != (f->b % 3 == 0))
			f->b = f->a;	/* one family: one host at both ends */
		f->proto = protos[rand() % sizeof protos];
		f->aport = ports[rand() % (sizeof ports / sizeof ports[0])];
		f->bport = ports[rand() % (sizeof ports / sizeof ports[0])];
	}
}

static struct pkt
random_packet(int64_t ts)
{
	/* Skewed: a few conversations carry most packets. */
	const struct flow *f = &flows[(rand() % FLOWS) * (rand() % FLOWS) /
	    FLOWS];
	int back = rand() % 2;
	struct pkt k;

	memset(&k, 0, sizeof k);
	k.src = host_addr(back ? f->b : f->a);
	k.dst = host_addr(back ? f->a : f->b);
	k.proto = f->proto;
	k.len = 40 + (uint32_t)(rand() % 1400);
	k.ts = ts;
	k.flags = PKT_PROTO;
	if (rand() % 20 == 0)
		k.flags = 0;			/* cut before the protocol */
	else if ((k.proto == 6 || k.proto == 17) && rand() % 10 != 0) {
		k.flags |= PKT_PORTS;	/* else: cut before the ports */
		k.sport = back ? f->bport : f->aport;
		k.dport = back ? f->aport : f->bport;
		k.tcp_flags = (uint8_t)(rand() % 4 == 0 ? 0x02 : 0x10);
	}
	if (rand() % 2)
		k.flags |= PKT_SRC_LOCAL;
	if (rand() % 2)
		k.flags |= PKT_DST_LOCAL;
	if (rand() % 3)
		k.flags |= PKT_MACS;
	k.src_mac[5] = (uint8_t)(back ? f->b : f->a);
	k.dst_mac[5] = (uint8_t)(back ? f->a : f->b);
	return k;
}

/* Is every host of a in b, with the same counters and tables? */
static int
same_tables(const struct tables *a, const struct tables *b, char *why,
    size_t len)
{
	struct host **v;
	size_t n, i, j;
	int p, bad = 0;

	if (hosts_count(a->hosts) != hosts_count(b->hosts)) {
		snprintf(why, len, "%zu hosts against %zu",
		    hosts_count(a->hosts), hosts_count(b->hosts));
		return 0;
	}
	v = hosts_list(a->hosts, &n);
	for (i = 0; i < n && !bad; i++) {
		const struct host *x = v[i];
		const struct host *y = hosts_find(b->hosts, &x->addr);

		if (y == NULL || x->in != y->in || x->out != y->out ||
		    x->pkts_in != y->pkts_in || x->pkts_out != y->pkts_out ||
		    x->first_seen != y->first_seen ||
		    x->last_seen != y->last_seen ||
		    memcmp(x->mac, y->mac, 6) != 0) {
			snprintf(why, len, "host %zu's counters", i);
			bad = 1;
			break;
		}
		if (protos_count(x->protos) != protos_count(y->protos))
			bad = 1;
		for (j = 0; !bad && j < protos_count(x->protos); j++)
			bad = memcmp(protos_at(x->protos, j),
			    protos_at(y->protos, j),
			    sizeof(struct proto_entry)) != 0;
		for (p = 0; !bad && p < PORTS_TABLES; p++) {
			if (ports_count(x->ports[p]) != ports_count(y->ports[p]))
				bad = 1;
			for (j = 0; !bad && j < ports_count(x->ports[p]); j++) {
				const struct port_entry *e = ports_at(x->ports[p],
				    j), *f = ports_at(y->ports[p], j);

				bad = e->port != f->port || e->in != f->in ||
				    e->out != f->out || e->syn != f->syn;
			}
		}
		if (bad)
			snprintf(why, len, "host %zu's protocol or port rows", i);
	}
	free(v);
	return !bad;
}

static void
run(const char *name, const struct acct_limits *l, unsigned int seed)
{
	struct conn_limits on = { 64, 30, 0 };
	struct tables with, without;
	static struct pkt batch[256];
	char why[128] = "";
	int64_t ts = 1700000000;
	int i, n = 0, want = 1;

	tables_init(&with, &on);
	tables_init(&without, NULL);
	srand(seed);
	make_flows();
	for (i = 0; i < PACKETS; i++) {
		struct pkt k;

		if (rand() % 500 == 0)
			ts += 1 + rand() % 40;	/* time-outs */
		k = random_packet(ts);
		batch[n++] = k;
		if (n == want || i == PACKETS - 1) {
			acct_batch(&with, l, batch, (unsigned int)n);
			n = 0;
			want = 1 + rand() % 256;
		}
		acct_packet(&without, l, &k);
	}
	CHECK(same_tables(&with, &without, why, sizeof why),
	    "%s: the same rows with and without memos%s%s", name,
	    *why ? ": " : "", why);
	CHECK_U64(with.totals.hosts_evicted, without.totals.hosts_evicted,
	    "%s: the same evictions", name);
	CHECK(hosts_count(with.hosts) > 0, "%s: hosts counted (%zu)", name,
	    hosts_count(with.hosts));
	tables_destroy(&with);
	tables_destroy(&without);
}

int
main(void)
{
	/* hosts_max, hosts_keep, ports_max, ports_keep, highest_port,
	   local_only, conns (unused here), history */
	struct acct_limits unbounded = { 1000000, 500000, 1000000, 500000,
	    65535, 0, { 0, 0, 0 }, 0 };
	struct acct_limits small = { 30, 12, 5, 2, 65535, 0, { 0, 0, 0 }, 0 };
	struct acct_limits highest = { 1000000, 500000, 1000000, 500000,
	    1024, 0, { 0, 0, 0 }, 0 };
	struct acct_limits local = { 1000000, 500000, 1000000, 500000, 65535,
	    1, { 0, 0, 0 }, 0 };
	struct acct_limits noports = { 1000000, 500000, 0, 0, 65535, 0,
	    { 0, 0, 0 }, 0 };

	run("unbounded", &unbounded, 1);
	run("small limits", &small, 2);
	run("--highest-port 1024", &highest, 3);
	run("--local-only", &local, 4);
	run("--ports-max 0", &noports, 5);
	return unit_done();
}
