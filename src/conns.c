/*
 * conns.c: connections in a dense array (deleting moves the last one into
 * the hole; an eviction's row is reused in place), an open-addressing
 * index of array positions, and a list from the most to the least
 * recently active (for eviction and time-outs).
 *
 * A connection's key is its 5-tuple with the two ends in a fixed order,
 * so both directions find the same row.
 */
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "decode.h"
#include "xmalloc.h"

#define TH_FIN	0x01
#define TH_SYN	0x02
#define TH_RST	0x04
#define TH_ACK	0x10

#define NONE	(-1)

static const struct conn conn_zero;

const char *const conn_state_names[CS_COUNT] = {
	"NEW", "REPLIED", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT",
	"CLOSING", "CLOSED", "RESET", "TIMED_OUT",
};

struct conns {
	struct conn_limits	 lim;
	struct conn		*c;		/* n used of cap */
	size_t			 n;
	size_t			 cap;
	uint64_t		*index;		/* hash << 32 | position */
	size_t			 mask;
	int32_t			 newest;	/* activity list ends */
	int32_t			 oldest;
	uint64_t		 evicted;
	int64_t			 evaluated;	/* last alarm evaluation */
	struct conn_alarm	 alarm;
	struct tally		*tally;		/* evaluate_alarm's maps */
	size_t			 tally_slots;	/* in each of the three */
	uint32_t		 tally_gen;
};

/*
 * A packet's two ports as one value, in the order of struct conn's
 * (both 0 without PKT_PORTS, as the decoder leaves them).
 */
static uint32_t
ports_of(const struct pkt *k)
{
	return (uint32_t)k->sport | (uint32_t)k->dport << 16;
}

/*
 * Is c the connection of packet k, whose ports_of() is ports? 0: yes,
 * sent by the client; 1: yes, sent by the server; -1: no.
 */
static inline int
conn_dir(const struct conn *c, const struct pkt *k, uint32_t ports)
{
	uint32_t cs = (uint32_t)c->cport | (uint32_t)c->sport << 16;

	if (c->proto != k->proto)
		return -1;
	if (cs == ports && addr_eq(&c->client, &k->src) &&
	    addr_eq(&c->server, &k->dst))
		return 0;
	if (cs == (ports >> 16 | ports << 16) &&
	    addr_eq(&c->server, &k->src) && addr_eq(&c->client, &k->dst))
		return 1;
	return -1;
}

struct conns *
conns_new(const struct conn_limits *lim)
{
	struct conns *t = xcalloc(1, sizeof *t);

	t->lim = *lim;
	t->newest = t->oldest = NONE;
	return t;
}

void
conns_free(struct conns *t)
{
	if (t == NULL)
		return;
	free(t->c);
	free(t->index);
	free(t->tally);
	free(t);
}

struct conns *
conns_copy(const struct conns *t, int rows)
{
	struct conns *c = xmalloc(sizeof *c);

	*c = *t;
	c->index = NULL;	/* copies are read, never searched */
	c->mask = 0;
	c->tally = NULL;
	c->tally_slots = 0;
	if (!rows) {
		c->c = NULL;
		c->n = c->cap = 0;
		c->newest = c->oldest = NONE;
		return c;
	}
	c->c = t->n ? xreallocarray(NULL, t->n, sizeof *c->c) : NULL;
	if (t->n)
		memcpy(c->c, t->c, t->n * sizeof *c->c);
	c->cap = t->n;
	return c;
}

/* ------------------------------------------------------------- index */

/*
 * An index slot holds a row's hash beside its position, so that probing
 * never reads a row (megabytes of them, so a cache miss each) until the
 * hash matches.
 */
#define EMPTY	UINT64_MAX

static uint64_t
slot_value(const struct conns *t, int32_t i)
{
	return (uint64_t)t->c[i].hash << 32 | (uint32_t)i;
}

static int32_t
slot_pos(uint64_t v)
{
	return (int32_t)(uint32_t)v;
}

