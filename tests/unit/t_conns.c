/*
 * t_conns.c: the connection table against a simple model: with a stream
 * of packets over more 5-tuples than the table holds, the table always
 * holds exactly the most recently active tuples (oldest-idle eviction),
 * each once, with the packets the model counted. Two streams: random
 * tuples, and a cycle through all of them where each new tuple is
 * followed by three packets of recent ones (rows move to the front of the
 * activity order from anywhere in it).
 */
#include <stdlib.h>
#include <string.h>

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

/* The tuple of a stream's step-th packet. */
static int
next_tuple(int cycle, size_t step)
{
	if (!cycle)
		return rand() % TUPLES;
	if (step % 4 == 0)
		return (int)(step / 4 % TUPLES);
	/* One of the MAX / 2 tuples before the last. */
	return (int)((step / 4 + TUPLES - 1 - (size_t)(rand() % (MAX / 2))) %
	    TUPLES);
}

static void
run(int cycle)
{
	struct conn_limits lim = { MAX, 100000, 0 };
	struct conns *t = conns_new(&lim);
	static uint64_t last[TUPLES], pkts[TUPLES];
	size_t i, j, step, bad_dup = 0, bad_set = 0, bad_count = 0;
	uint64_t clock = 0;
	const char *name = cycle ? "cycle" : "random";

	memset(last, 0, sizeof last);
	memset(pkts, 0, sizeof pkts);
	srand(11);
	for (step = 0; step < 20000; step++) {
		int tu = next_tuple(cycle, step), reply = rand() % 2, dir;
		struct pkt k = udp(tu, reply);

		/* The model: an evicted tuple starts again from zero. */
		conns_packet(t, &k, conns_hash(&k, addr_hash(&k.src),
		    addr_hash(&k.dst)), &dir);
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
	CHECK_U64(conns_count(t), MAX, "%s: the table is full at %d rows",
	    name, MAX);
	CHECK_U64(bad_dup, 0, "%s: no 5-tuple has two rows", name);
	CHECK_U64(bad_set, 0, "%s: the rows are the most recently active "
	    "tuples", name);
	CHECK_U64(bad_count, 0, "%s: each row has the packets the model "
	    "counted", name);
	CHECK(conns_evicted(t) > 0, "%s: rows were evicted (%llu)", name,
	    (unsigned long long)conns_evicted(t));
	conns_clear_closed(t);
	CHECK_U64(conns_count(t), MAX, "%s: UDP rows are not closed: none "
	    "cleared", name);
	conns_free(t);
}

int
main(void)
{
	run(0);
	run(1);
	return unit_done();
}
