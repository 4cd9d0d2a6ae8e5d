/*
 * conns.h: the connection table: one row per TCP connection (both
 * directions), UDP and ICMP flow, keyed by the 5-tuple, bounded with
 * oldest-idle eviction, with TCP state derived from both directions, and
 * the SYN-flood / port-scan alarm. Part of struct tables (stats.c's lock).
 */
#ifndef CONNS_H
#define CONNS_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "decode.h"

enum conn_state {
	CS_NEW,		/* UDP/ICMP: one direction so far */
	CS_REPLIED,	/* UDP/ICMP: both directions */
	CS_SYN_SENT,
	CS_SYN_RCVD,
	CS_ESTABLISHED,
	CS_FIN_WAIT,	/* one side has closed */
	CS_CLOSING,	/* both have, the last ACK is missing */
	CS_CLOSED,	/* the ended states last (conns.c's terminal()) */
	CS_RESET,
	CS_TIMED_OUT,
	CS_COUNT
};

extern const char *const conn_state_names[CS_COUNT];

#define CONN_EVENTS	12	/* flag changes kept for the timeline */

struct conn_dir {
	uint64_t	pkts;
	uint64_t	bytes;
	uint32_t	next_seq;	/* highest seq + data seen */
	uint32_t	retrans;	/* data segments already seen */
	uint32_t	zero_win;	/* segments advertising window 0 */
	uint8_t		flags;		/* every TCP flag seen this way */
	uint8_t		fin;
	uint8_t		seq_known;
};

struct conn_event {
	uint32_t	ms;		/* since the connection's first packet */
	uint8_t		dir;		/* 0 client -> server, 1 back */
	uint8_t		flags;
};

/*
 * Kept with each row for the accounting (acct.c), which conns.c only
 * zeroes with a new row and moves with it: what the connection's packets
 * were counted in, so that the next ones need no lookups.
 */
struct host;
struct port_entry;
struct proto_entry;

struct conn_memo {
	unsigned long long  gen;	/* pool_generation(); 0: none */
	struct host	   *host[2];	/* source, destination */
	struct proto_entry *proto[2];
	struct port_entry  *port[4];	/* acct.c's count_ports() */
	uint8_t		    dir;	/* of the packet that noted them */
	uint8_t		    flags;	/* its PKT_PROTO, PKT_PORTS */
};

struct conn {
	struct addr	 client;
	struct addr	 server;
	uint16_t	 cport;
	uint16_t	 sport;
	uint8_t		 proto;
	uint8_t		 state;		/* enum conn_state */
	uint8_t		 guessed;	/* no SYN seen: server = lower port */
	uint8_t		 reset_by;	/* 1 client, 2 server */
	uint8_t		 last_flags;
	uint8_t		 nevents;
	uint8_t		 ev_flags;	/* ev[nevents - 1]'s, read per packet */
	uint8_t		 ev_dir;
	struct conn_dir	 d[2];		/* 0: client -> server */
	int64_t		 first;		/* seconds */
	int64_t		 last;
	int64_t		 ended;		/* when it closed, reset or timed out */
	uint64_t	 syn_us;	/* handshake times, microseconds */
	uint64_t	 synack_us;
	uint32_t	 rtt_us;	/* SYN -> ACK of the SYN-ACK, 0 unknown */
	uint32_t	 first_us;
	struct conn_event ev[CONN_EVENTS];
	struct conn_memo memo;
	/* table links (conns.c) */
	uint32_t	 hash;
	int32_t		 newer;
	int32_t		 older;
};

enum alarm_kind { ALARM_NONE, ALARM_FLOOD, ALARM_SCAN };

struct conn_alarm {
	enum alarm_kind	 kind;
	struct addr	 addr;		/* flood target or scanning source */
	uint32_t	 count;		/* half-open conns, or ports in window */
	int64_t		 since;		/* packet time it was raised */
	uint64_t	 raised;	/* alarms raised so far */
	/* The last one raised, as it was then (it may have ended since). */
	enum alarm_kind	 last_kind;
	struct addr	 last_addr;
	uint32_t	 last_count;
};

struct conn_limits {
	unsigned int	max;		/* --conns-max; 0 turns tracking off */
	unsigned int	timeout;	/* --conn-timeout, seconds idle */
	unsigned int	alarm;		/* --syn-alarm; 0 turns it off */
};

#define CONN_LINGER	60	/* closed rows stay matchable this long */
#define ALARM_WINDOW	10	/* seconds, for the port-scan count */

struct conns;

struct conns		*conns_new(const struct conn_limits *);
void			 conns_free(struct conns *);
/* A copy for readers; without rows (counts and alarm only) if !rows. */
struct conns		*conns_copy(const struct conns *, int rows);
/*
 * A packet's connection hash; hs, hd: addr_hash() of its addresses. The
 * same from both ends: it combines the two addresses' hashes and the two
 * ports with commutative operations. (A:1, B:2) and (A:2, B:1) collide,
 * and conns.c tells them apart.
 */
static inline uint32_t
conns_hash(const struct pkt *k, uint32_t hs, uint32_t hd)
{
	uint32_t h = (hs + hd) * 0x9e3779b1u ^
	    ((uint32_t)k->sport + k->dport) * 0x85ebca6bu ^ k->proto;

	return h ^ (h >> 15);
}
/*
 * Account one packet (stats lock held); h: its conns_hash(). Returns its
 * row's memo, with *dir 0 if the client sent it and 1 if the server did;
 * NULL with tracking off.
 */
struct conn_memo	*conns_packet(struct conns *, const struct pkt *,
			    uint32_t h, int *dir);
/*
 * Start loading the rows of n connections of hashes hc[]; m[i]: the memo
 * of the row hc[i] probably leads to, or NULL. Hints, for acct.c.
 */
void			 conns_prefetch(const struct conns *,
			    const uint32_t *hc, unsigned int n,
			    const struct conn_memo **m);
/* Time passes without packets (live): time-outs and the alarm. */
void			 conns_tick(struct conns *, int64_t now);
/* Remove closed, reset and timed-out rows now (the C key). */
void			 conns_clear_closed(struct conns *);
void			 conns_clear(struct conns *);
size_t			 conns_count(const struct conns *);
/* The i-th connection, 0 <= i < conns_count(), in no particular order. */
const struct conn	*conns_at(const struct conns *, size_t i);
uint64_t		 conns_evicted(const struct conns *);
const struct conn_alarm	*conns_alarm(const struct conns *);
/* "tcp", "udp", "icmp" (v4 or v6) or "ip". */
const char		*conn_proto_name(uint8_t proto);
/* "SAPFRUEC" positions with '.' for flags not set, into buf[9]. */
const char		*conn_flags_str(uint8_t flags, char buf[9]);

#endif