static void
index_put(struct conns *t, int32_t i)
{
	size_t s;

	for (s = t->c[i].hash & t->mask; t->index[s] != EMPTY;
	    s = (s + 1) & t->mask)
		;
	t->index[s] = slot_value(t, i);
}

static void
index_rebuild(struct conns *t, size_t slots)
{
	size_t i;

	free(t->index);
	t->index = xreallocarray(NULL, slots, sizeof *t->index);
	t->mask = slots - 1;
	for (i = 0; i < slots; i++)
		t->index[i] = EMPTY;
	for (i = 0; i < t->n; i++)
		index_put(t, (int32_t)i);
}

/* The index slot holding array position i. */
static size_t
index_slot(const struct conns *t, int32_t i)
{
	size_t s;

	for (s = t->c[i].hash & t->mask; t->index[s] != slot_value(t, i);
	    s = (s + 1) & t->mask)
		;
	return s;
}

/* Remove slot s, shifting back the entries that probed past it. */
static void
index_del(struct conns *t, size_t s)
{
	size_t j = s, home;

	t->index[s] = EMPTY;
	for (;;) {
		j = (j + 1) & t->mask;
		if (t->index[j] == EMPTY)
			return;
		home = (t->index[j] >> 32) & t->mask;
		/* Move it back unless its home lies in (s, j]. */
		if ((j > s && (home <= s || home > j)) ||
		    (j < s && home <= s && home > j)) {
			t->index[s] = t->index[j];
			t->index[j] = EMPTY;
			s = j;
		}
	}
}

/* The row of packet k, with *dir set as conn_dir() does; or NONE. */
static inline __attribute__((always_inline)) int32_t
find(const struct conns *t, const struct pkt *k, uint32_t ports, uint32_t h,
    int *dir)
{
	size_t s;
	uint64_t v;

	if (t->index == NULL)
		return NONE;
	for (s = h & t->mask; (v = t->index[s]) != EMPTY; s = (s + 1) & t->mask)
		if ((uint32_t)(v >> 32) == h &&
		    (*dir = conn_dir(&t->c[slot_pos(v)], k, ports)) != -1)
			return slot_pos(v);
	return NONE;
}

/* ----------------------------------------------------------- prefetch */

/*
 * Two rounds: the index slots of hc[0..n), all together, then the rows
 * they point to. Only each hash's first slot is looked at: m[i] may be
 * another connection's memo, or NULL for a row further on, which costs a
 * wait and nothing else.
 */
void
conns_prefetch(const struct conns *t, const uint32_t *hc, unsigned int n,
    const struct conn_memo **m)
{
	unsigned int i;

	if (t->index == NULL) {
		for (i = 0; i < n; i++)
			m[i] = NULL;
		return;
	}
	for (i = 0; i < n; i++)
		__builtin_prefetch(&t->index[hc[i] & t->mask]);
	for (i = 0; i < n; i++) {
		uint64_t v = t->index[hc[i] & t->mask];
		const char *c;

		m[i] = NULL;
		if (v == EMPTY || (uint32_t)(v >> 32) != hc[i])
			continue;
		c = (const char *)&t->c[slot_pos(v)];
		/* A packet touches most of its row: all of it. */
		__builtin_prefetch(c, 1);
		__builtin_prefetch(c + 64, 1);
		__builtin_prefetch(c + 128, 1);
		__builtin_prefetch(c + 192, 1);
		__builtin_prefetch(c + 256, 1);
		__builtin_prefetch(c + 320, 1);
		__builtin_prefetch(c + sizeof(struct conn) - 1, 1);
		m[i] = &((const struct conn *)(const void *)c)->memo;
	}
}

/* ------------------------------------------------------ activity list */

/* Inline: every packet but the newest connection's moves its row. */
static inline __attribute__((always_inline)) void
unlink_conn(struct conns *t, int32_t i)
{
	struct conn *c = &t->c[i];

	if (c->newer != NONE)
		t->c[c->newer].older = c->older;
	else
		t->newest = c->older;
	if (c->older != NONE)
		t->c[c->older].newer = c->newer;
	else
		t->oldest = c->newer;
}

