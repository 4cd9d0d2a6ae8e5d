/*
 * pool.h: the allocator of one table's variable-size records (a hosts
 * table's host records, port and protocol tables). Freed blocks go on a
 * free list per power-of-two size and are reused; everything goes at once
 * with pool_free(). Not thread-safe: a pool has its table's lock.
 */
#ifndef POOL_H
#define POOL_H

#include <stddef.h>

struct pool;

struct pool	*pool_new(void);
void		 pool_free(struct pool *);
/* n bytes, uninitialised. */
void		*pool_alloc(struct pool *, size_t n);
/* n bytes, uninitialised, for a record that is never given back. */
void		*pool_carve(struct pool *, size_t n);
/* Give back p, allocated by pool_alloc with the same n. */
void		 pool_release(struct pool *, void *p, size_t n);
/* The bytes a block of n bytes takes. */
size_t		 pool_size(size_t n);
/* What the pool holds from malloc. */
size_t		 pool_memory(const struct pool *);
/*
 * A value that changes whenever a block the pool gave out may have moved
 * or been reused: pool_release() changes it, and so must its users when
 * they move things inside their blocks (pool_moved). No two pools, even
 * one freed and one new at the same address, share a value. Pointers
 * into the pool's blocks that were good when it had a value are good
 * while it keeps it (acct.c keeps some per connection).
 */
void		 pool_moved(struct pool *);

/* The start of every struct pool (pool.c): read inline per packet. */
struct pool_head {
	unsigned long long generation;
};

static inline unsigned long long
pool_generation(const struct pool *p)
{
	return ((const struct pool_head *)(const void *)p)->generation;
}

#endif
