/*
 * hosts.c: an open-addressing (linear probing) table of pointers to host
 * records, kept at most half full. The address hash mixes every bit, so
 * packed address ranges do not cluster.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cutoff.h"
#include "hosts.h"
#include "pool.h"
#include "ports.h"
#include "protos.h"
#include "xmalloc.h"

/*
 * Records and their protocol and port tables come from the table's pool.
 * Evicted records are kept, with their tables, on a free list and reused
 * by the next new hosts: with darkstat's default limits a busy network
 * evicts hundreds of hosts a second.
 */
struct hosts {
	struct hosts_head head;		/* first: hosts.h reads it */
	size_t		  mask;		/* slots - 1 */
	struct host	**slot;
	struct host	 *block;	/* summary copies: all records here */
	struct host	 *free;		/* records to reuse */
	/* hosts_reduce's working space, kept between calls */
	uint64_t	 *totals;
	struct host	**taken;
	size_t		  nscratch;
};

#define INITIAL_SLOTS	64

struct hosts *
hosts_new(void)
{
	struct hosts *h = xcalloc(1, sizeof *h);

	h->mask = INITIAL_SLOTS - 1;
	h->slot = xcalloc(INITIAL_SLOTS, sizeof *h->slot);
	h->head.pool = pool_new();
	return h;
}


/* Put r aside for reuse, tables and all. */
static void
host_free(struct hosts *h, struct host *r)
{
	r->next_free = h->free;
	h->free = r;
}

/* A record for a new host: a reused one, emptied, or a new one. */
static struct host *
host_alloc(struct hosts *h)
{
	struct host *r = h->free;
	int i;

	if (r == NULL) {
		r = pool_carve(h->head.pool, sizeof *r);
		memset(r, 0, sizeof *r);
		return r;
	}
	h->free = r->next_free;
	protos_reset(r->protos);
	for (i = 0; i < PORTS_TABLES; i++)
		ports_reset(r->ports[i]);
	memset(r, 0, offsetof(struct host, protos));
	r->next_free = NULL;
	return r;
}

void
hosts_clear(struct hosts *h)
{
	size_t i;

	for (i = 0; i <= h->mask; i++) {
		if (h->slot[i] != NULL && h->block == NULL)
			host_free(h, h->slot[i]);
		h->slot[i] = NULL;
	}
	free(h->block);
	h->block = NULL;
	h->head.count = 0;
	pool_moved(h->head.pool);	/* records freed, to be reused */
}

void
hosts_free(struct hosts *h)
{
	struct host *r;
	size_t i;

	if (h == NULL)
		return;
	/*
	 * Only --history's counters are not in the pool. The slots are read
	 * in order, not as a list: 100k records cost 3 ms, not 20.
	 */
	if (h->block == NULL)
		for (i = 0; i <= h->mask; i++)
			if (h->slot[i] != NULL)
				free(h->slot[i]->hist);
	for (r = h->free; r != NULL; r = r->next_free)
		free(r->hist);
	free(h->block);
	pool_free(h->head.pool);
	free(h->totals);
	free(h->taken);
	free(h->slot);
	free(h);
}

static void
place(struct host **slot, size_t mask, struct host *r)
{
	size_t s;

	for (s = r->hash & mask; slot[s] != NULL; s = (s + 1) & mask)
		;
	slot[s] = r;
}

static void
rehash(struct hosts *h, size_t nslots)
{
	struct host **old = h->slot;
	size_t i, oldn = h->mask + 1, bytes = nslots * sizeof *h->slot;

	h->slot = memset(xmalloc_huge(bytes), 0, bytes);
	h->mask = nslots - 1;
	for (i = 0; i < oldn; i++)
		if (old[i] != NULL)
			place(h->slot, h->mask, old[i]);
	free(old);
}

struct host *
hosts_find(const struct hosts *h, const struct addr *a)
{
	uint32_t hash = addr_hash(a);
	size_t s;

	for (s = hash & h->mask; h->slot[s] != NULL; s = (s + 1) & h->mask)
		if (h->slot[s]->hash == hash && addr_eq(&h->slot[s]->addr, a))
			return h->slot[s];
	return NULL;
}

struct host *
hosts_get(struct hosts *h, const struct addr *a)
{
	return hosts_get_hashed(h, a, addr_hash(a));
}

/* hosts_get's slow path, out of line: the lookup saves no registers. */
static __attribute__((noinline)) struct host *
insert(struct hosts *h, const struct addr *a, uint32_t hash, size_t s)
{
	struct host *r = host_alloc(h);

	r->addr = *a;
	r->hash = hash;
	h->slot[s] = r;
	if (++h->head.count * 2 > h->mask + 1)
		rehash(h, (h->mask + 1) * 2);
	return r;
}

struct host *
hosts_get_hashed(struct hosts *h, const struct addr *a, uint32_t hash)
{
	struct host *r;
	size_t s;

	for (s = hash & h->mask; (r = h->slot[s]) != NULL; s = (s + 1) & h->mask)
		if (r->hash == hash && addr_eq(&r->addr, a))
			return r;
	return insert(h, a, hash, s);
}

/*
 * Two rounds: the slots, all together, then the records they point to
 * (three lines: a record is 136 bytes at 16-byte alignment).
 */
void
hosts_prefetch(const struct hosts *h, const uint32_t *hash, unsigned int n,
    const struct host **r)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		__builtin_prefetch(&h->slot[hash[i] & h->mask]);
	for (i = 0; i < n; i++) {
		const char *p = (const char *)h->slot[hash[i] & h->mask];

		r[i] = (const struct host *)(const void *)p;
		if (p == NULL)
			continue;
		__builtin_prefetch(p, 1);
		__builtin_prefetch(p + 64, 1);
		__builtin_prefetch(p + sizeof(struct host) - 1, 1);
	}
}

