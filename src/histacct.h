/*
 * histacct.h: the engine's side of --history. Per-minute traffic of each
 * host and each interface, keyed by packet time, waiting for the main
 * thread to write it to the history database (history.c).
 *
 * DESIGN. The capture path stays O(1) per packet: a host record carries
 * the counters of its current minute (struct host_hist, hosts.h) and
 * each interface has its current minute here. When a packet of another
 * minute arrives, the finished minute is appended to a list of records.
 * Draining appends every host's and interface's current minute too: the
 * main thread does it at each flush; after an eviction or a reset, the
 * engine drains the hosts removed, whose records keep their counters until
 * they are reused. A minute may so be split over several records; the
 * writer adds them up.
 * Nothing here is cumulative, so a reset (SIGUSR1) or an eviction can
 * never make a delta negative or count a packet twice.
 */
#ifndef HISTACCT_H
#define HISTACCT_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define HIST_IFACES	16	/* = TABLES_IFACES */

/* A host's traffic in one minute. */
struct hist_host {
	struct addr	addr;
	int64_t		minute;		/* packet time / 60 */
	uint64_t	in;		/* bytes received */
	uint64_t	out;		/* bytes sent */
	uint64_t	pkts_in;
	uint64_t	pkts_out;
};

/* An interface's traffic in one minute. */
struct hist_iface {
	int64_t		minute;
	int		iface;		/* capture source index */
	uint64_t	in;		/* local traffic, as graphed: remote -> local */
	uint64_t	out;		/* local -> remote */
	uint64_t	pkts_in;
	uint64_t	pkts_out;
	uint64_t	bytes;		/* all the traffic counted on it */
	uint64_t	pkts;
};

struct histacct {
	struct hist_host	*host;		/* finished minutes */
	size_t			 nhost;
	size_t			 host_cap;
	struct hist_iface	*iface;
	size_t			 niface;
	size_t			 iface_cap;
	struct hist_iface	 cur[HIST_IFACES];	/* pkts == 0: none */
};

struct host;
struct hosts;
struct pkt;

/*
 * A packet of interface k->iface, sent by src and received by dst (either
 * may be NULL: not accounted per host).
 */
void	histacct_packet(struct histacct *, const struct pkt *k,
	    struct host *src, struct host *dst);
/* Append the current minute of every host and interface. */
void	histacct_drain(struct histacct *, struct hosts *);
/*
 * Append the current minute of the hosts just removed from the table (by
 * an eviction or a reset), before new hosts reuse their records.
 */
void	histacct_removed(struct histacct *, struct hosts *);
/* Records waiting to be taken. */
size_t	histacct_pending(const struct histacct *);
/* Move the records out (the caller frees both arrays). */
void	histacct_take(struct histacct *, struct hist_host **, size_t *nhost,
	    struct hist_iface **, size_t *niface);
void	histacct_free(struct histacct *);

#endif
