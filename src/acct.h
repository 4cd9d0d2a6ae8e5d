/* acct.h: the accounting of one decoded packet, as darkstat does it. */
#ifndef ACCT_H
#define ACCT_H

#include "conns.h"
#include "decode.h"
#include "tables.h"

struct acct_limits {
	unsigned int	hosts_max;	/* 0: no per-host accounting */
	unsigned int	hosts_keep;
	unsigned int	ports_max;	/* 0: no port accounting */
	unsigned int	ports_keep;
	unsigned int	highest_port;
	int		local_only;	/* hosts only for local addresses */
	struct conn_limits conns;
	int		history;	/* keep --history's minutes (histacct.h) */
};

/*
 * Account n packets in order: the same figures as n acct_packet() calls,
 * fetching each group's memory before accounting it (acct.c).
 */
void	acct_batch(struct tables *, const struct acct_limits *,
	    const struct pkt *, unsigned int n);
void	acct_packet(struct tables *, const struct acct_limits *,
	    const struct pkt *);

#endif