static inline __attribute__((always_inline)) void
push_newest(struct conns *t, int32_t i)
{
	t->c[i].newer = NONE;
	t->c[i].older = t->newest;
	if (t->newest != NONE)
		t->c[t->newest].newer = i;
	t->newest = i;
	if (t->oldest == NONE)
		t->oldest = i;
}

/* Start loading a row that will be written soon. */
static void
prefetch_row(const struct conn *c)
{
	size_t off;

	for (off = 0; off < sizeof *c; off += 64)
		__builtin_prefetch((const char *)c + off, 1);
}

/* Delete position i: the last connection moves into its place. */
static void
delete(struct conns *t, int32_t i)
{
	int32_t last = (int32_t)t->n - 1;

	unlink_conn(t, i);
	index_del(t, index_slot(t, i));
	if (i != last) {
		size_t s = index_slot(t, last);

		t->c[i] = t->c[last];
		t->index[s] = slot_value(t, i);
		if (t->c[i].newer != NONE)
			t->c[t->c[i].newer].older = i;
		else
			t->newest = i;
		if (t->c[i].older != NONE)
			t->c[t->c[i].older].newer = i;
		else
			t->oldest = i;
	}
	t->n--;
}

/* The table is full: take the least recently active row out, for reuse. */
static int32_t
evict_oldest(struct conns *t)
{
	int32_t i = t->oldest;

	unlink_conn(t, i);
	index_del(t, index_slot(t, i));
	t->evicted++;
	/*
	 * The next row to go has been idle longest, so it is not cached:
	 * start loading it now, packets before it is reused.
	 */
	if (t->oldest != NONE)
		prefetch_row(&t->c[t->oldest]);
	return i;
}

/* A zeroed row for a new connection of hash h, the newest. */
static int32_t
create(struct conns *t, uint32_t h)
{
	int32_t i;

	if (t->n == t->lim.max)
		i = evict_oldest(t);
	else {
		if (t->n == t->cap) {
			size_t slots = 64;

			t->cap = t->cap ? t->cap * 2 : 64;
			if (t->cap > t->lim.max)
				t->cap = t->lim.max;
			t->c = xreallocarray(t->c, t->cap, sizeof *t->c);
			while (slots < 4 * t->cap)	/* a quarter full */
				slots *= 2;
			index_rebuild(t, slots);
		}
		i = (int32_t)t->n++;
	}
	t->c[i] = conn_zero;	/* vector moves, not memset's rep stos */
	t->c[i].hash = h;
	index_put(t, i);
	push_newest(t, i);
	return i;
}

/* --------------------------------------------------------- accounting */

static uint64_t
usec_of(const struct pkt *k)
{
	return (uint64_t)k->ts * 1000000 + k->usec;
}

/* Closed, reset or timed out: the last states of enum conn_state. */
static int
terminal(const struct conn *c)
{
	return c->state >= CS_CLOSED;
}

static void
end(struct conn *c, enum conn_state st, int64_t now)
{
	c->state = (uint8_t)st;
	c->ended = now;
}

/* A new row: who is the client, and the state its first packet gives. */
static void
start(struct conn *c, const struct pkt *k)
{
	uint8_t f = k->tcp_flags;
	int from_server;

	c->proto = k->proto;
	c->first = k->ts;
	c->first_us = k->usec;
	if (k->proto != 6 || !(k->flags & PKT_PORTS)) {
		from_server = 0;	/* UDP, ICMP...: the first sender */
		c->state = CS_NEW;
	} else if ((f & (TH_SYN | TH_ACK)) == TH_SYN) {
		from_server = 0;
		c->state = CS_SYN_SENT;
		c->syn_us = usec_of(k);
	} else if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
		from_server = 1;
		c->state = CS_SYN_RCVD;
	} else {
		/* Joined midway: the lower port is the server, a guess. */
		from_server = k->sport < k->dport;
		c->guessed = 1;
		c->state = CS_ESTABLISHED;
	}
	c->client = from_server ? k->dst : k->src;
	c->server = from_server ? k->src : k->dst;
	c->cport = from_server ? k->dport : k->sport;
	c->sport = from_server ? k->sport : k->dport;
	if (!(k->flags & PKT_PORTS))
		c->cport = c->sport = 0;
}

