/*
 * ports.h: one TCP or UDP port table of a host, bounded like darkstat's
 * (--ports-max/--ports-keep). Four per host: TCP and UDP, "on this host"
 * and "on remote hosts".
 */
#ifndef PORTS_H
#define PORTS_H

#include <stddef.h>
#include <stdint.h>

struct port_entry {
	uint64_t	in;
	uint64_t	out;
	uint64_t	syn;	/* TCP only */
	uint16_t	port;
};

struct ports;

/*
 * Find the entry for port, creating it if needed. A new entry in a table
 * that holds max entries first evicts down to keep (darkstat's rule).
 */
struct port_entry	*ports_get(struct ports **, uint16_t port,
			    unsigned int max, unsigned int keep);
size_t			 ports_count(const struct ports *);
/* The i-th entry, 0 <= i < ports_count(), in table order. */
const struct port_entry	*ports_at(const struct ports *, size_t i);
struct ports		*ports_copy(const struct ports *);
void			 ports_free(struct ports *);
/* Empty t, keeping its memory for reuse. */
void			 ports_reset(struct ports *);
size_t			 ports_memory(const struct ports *);

#endif