void
hosts_walk(struct hosts *h, void (*fn)(struct host *, void *), void *arg)
{
	size_t i;

	for (i = 0; i <= h->mask; i++)
		if (h->slot[i] != NULL)
			fn(h->slot[i], arg);
}

void
hosts_walk_removed(struct hosts *h, void (*fn)(struct host *, void *),
    void *arg)
{
	struct host *r;

	for (r = h->free; r != NULL; r = r->next_free)
		fn(r, arg);
}

struct host **
hosts_list(const struct hosts *h, size_t *n)
{
	struct host **v;
	size_t i, k = 0;

	*n = h->head.count;
	if (h->head.count == 0)
		return NULL;
	v = xreallocarray(NULL, h->head.count, sizeof *v);
	for (i = 0; i <= h->mask; i++)
		if (h->slot[i] != NULL)
			v[k++] = h->slot[i];
	return v;
}

size_t
hosts_reduce(struct hosts *h, size_t keep)
{
	uint64_t cut;
	size_t i, k = 0, kept = 0, removed;

	if (keep >= h->head.count)
		return 0;
	if (h->nscratch < h->head.count + 1) {	/* + 1: see the first loop */
		h->nscratch = h->head.count + 1;
		h->totals = xreallocarray(h->totals, h->nscratch,
		    sizeof *h->totals);
		h->taken = xreallocarray(h->taken, h->nscratch,
		    sizeof *h->taken);
	}
	/*
	 * Deleting from a linear-probing table breaks chains: take every
	 * record out in one pass and place the survivors again.
	 * cutoff_value() reorders the totals, not the records. Which slots
	 * are used and which records go is in no order, so the loops below
	 * count instead of branching on it (a mispredicted branch per host).
	 */
	for (i = 0; i <= h->mask; i++) {
		h->taken[k] = h->slot[i];	/* k <= count: count + 1 fit */
		k += h->slot[i] != NULL;
	}
	memset(h->slot, 0, (h->mask + 1) * sizeof *h->slot);
	for (i = 0; i < k; i++)
		h->totals[i] = h->taken[i]->in + h->taken[i]->out;
	cut = cutoff_value(h->totals, k, keep);
	/* Survivors stay in taken, in slot order as before; the others go. */
	for (i = 0; i < k; i++) {
		struct host *r = h->taken[i];
		int go = r->in + r->out <= cut;

		r->next_free = go ? h->free : NULL;	/* host_free() */
		h->free = go ? r : h->free;
		h->taken[kept] = r;
		kept += !go;
	}
	for (i = 0; i < kept; i++)
		place(h->slot, h->mask, h->taken[i]);
	removed = k - kept;
	h->head.count -= removed;
	pool_moved(h->head.pool);	/* records freed, to be reused */
	return removed;
}

/* A deep copy of r in c's pool, without --history's counters. */
static struct host *
copy_record(struct hosts *c, const struct host *r)
{
	struct host *n = pool_carve(c->head.pool, sizeof *n);
	int j;

	*n = *r;
	n->hist = NULL;
	n->next_free = NULL;
	n->protos = protos_copy(r->protos, c->head.pool);
	for (j = 0; j < PORTS_TABLES; j++)
		n->ports[j] = ports_copy(r->ports[j], c->head.pool);
	return n;
}

struct hosts *
hosts_copy(const struct hosts *h)
{
	struct hosts *c = xcalloc(1, sizeof *c);
	size_t i;

	c->head.count = h->head.count;
	c->mask = h->mask;
	c->slot = xcalloc(h->mask + 1, sizeof *c->slot);
	c->head.pool = pool_new();
	for (i = 0; i <= h->mask; i++)
		if (h->slot[i] != NULL)
			c->slot[i] = copy_record(c, h->slot[i]);
	return c;
}

struct hosts *
hosts_copy_summary(const struct hosts *h)
{
	struct hosts *c = xcalloc(1, sizeof *c);
	size_t i, k = 0;

	c->head.count = h->head.count;
	c->mask = h->mask;
	c->slot = xcalloc(h->mask + 1, sizeof *c->slot);
	c->head.pool = pool_new();
	if (h->head.count)
		c->block = xreallocarray(NULL, h->head.count, sizeof *c->block);
	for (i = 0; i <= h->mask; i++) {
		struct host *n;

		if (h->slot[i] == NULL)
			continue;
		n = &c->block[k++];
		*n = *h->slot[i];
		n->hist = NULL;
		n->protos = NULL;
		memset(n->ports, 0, sizeof n->ports);
		c->slot[i] = n;
	}
	return c;
}

struct hosts *
hosts_copy_one(const struct hosts *h, const struct addr *a)
{
	struct hosts *c = hosts_new();
	const struct host *r = hosts_find(h, a);

	if (r == NULL)
		return c;
	c->slot[r->hash & c->mask] = copy_record(c, r);
	c->head.count = 1;
	return c;
}

size_t
hosts_memory(const struct hosts *h)
{
	size_t i, sum = sizeof *h + (h->mask + 1) * sizeof *h->slot;
	int j;

	for (i = 0; i <= h->mask; i++) {
		const struct host *r = h->slot[i];

		if (r == NULL)
			continue;
		sum += sizeof *r + protos_memory(r->protos) +
		    (r->hist ? sizeof *r->hist : 0);
		for (j = 0; j < PORTS_TABLES; j++)
			sum += ports_memory(r->ports[j]);
	}
	return sum;
}
