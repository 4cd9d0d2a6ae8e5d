/*
 * ports.c: a port table is a dense array of entries (in insertion order,
 * compacted on eviction) plus an open-addressing index of 16-bit slots.
 * Most tables hold a handful of ports, so both start small.
 */
#include <stdlib.h>
#include <string.h>

#include "cutoff.h"
#include "ports.h"
#include "xmalloc.h"

#define EMPTY	0xffff	/* index slot value: no entry (tables < 65535) */

struct ports {
	uint32_t		 count;
	uint32_t		 cap;	/* entries allocated */
	uint32_t		 mask;	/* index size - 1; index size >= 2 cap */
	uint16_t		*index;	/* entry numbers; more than 65534 use */
	struct port_entry	*e;	/* a linear scan instead (index NULL) */
};

static uint32_t
slot_of(uint16_t port, uint32_t mask)
{
	return ((uint32_t)port * 0x9e3779b1u >> 16) & mask;
}

static void
reindex(struct ports *t)
{
	uint32_t i, s;

	if (t->index == NULL)
		return;
	memset(t->index, 0xff, (t->mask + 1) * sizeof *t->index);
	for (i = 0; i < t->count; i++) {
		for (s = slot_of(t->e[i].port, t->mask); t->index[s] != EMPTY;
		    s = (s + 1) & t->mask)
			;
		t->index[s] = (uint16_t)i;
	}
}

static void
grow(struct ports *t)
{
	t->cap = t->cap ? t->cap * 2 : 4;
	t->e = xreallocarray(t->e, t->cap, sizeof *t->e);
	if (t->cap >= EMPTY) {
		/* 65536 ports: the index cannot name them; scan instead. */
		free(t->index);
		t->index = NULL;
		return;
	}
	t->mask = t->cap * 2 - 1;
	t->index = xreallocarray(t->index, t->mask + 1, sizeof *t->index);
	reindex(t);
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

static struct port_entry *
find(struct ports *t, uint16_t port, uint32_t *slot)
{
	uint32_t i, s;

	if (t->index == NULL) {
		for (i = 0; i < t->count; i++)
			if (t->e[i].port == port)
				return &t->e[i];
		return NULL;
	}
	for (s = slot_of(port, t->mask); t->index[s] != EMPTY;
	    s = (s + 1) & t->mask)
		if (t->e[t->index[s]].port == port)
			return &t->e[t->index[s]];
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

	if (t == NULL)
		t = *tp = xcalloc(1, sizeof *t);
	else if ((e = find(t, port, &slot)) != NULL)
		return e;
	if (t->count >= max)
		reduce(t, keep);
	if (t->count == t->cap)
		grow(t);
	/* The table may have changed: look for the free slot again. */
	if (t->index != NULL)
		find(t, port, &slot);
	e = &t->e[t->count];
	memset(e, 0, sizeof *e);
	e->port = port;
	if (t->index != NULL)
		t->index[slot] = (uint16_t)t->count;
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
	c = xcalloc(1, sizeof *c);
	c->count = c->cap = t->count;
	c->e = xreallocarray(NULL, c->cap, sizeof *c->e);
	memcpy(c->e, t->e, c->count * sizeof *c->e);
	/* Copies are read in order only: no index needed. */
	return c;
}

void
ports_free(struct ports *t)
{
	if (t == NULL)
		return;
	free(t->index);
	free(t->e);
	free(t);
}

size_t
ports_memory(const struct ports *t)
{
	if (t == NULL)
		return 0;
	return sizeof *t + t->cap * sizeof *t->e +
	    (t->index ? (t->mask + 1) * sizeof *t->index : 0);
}
