/*
 * dns.h: asynchronous reverse DNS for the views. A worker thread resolves
 * the addresses the views ask for, one at a time, into a bounded cache
 * with its own lock (never the stats lock).
 *
 * Life cycle: dns_start() once (before the web server's threads start),
 * dns_name() from the main thread and the web server's threads, then
 * dns_stop() once (after they have stopped).
 */
#ifndef DNS_H
#define DNS_H

#include <stddef.h>

#include "addr.h"

void		 dns_start(void);
void		 dns_stop(void);
/*
 * The name of a, made safe for a terminal (control characters replaced),
 * or NULL while unknown, in which case a lookup is queued if ask is set.
 * An address without a name gives "".
 */
const char	*dns_name(const struct addr *a, char *buf, size_t len, int ask);

#endif