static void
add_event(struct conn *c, int dir, uint8_t flags, const struct pkt *k)
{
	struct conn_event *e;
	int64_t ms;

	/* Keep the flag changes, not every ACK. */
	if (c->nevents > 0 && c->ev_flags == flags && c->ev_dir == dir)
		return;
	if (c->nevents == CONN_EVENTS)
		return;
	c->ev_flags = flags;
	c->ev_dir = (uint8_t)dir;
	ms = (k->ts - c->first) * 1000 + ((int64_t)k->usec -
	    (int64_t)c->first_us) / 1000;
	e = &c->ev[c->nevents++];
	e->ms = ms > 0 ? (uint32_t)ms : 0;
	e->dir = (uint8_t)dir;
	e->flags = flags;
}

/* Retransmissions and zero windows, per direction. */
static void
tcp_counters(struct conn_dir *d, const struct pkt *k)
{
	uint32_t end_seq = k->seq + k->payload;

	if (k->win == 0 && !(k->tcp_flags & (TH_RST | TH_SYN)))
		d->zero_win++;
	if (k->payload > 0 && d->seq_known &&
	    (int32_t)(end_seq - d->next_seq) <= 0)
		d->retrans++;
	if (!d->seq_known || (int32_t)(end_seq - d->next_seq) > 0) {
		d->next_seq = end_seq;
		d->seq_known = 1;
	}
}

static void
tcp_state(struct conn *c, int dir, const struct pkt *k)
{
	uint8_t f = k->tcp_flags;

	if (f & TH_RST) {
		if (c->state != CS_RESET)
			c->reset_by = (uint8_t)(dir + 1);
		end(c, CS_RESET, k->ts);
		return;
	}
	if (terminal(c))
		return;		/* late ACKs of a closed connection */
	if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && dir == 1) {
		if (c->state == CS_SYN_SENT) {
			c->state = CS_SYN_RCVD;
			c->synack_us = usec_of(k);
		}
	} else if (c->state == CS_SYN_RCVD && dir == 0 && (f & TH_ACK) &&
	    !(f & TH_SYN)) {
		c->state = CS_ESTABLISHED;
		if (c->syn_us && c->synack_us)
			c->rtt_us = (uint32_t)(usec_of(k) - c->syn_us);
	} else if (k->payload > 0 && (c->state == CS_SYN_SENT ||
	    c->state == CS_SYN_RCVD))
		c->state = CS_ESTABLISHED;
	if (f & TH_FIN) {
		c->d[dir].fin = 1;
		c->state = c->d[!dir].fin ? CS_CLOSING : CS_FIN_WAIT;
	} else if ((f & TH_ACK) && c->d[0].fin && c->d[1].fin)
		end(c, CS_CLOSED, k->ts);	/* the last FIN acknowledged */
}

/* Is this packet a new connection on a row that has ended? */
static int
reopens(const struct conn *c, const struct pkt *k)
{
	return terminal(c) && k->proto == 6 && (k->flags & PKT_PORTS) &&
	    (k->tcp_flags & (TH_SYN | TH_ACK)) == TH_SYN;
}

static void evaluate_alarm(struct conns *, int64_t);
static void expire(struct conns *, int64_t);

