/*
 * hosts.h: the hosts table: one record per IP address with its byte and
 * packet counters, MAC, times, and its protocol and port tables. Bounded
 * by --hosts-max/--hosts-keep with darkstat's eviction rule.
 */
#ifndef HOSTS_H
#define HOSTS_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct pool;
struct ports;
struct protos;

enum {
	PORTS_TCP,		/* TCP ports on this host */
	PORTS_TCP_REMOTE,	/* TCP ports on remote hosts */
	PORTS_UDP,		/* UDP ports on this host */
	PORTS_UDP_REMOTE,	/* UDP ports on remote hosts */
	PORTS_TABLES
};

struct host {
	struct addr	 addr;
	uint32_t	 hash;
	uint8_t		 mac[6];
	uint64_t	 in;		/* bytes received */
	uint64_t	 out;		/* bytes sent */
	uint64_t	 pkts_in;
	uint64_t	 pkts_out;
	int64_t		 first_seen;	/* first packet to or from it */
	int64_t		 last_seen;	/* last packet it sent; 0 = never */
	struct protos	*protos;
	struct ports	*ports[PORTS_TABLES];
	struct host	*next_free;	/* hosts.c's free list */
	/*
	 * --history's counters, allocated with the first packet: a pointer
	 * fits in what malloc gives a record anyway, the counters would not.
	 * Kept when a record is reused (emptied when it was removed); copies
	 * have none.
	 */
	struct host_hist *hist;
};

/* A host's traffic in its current minute, for --history (histacct.h). */
struct host_hist {
	int64_t		 minute;
	uint64_t	 in;
	uint64_t	 out;
	uint64_t	 pkts_in;
	uint64_t	 pkts_out;
};

struct hosts;

struct hosts	*hosts_new(void);
void		 hosts_free(struct hosts *);
/* Find the host for addr, creating an empty record if needed. */
struct host	*hosts_get(struct hosts *, const struct addr *);
/* The same, with addr_hash(addr) already known. */
struct host	*hosts_get_hashed(struct hosts *, const struct addr *,
		    uint32_t hash);
struct host	*hosts_find(const struct hosts *, const struct addr *);
/*
 * Start loading the records of n hosts of addr_hash() hash[]; r[i]: the
 * record at hash[i]'s first slot, or NULL (maybe another host's: a hint).
 */
void		 hosts_prefetch(const struct hosts *, const uint32_t *hash,
		    unsigned int n, const struct host **r);
/* Evict every host whose total is <= the (keep+1)-th largest. */
size_t		 hosts_reduce(struct hosts *, size_t keep);
/* Remove every host (the table keeps its size). */
void		 hosts_clear(struct hosts *);
/* Call fn on every host, in table order. */
void		 hosts_walk(struct hosts *, void (*fn)(struct host *, void *),
		    void *arg);
/*
 * Call fn on every record removed by hosts_reduce() or hosts_clear() and
 * not reused yet: until a new host takes it, a record keeps its counters.
 */
void		 hosts_walk_removed(struct hosts *,
		    void (*fn)(struct host *, void *), void *arg);
/* All hosts, in table order, as an array of hosts_count() pointers. */
struct host	**hosts_list(const struct hosts *, size_t *n);
struct hosts	*hosts_copy(const struct hosts *);
/*
 * A copy of the host records only (no protocol or port tables), in one
 * allocation: what a hosts list needs, at a fraction of the cost.
 */
struct hosts	*hosts_copy_summary(const struct hosts *);
/* A table holding a deep copy of one host, or none if it is absent. */
struct hosts	*hosts_copy_one(const struct hosts *, const struct addr *);
size_t		 hosts_memory(const struct hosts *);

/* The start of every struct hosts (hosts.c): read inline per packet. */
struct hosts_head {
	size_t		 count;
	struct pool	*pool;
};

static inline size_t
hosts_count(const struct hosts *h)
{
	return ((const struct hosts_head *)(const void *)h)->count;
}

/* Where the records' protocol and port tables are allocated. */
static inline struct pool *
hosts_pool(const struct hosts *h)
{
	return ((const struct hosts_head *)(const void *)h)->pool;
}

#endif
