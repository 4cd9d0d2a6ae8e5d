/*
 * t_conns.c: the connection table against a simple model: with a random
 * stream of packets over more 5-tuples than the table holds, the table
 * always holds exactly the most recently active tuples (oldest-idle
 * eviction), each once, with the packets the model counted.
 */
#include <stdlib.h>

#include "conns.h"
#include "decode.h"
#include "unit.h"

#define TUPLES	300
#define MAX	64

/* The tuple a row stands for: its port that is not 53. */
static int
tuple_of(const struct conn *c)
{
	return (c->cport != 53 ? c->cport : c->sport) - 1024;
}

static struct pkt
udp(int tuple, int reply)
{
	struct pkt k;
	char a[32], b[32];

	memset(&k, 0, sizeof k);
	snprintf(a, sizeof a, "10.0.%d.%d", tuple / 256, tuple % 256);
	snprintf(b, sizeof b, "192.0.2.%d", tuple % 7);
	addr_parse(reply ? b : a, &k.src);
	addr_parse(reply ? a : b, &k.dst);
	k.proto = 17;
	k.sport = reply ? 53 : (uint16_t)(1024 + tuple);
	k.dport = reply ? (uint16_t)(1024 + tuple) : 53;
	k.len = 100;
	k.flags = PKT_PROTO | PKT_PORTS;
	k.ts = 1700000000;
	return k;
}

int
main(void)
{
	struct conn_limits lim = { MAX, 100000, 0 };
	struct conns *t = conns_new(&lim);
	static uint64_t last[TUPLES], pkts[TUPLES];
	size_t i, j, step, bad_dup = 0, bad_set = 0, bad_count = 0;
	uint64_t clock = 0;

	srand(11);
	for (step = 0; step < 20000; step++) {
		int tu = rand() % TUPLES, reply = rand() % 2;
		struct pkt k = udp(tu, reply);

		/* The model: an evicted tuple starts again from zero. */
		conns_packet(t, &k, addr_hash(&k.src), addr_hash(&k.dst));
		last[tu] = ++clock;
		pkts[tu]++;
		/* Whatever the table no longer holds is evicted in the model. */
		for (i = 0; i < TUPLES; i++) {
			int held = 0;

			for (j = 0; j < conns_count(t); j++)
				if (tuple_of(conns_at(t, j)) == (int)i)
					held = 1;
			if (!held)
				pkts[i] = 0;
		}
		if (step % 97 != 0)
			continue;
		/* Each row once; the rows are the MAX most recent tuples. */
		for (i = 0; i < conns_count(t); i++)
			for (j = i + 1; j < conns_count(t); j++)
				if (tuple_of(conns_at(t, i)) ==
				    tuple_of(conns_at(t, j)))
					bad_dup++;
		for (i = 0; i < conns_count(t); i++) {
			const struct conn *c = conns_at(t, i);
			int tu2 = tuple_of(c);
			size_t newer = 0;

			for (j = 0; j < TUPLES; j++)
				if (last[j] > last[tu2])
					newer++;
			if (newer >= MAX)
				bad_set++;
			if (c->d[0].pkts + c->d[1].pkts != pkts[tu2])
				bad_count++;
		}
	}
	CHECK_U64(conns_count(t), MAX, "the table is full at %d rows", MAX);
	CHECK_U64(bad_dup, 0, "no 5-tuple has two rows");
	CHECK_U64(bad_set, 0, "the rows are the most recently active tuples");
	CHECK_U64(bad_count, 0, "each row has the packets the model counted");
	CHECK(conns_evicted(t) > 0, "rows were evicted (%llu)",
	    (unsigned long long)conns_evicted(t));
	conns_clear_closed(t);
	CHECK_U64(conns_count(t), MAX, "UDP rows are not closed: none cleared");
	conns_free(t);
	return unit_done();
}