struct conn_memo *
conns_packet(struct conns *t, const struct pkt *k, uint32_t h, int *dirp)
{
	struct conn *c;
	uint32_t ports;
	int32_t i;
	int dir = 0;

	if (t->lim.max == 0)
		return NULL;
	ports = ports_of(k);
	if ((i = find(t, k, ports, h, &dir)) != NONE &&
	    reopens(&t->c[i], k)) {
		delete(t, i);
		i = NONE;
	}
	if (i == NONE) {
		i = create(t, h);
		start(&t->c[i], k);
		dir = conn_dir(&t->c[i], k, ports);
	} else if (i != t->newest) {
		unlink_conn(t, i);
		push_newest(t, i);
	}
	c = &t->c[i];
	c->d[dir].pkts++;
	c->d[dir].bytes += k->len;
	c->last = k->ts;
	if (k->proto == 6 && (k->flags & PKT_PORTS)) {
		c->d[dir].flags |= k->tcp_flags;
		c->last_flags = k->tcp_flags;
		add_event(c, dir, k->tcp_flags, k);
		tcp_counters(&c->d[dir], k);
		tcp_state(c, dir, k);
	} else if (dir == 1 && c->state == CS_NEW)
		c->state = CS_REPLIED;
	if (k->ts != t->evaluated) {
		conns_tick(t, k->ts);
		/* Its time-outs may have moved this row: find it again. */
		if ((i = find(t, k, ports, h, &dir)) == NONE)
			return NULL;
		c = &t->c[i];
	}
	*dirp = dir;
	return &c->memo;
}

/* ------------------------------------------------- time-outs, alarm */

/*
 * From the least recently active: rows idle past the time-out become
 * TIMED_OUT; rows ended more than CONN_LINGER ago go.
 */
static void
expire(struct conns *t, int64_t now)
{
	while (t->oldest != NONE) {
		struct conn *c = &t->c[t->oldest];

		if (terminal(c) && now - c->ended > CONN_LINGER) {
			delete(t, t->oldest);
			continue;
		}
		if (!terminal(c) && now - c->last > (int64_t)t->lim.timeout) {
			end(c, CS_TIMED_OUT, now);
			/* Now the most recently changed: keep it in view. */
			unlink_conn(t, t->oldest);
			push_newest(t, (int32_t)(c - t->c));
			continue;
		}
		break;
	}
}

static int
half_open(const struct conn *c)
{
	return c->state == CS_SYN_SENT || c->state == CS_SYN_RCVD;
}

/*
 * A scratch open-addressing map from (address, port) to a count, for the
 * alarm. port is 0 where only the address matters. The maps are kept
 * between evaluations: a slot is empty unless it has the current gen, so
 * nothing is cleared (they were megabytes, allocated and cleared once a
 * second).
 */
struct tally {
	struct addr	a;
	uint32_t	port;
	uint32_t	n;
	uint32_t	gen;
};

/* Count (a, port) once more; returns the new count. */
static uint32_t
tally_add(struct tally *m, size_t mask, uint32_t gen, const struct addr *a,
    uint16_t port)
{
	size_t s;

	for (s = (addr_hash(a) ^ port * 0x9e3779b1u) & mask; m[s].gen == gen &&
	    (m[s].port != port || !addr_eq(&m[s].a, a));
	    s = (s + 1) & mask)
		;
	if (m[s].gen != gen) {
		m[s].gen = gen;
		m[s].a = *a;
		m[s].port = port;
		m[s].n = 0;
	}
	return ++m[s].n;
}

/* Three maps of slots each, ready for a new evaluation. */
static struct tally *
tallies(struct conns *t, size_t slots)
{
	if (slots > t->tally_slots) {
		free(t->tally);
		t->tally = xcalloc(3 * slots, sizeof *t->tally);
		t->tally_slots = slots;
		t->tally_gen = 0;
	}
	if (++t->tally_gen == 0) {	/* wrapped: start again from empty */
		memset(t->tally, 0, 3 * t->tally_slots * sizeof *t->tally);
		t->tally_gen = 1;
	}
	return t->tally;
}

/*
 * Once per second of packet time: the destination with the most
 * half-open connections (a SYN flood), and the source that tried the
 * most distinct destination ports in the last ALARM_WINDOW seconds (a
 * port scan; many connections to one port are not a scan).
 */
