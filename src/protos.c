/*
 * protos.c: hosts speak few protocols (TCP, UDP, ICMP, maybe one or two
 * more), so a small array searched linearly beats any hash.
 */
#include <stdlib.h>
#include <string.h>

#include "protos.h"
#include "xmalloc.h"

struct protos {
	uint16_t		count;
	uint16_t		cap;
	struct proto_entry	e[];
};

struct proto_entry *
protos_get(struct protos **tp, uint8_t proto)
{
	struct protos *t = *tp;
	uint16_t i;

	if (t != NULL) {
		for (i = 0; i < t->count; i++)
			if (t->e[i].proto == proto)
				return &t->e[i];
	}
	if (t == NULL || t->count == t->cap) {
		uint16_t cap = t ? t->cap * 2 : 2;

		t = xreallocarray(t, 1, sizeof *t + cap * sizeof t->e[0]);
		if (*tp == NULL)
			t->count = 0;
		t->cap = cap;
		*tp = t;
	}
	memset(&t->e[t->count], 0, sizeof t->e[0]);
	t->e[t->count].proto = proto;
	return &t->e[t->count++];
}

size_t
protos_count(const struct protos *t)
{
	return t ? t->count : 0;
}

const struct proto_entry *
protos_at(const struct protos *t, size_t i)
{
	return &t->e[i];
}

struct protos *
protos_copy(const struct protos *t)
{
	struct protos *c;
	size_t sz;

	if (t == NULL || t->count == 0)
		return NULL;
	sz = sizeof *t + t->count * sizeof t->e[0];
	c = xmalloc(sz);
	memcpy(c, t, sz);
	c->cap = t->count;
	return c;
}

void
protos_reset(struct protos *t)
{
	if (t != NULL)
		t->count = 0;
}

void
protos_free(struct protos *t)
{
	free(t);
}

size_t
protos_memory(const struct protos *t)
{
	return t ? sizeof *t + t->cap * sizeof t->e[0] : 0;
}
