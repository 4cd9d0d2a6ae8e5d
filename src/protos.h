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

struct protos;

struct proto_entry		*protos_get(struct protos **, uint8_t proto);
size_t				 protos_count(const struct protos *);
const struct proto_entry	*protos_at(const struct protos *, size_t i);
struct protos			*protos_copy(const struct protos *);
void				 protos_free(struct protos *);
/* Empty t, keeping its memory for reuse. */
void				 protos_reset(struct protos *);
size_t				 protos_memory(const struct protos *);

#endif