static void
evaluate_alarm(struct conns *t, int64_t now)
{
	struct tally *flood, *ports, *scan;
	struct addr ftop, stop;
	uint32_t fbest = 0, sbest = 0, n, gen;
	size_t i, slots = 64;

	if (t->lim.alarm == 0)
		return;
	if (t->n == 0) {
		t->alarm.kind = ALARM_NONE;
		return;
	}
	while (slots < 2 * t->n)
		slots *= 2;
	flood = tallies(t, slots);
	ports = flood + t->tally_slots;
	scan = ports + t->tally_slots;
	gen = t->tally_gen;
	for (i = 0; i < t->n; i++) {
		const struct conn *c = &t->c[i];

		if (c->proto != 6)
			continue;
		if (half_open(c) && (n = tally_add(flood, slots - 1, gen,
		    &c->server, 0)) > fbest) {
			fbest = n;
			ftop = c->server;
		}
		if (c->guessed || now - c->first >= ALARM_WINDOW)
			continue;
		/* A (source, port) pair counts once for the source. */
		if (tally_add(ports, slots - 1, gen, &c->client, c->sport) ==
		    1 && (n = tally_add(scan, slots - 1, gen, &c->client,
		    0)) > sbest) {
			sbest = n;
			stop = c->client;
		}
	}
	if (fbest >= t->lim.alarm || sbest >= t->lim.alarm) {
		/* One source on many ports floods too: call it a scan. */
		enum alarm_kind kind = sbest >= t->lim.alarm ? ALARM_SCAN :
		    ALARM_FLOOD;
		const struct addr *a = kind == ALARM_FLOOD ? &ftop : &stop;

		t->alarm.count = kind == ALARM_FLOOD ? fbest : sbest;
		if (t->alarm.kind != kind || !addr_eq(&t->alarm.addr, a)) {
			t->alarm.raised++;
			t->alarm.since = now;
			/* Kept after it ends, for whoever reads it later. */
			t->alarm.last_kind = kind;
			t->alarm.last_addr = *a;
			t->alarm.last_count = t->alarm.count;
		}
		t->alarm.kind = kind;
		t->alarm.addr = *a;
	} else
		t->alarm.kind = ALARM_NONE;
}

void
conns_tick(struct conns *t, int64_t now)
{
	if (t->lim.max == 0 || now == t->evaluated)
		return;
	t->evaluated = now;
	expire(t, now);
	evaluate_alarm(t, now);
}

void
conns_clear_closed(struct conns *t)
{
	size_t i = 0;

	while (i < t->n) {
		if (terminal(&t->c[i]))
			delete(t, (int32_t)i);	/* the last moved here */
		else
			i++;
	}
}

void
conns_clear(struct conns *t)
{
	t->n = 0;
	t->evicted = 0;
	t->newest = t->oldest = NONE;
	if (t->index != NULL)
		index_rebuild(t, t->mask + 1);
	memset(&t->alarm, 0, sizeof t->alarm);
}

size_t
conns_count(const struct conns *t)
{
	return t->n;
}

const struct conn *
conns_at(const struct conns *t, size_t i)
{
	return &t->c[i];
}

uint64_t
conns_evicted(const struct conns *t)
{
	return t->evicted;
}

const struct conn_alarm *
conns_alarm(const struct conns *t)
{
	return &t->alarm;
}

const char *
conn_proto_name(uint8_t proto)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
	case 58:
		return "icmp";
	}
	return "ip";
}

const char *
conn_flags_str(uint8_t f, char buf[9])
{
	static const struct {
		uint8_t	bit;
		char	c;
	} names[8] = { { 0x02, 'S' }, { 0x10, 'A' }, { 0x08, 'P' },
	    { 0x01, 'F' }, { 0x04, 'R' }, { 0x20, 'U' }, { 0x40, 'E' },
	    { 0x80, 'C' } };
	int i;

	for (i = 0; i < 8; i++)
		buf[i] = f & names[i].bit ? names[i].c : '.';
	buf[8] = '\0';
	return buf;
}
