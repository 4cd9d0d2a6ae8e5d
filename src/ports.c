/*
 * ports.c: a port table is one allocation: a header, a dense array of
 * entries (insertion order, compacted on eviction), then an open-addressing
 * index of 16-bit entry numbers twice as long. Most tables hold a handful
 * of ports, so they start with room for two.
 */
#include <stdlib.h>
#include <string.h>

#include "cutoff.h"
#include "ports.h"
#include "xmalloc.h"

#define EMPTY		0xffff	/* index slot value: no entry */
#define INDEX_MAX	32768	/* above this many entries: linear scan */

struct ports {
	uint32_t		count;
	uint32_t		cap;	/* entries allocated */
	struct port_entry	e[];	/* then uint16_t index[2 * cap] */
};

static uint16_t *
index_of(const struct ports *t)
{
	return t->cap <= INDEX_MAX ? (uint16_t *)(void *)&t->e[t->cap] : NULL;
}

static size_t
size_for(uint32_t cap)
{
	return sizeof(struct ports) + cap * sizeof(struct port_entry) +
	    (cap <= INDEX_MAX ? 2 * cap * sizeof(uint16_t) : 0);
}

static uint32_t
slot_of(uint16_t port, uint32_t mask)
{
	return ((uint32_t)port * 0x9e3779b1u >> 16) & mask;
}

static void
reindex(struct ports *t)
{
	uint16_t *ix = index_of(t);
	uint32_t i, s, mask = 2 * t->cap - 1;

	if (ix == NULL)
		return;
	memset(ix, 0xff, 2 * t->cap * sizeof *ix);
	for (i = 0; i < t->count; i++) {
		for (s = slot_of(t->e[i].port, mask); ix[s] != EMPTY;
		    s = (s + 1) & mask)
			;
		ix[s] = (uint16_t)i;
	}
}

static struct ports *
grow(struct ports *t)
{
	uint32_t cap = t ? t->cap * 2 : 2;

	t = xreallocarray(t, 1, size_for(cap));
	if (cap == 2)
		t->count = 0;
	t->cap = cap;
	reindex(t);
	return t;
}

/* Evict every entry whose total is <= the (keep+1)-th largest. */
static void
reduce(struct ports *t, unsigned int keep)
{
	uint64_t *tot, cut;
	uint32_t i, n = 0;

	if (keep >= t->count)
		return;
	tot = xreallocarray(NULL, t->count, sizeof *tot);
	for (i = 0; i < t->count; i++)
		tot[i] = t->e[i].in + t->e[i].out;
	cut = cutoff_value(tot, t->count, keep);
	free(tot);
	for (i = 0; i < t->count; i++)
		if (t->e[i].in + t->e[i].out > cut)
			t->e[n++] = t->e[i];
	t->count = n;
	reindex(t);
}

/* The entry for port, or NULL with *slot set to where it would go. */
static struct port_entry *
find(struct ports *t, uint16_t port, uint32_t *slot)
{
	uint16_t *ix = index_of(t);
	uint32_t i, s, mask = 2 * t->cap - 1;

	if (ix == NULL) {
		for (i = 0; i < t->count; i++)
			if (t->e[i].port == port)
				return &t->e[i];
		return NULL;
	}
	for (s = slot_of(port, mask); ix[s] != EMPTY; s = (s + 1) & mask)
		if (t->e[ix[s]].port == port)
			return &t->e[ix[s]];
	*slot = s;
	return NULL;
}

struct port_entry *
ports_get(struct ports **tp, uint16_t port, unsigned int max,
    unsigned int keep)
{
	struct ports *t = *tp;
	struct port_entry *e;
	uint32_t slot = 0;

	if (t != NULL && (e = find(t, port, &slot)) != NULL)
		return e;
	if (t != NULL && t->count >= max)
		reduce(t, keep);
	if (t == NULL || t->count == t->cap)
		t = *tp = grow(t);
	/* The table may have changed: look for the free slot again. */
	find(t, port, &slot);
	e = &t->e[t->count];
	memset(e, 0, sizeof *e);
	e->port = port;
	if (index_of(t) != NULL)
		index_of(t)[slot] = (uint16_t)t->count;
	t->count++;
	return e;
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
ports_copy(const struct ports *t)
{
	struct ports *c;

	if (t == NULL || t->count == 0)
		return NULL;
	c = xmalloc(size_for(t->cap));
	memcpy(c, t, size_for(t->cap));
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

void
ports_free(struct ports *t)
{
	free(t);
}

size_t
ports_memory(const struct ports *t)
{
	return t ? size_for(t->cap) : 0;
}
