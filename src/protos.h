/* protos.h: a host's IP-protocol table (at most 256 rows, never evicted). */
#ifndef PROTOS_H
#define PROTOS_H

#include <stddef.h>
#include <stdint.h>

struct proto_entry {
	uint64_t	in;
	uint64_t	out;
	uint8_t		proto;
};

struct pool;

/* The layout is here only for protos_get's inline lookup. */
struct protos {
	uint16_t		count;
	uint16_t		cap;
	uint32_t		block;	/* bytes, a pool_size() */
	struct proto_entry	e[];
};

/* protos_get's out-of-line part: a new entry. */
struct proto_entry		*protos_add(struct protos **, uint8_t proto,
				    struct pool *);

/*
 * The entry for proto, created if needed. Tables live in the pool of
 * their hosts table.
 */
static inline struct proto_entry *
protos_get(struct protos **tp, uint8_t proto, struct pool *pool)
{
	struct protos *t = *tp;
	uint16_t i;

	if (t != NULL)
		for (i = 0; i < t->count; i++)
			if (t->e[i].proto == proto)
				return &t->e[i];
	return protos_add(tp, proto, pool);
}

size_t				 protos_count(const struct protos *);
const struct proto_entry	*protos_at(const struct protos *, size_t i);
struct protos			*protos_copy(const struct protos *,
				    struct pool *);
/* Empty t, keeping its memory for reuse. */
void				 protos_reset(struct protos *);
size_t				 protos_memory(const struct protos *);

#endif
