/*
 * filter.h: the display filter: whitespace-separated terms that must all
 * match, each a PCRE2 pattern (case-insensitive), optionally qualified:
 * host:RE (address or name), mac:RE, port:RE (any TCP/UDP port of the
 * host, as a decimal number), proto:RE (any IP protocol of the host, by
 * number or /etc/protocols name). An unqualified term matches the
 * address, the name or the MAC. Main thread only.
 */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>

struct conn;
struct filter;
struct host;

/* NULL with PCRE2's message (and the offending term) in err. */
struct filter	*filter_compile(const char *text, char *err, size_t errlen);
int		 filter_match(const struct filter *, const struct host *,
		    const char *name);
/* The same for a connection: its two addresses, two ports, protocol. */
int		 filter_match_conn(const struct filter *, const struct conn *);
void		 filter_free(struct filter *);
/* Does f look into port or protocol tables (port:, proto:)? */
int		 filter_needs_tables(const struct filter *);

#endif
