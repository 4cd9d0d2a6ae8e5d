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

struct pool;

/*
 * The layout is here only for ports_get's inline lookup, four times a
 * packet; everything else goes through the functions.
 */
struct ports {
	uint32_t		count;
	uint32_t		cap;	/* entries that fit */
	uint32_t		mask;	/* index slots - 1; 0: no index */
	uint32_t		block;	/* bytes, a pool_size() */
	struct port_entry	e[];	/* then uint32_t index[mask + 1] */
};

/* ports_get's out-of-line part: the indexed lookup and the insertion. */
struct port_entry	*ports_get_slow(struct ports **, uint16_t port,
			    unsigned int max, unsigned int keep, struct pool *);

/*
 * Find the entry for port, creating it if needed. A new entry in a table
 * that holds max entries first evicts down to keep (darkstat's rule).
 * Tables live in the pool of their hosts table.
 */
static inline struct port_entry *
ports_get(struct ports **tp, uint16_t port, unsigned int max,
    unsigned int keep, struct pool *pool)
{
	struct ports *t = *tp;
	uint32_t i;

	/* Most tables hold a few ports, searched without an index. */
	if (t != NULL && t->mask == 0)
		for (i = 0; i < t->count; i++)
			if (t->e[i].port == port)
				return &t->e[i];
	return ports_get_slow(tp, port, max, keep, pool);
}

size_t			 ports_count(const struct ports *);
/* The i-th entry, 0 <= i < ports_count(), in table order. */
const struct port_entry	*ports_at(const struct ports *, size_t i);
struct ports		*ports_copy(const struct ports *, struct pool *);
/* Empty t, keeping its memory for reuse. */
void			 ports_reset(struct ports *);
size_t			 ports_memory(const struct ports *);

#endif
