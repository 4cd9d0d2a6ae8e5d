/*
 * tables.h: everything the engine counts, as one value that stats.c keeps
 * under its lock and hands out as deep copies (snapshots).
 */
#ifndef TABLES_H
#define TABLES_H

#include <stdint.h>

#include "dayacct.h"
#include "decode.h"
#include "graph.h"
#include "histacct.h"

struct conns;
struct conn_limits;
struct hosts;

#define TABLES_IFACES	16	/* = MAX_IFACES of opt.h */

/* What one capture source saw (the Interfaces view). */
struct iface_totals {
	uint64_t	packets;
	uint64_t	bytes;
	uint64_t	v4_bytes;
	uint64_t	v6_bytes;
	uint64_t	tcp_bytes;
	uint64_t	udp_bytes;
	uint64_t	icmp_bytes;	/* ICMP and ICMPv6 */
	uint64_t	other_bytes;
};

/* Packet sizes (IP length), log-spaced, the last for GSO/jumbo frames. */
#define SIZE_BUCKETS	8
extern const uint32_t size_bucket_max[SIZE_BUCKETS];

struct totals {
	uint64_t	frames;		/* every frame handed to decode */
	uint64_t	packets;	/* accounted packets */
	uint64_t	bytes;		/* their IP lengths */
	uint64_t	cut;		/* accounted but cut by the snaplen */
	uint64_t	local_in_bytes;	/* graph direction: remote -> local */
	uint64_t	local_out_bytes; /* local -> remote */
	uint64_t	local_in_pkts;
	uint64_t	local_out_pkts;
	uint64_t	hosts_evicted;
	uint64_t	reasons[REASON_COUNT];	/* skipped or malformed */
	uint64_t	notes[NOTE_COUNT];
	int64_t		first_ts;	/* first and last packet time */
	int64_t		last_ts;
	uint64_t	sizes[SIZE_BUCKETS];	/* packets per size bucket */
	struct iface_totals iface[TABLES_IFACES];
};

struct tables {
	struct hosts	*hosts;
	struct conns	*conns;
	struct graphs	 graphs;
	struct totals	 totals;
	struct dayacct	 days;		/* the daylog's periods */
	struct histacct	 hist;		/* --history's minutes */
};

/* Empty tables; connection tracking with lim (NULL: none). */
void		 tables_init(struct tables *, const struct conn_limits *lim);
void		 tables_destroy(struct tables *);
struct tables	*tables_copy(const struct tables *);
/*
 * Totals, graphs and host records without their sub-tables; the
 * connection rows only if conns is set (the alarm always).
 */
struct tables	*tables_copy_summary(const struct tables *, int conns);
void		 tables_free(struct tables *);
uint64_t	 tables_malformed(const struct totals *);

/* The size bucket of an IP length: inline, every packet has one. */
static inline int
tables_size_bucket(uint32_t len)
{
	if (len < 1024)		/* 63, 127, 255, 511, 1023: powers of two */
		return len < 64 ? 0 : 26 - __builtin_clz(len);
	return len <= 1500 ? 5 : len <= 9000 ? 6 : 7;
}

#endif
