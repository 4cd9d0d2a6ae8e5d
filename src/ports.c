/*
 * ports.c: a port table is one block of its hosts table's pool: a header,
 * a dense array of entries (insertion order, compacted on eviction) and,
 * in blocks of INDEX_BLOCK bytes or more (more than 15 entries), an
 * open-addressing index of entry numbers.
 *
 * Real traffic gives a host a handful of ports per table (gen-pcap's
 * internet-like mix: 1 on average, 7 at most), so small tables are
 * searched linearly, which costs less than hashing, and fill their whole
 * pool block instead of doubling.
 */
#include <stdlib.h>
#include <string.h>

#include "cutoff.h"
#include "pool.h"
#include "ports.h"
#include "xmalloc.h"

#define INDEX_BLOCK	1024	/* smaller blocks: no index */
#define EMPTY		UINT32_MAX	/* index slot value: no entry */

static uint32_t *
index_of(const struct ports *t)
{
	return (uint32_t *)(void *)&t->e[t->cap];
}

/*
 * The layout of a block of size b: as many entries as fit, with an index
 * of b/16 slots (at most half full) from INDEX_BLOCK bytes on.
 */
static void
layout(struct ports *t, size_t b)
{
	size_t slots = b >= INDEX_BLOCK ? b / 16 : 0;

	t->block = (uint32_t)b;
	t->cap = (uint32_t)((b - sizeof *t - slots * sizeof(uint32_t)) /
	    sizeof t->e[0]);
	t->mask = slots ? (uint32_t)slots - 1 : 0;
}

static uint32_t
slot_of(uint16_t port, uint32_t mask)
{
	return ((uint32_t)port * 0x9e3779b1u >> 16) & mask;
}

/* Put entry i in the index. */
static void
index_add(struct ports *t, uint32_t i)
{
	uint32_t *ix = index_of(t), s;

	for (s = slot_of(t->e[i].port, t->mask); ix[s] != EMPTY;
	    s = (s + 1) & t->mask)
		;
	ix[s] = i;
}

static void
reindex(struct ports *t)
{
	uint32_t i;

	if (t->mask == 0)
		return;
	memset(index_of(t), 0xff, (t->mask + 1) * sizeof(uint32_t));
	for (i = 0; i < t->count; i++)
		index_add(t, i);
}

/* The next size of block: the smallest that holds more entries. */
static struct ports *
grow(struct ports *t, struct pool *pool)
{
	size_t b = t ? (size_t)t->block * 2 : pool_size(sizeof *t +
	    sizeof t->e[0]);
	struct ports *n = pool_alloc(pool, b);

	layout(n, b);
	n->count = 0;
	if (t != NULL) {
		n->count = t->count;
		memcpy(n->e, t->e, t->count * sizeof t->e[0]);
		pool_release(pool, t, t->block);
	}
	reindex(n);
	return n;
}

/* Evict every entry whose total is <= the (keep+1)-th largest. */
static void
reduce(struct ports *t, unsigned int keep)
{
	uint64_t small[64], *tot, cut;
	uint32_t i, n = 0;

	if (keep >= t->count)
		return;
	tot = t->count <= 64 ? small : xreallocarray(NULL, t->count,
	    sizeof *tot);
	for (i = 0; i < t->count; i++)
		tot[i] = t->e[i].in + t->e[i].out;
	cut = cutoff_value(tot, t->count, keep);
	if (tot != small)
		free(tot);
	for (i = 0; i < t->count; i++)
		if (t->e[i].in + t->e[i].out > cut)
			t->e[n++] = t->e[i];
	t->count = n;
	reindex(t);
}

static struct port_entry *
insert(struct ports **tp, uint16_t port, unsigned int max, unsigned int keep,
    struct pool *pool)
{
	struct ports *t = *tp;
	struct port_entry *e;

	if (t != NULL && t->count >= max) {
		reduce(t, keep);
		pool_moved(pool);	/* the entries kept were moved down */
	}
	if (t == NULL || t->count == t->cap)
		t = *tp = grow(t, pool);
	e = &t->e[t->count];
	memset(e, 0, sizeof *e);
	e->port = port;
	if (t->mask != 0)
		index_add(t, t->count);
	t->count++;
	return e;
}

struct port_entry *
ports_get_slow(struct ports **tp, uint16_t port, unsigned int max,
    unsigned int keep, struct pool *pool)
{
	struct ports *t = *tp;
	uint32_t *ix, i, s;

	if (t != NULL && t->mask != 0) {
		ix = index_of(t);
		for (s = slot_of(port, t->mask); (i = ix[s]) != EMPTY;
		    s = (s + 1) & t->mask)
			if (t->e[i].port == port)
				return &t->e[i];
	}
	return insert(tp, port, max, keep, pool);
}

size_t
ports_count(const struct ports *t)
{
	return t ? t->count : 0;
}

const struct port_entry *
ports_at(const struct ports *t, size_t i)
{
	return &t->e[i];
}

struct ports *
ports_copy(const struct ports *t, struct pool *pool)
{
	struct ports *c;

	if (t == NULL || t->count == 0)
		return NULL;
	c = pool_alloc(pool, t->block);
	memcpy(c, t, t->block);
	return c;
}

void
ports_reset(struct ports *t)
{
	if (t == NULL)
		return;
	t->count = 0;
	reindex(t);
}

size_t
ports_memory(const struct ports *t)
{
	return t ? t->block : 0;
}
