/*
 * protos.c: hosts speak few protocols (TCP, UDP, ICMP, maybe one or two
 * more), so a small array searched linearly beats any hash. The array is
 * a block of its hosts table's pool, filled before it grows.
 */
#include <string.h>

#include "pool.h"
#include "protos.h"

static struct protos *
grow(struct protos *t, struct pool *pool)
{
	size_t b = t ? (size_t)t->block * 2 : pool_size(sizeof *t +
	    2 * sizeof t->e[0]);
	struct protos *n = pool_alloc(pool, b);

	n->block = (uint32_t)b;
	n->cap = (uint16_t)((b - sizeof *n) / sizeof n->e[0]);
	n->count = 0;
	if (t != NULL) {
		n->count = t->count;
		memcpy(n->e, t->e, t->count * sizeof t->e[0]);
		pool_release(pool, t, t->block);
	}
	return n;
}

struct proto_entry *
protos_add(struct protos **tp, uint8_t proto, struct pool *pool)
{
	struct protos *t = *tp;

	if (t == NULL || t->count == t->cap)
		t = *tp = grow(t, pool);
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
protos_copy(const struct protos *t, struct pool *pool)
{
	struct protos *c;

	if (t == NULL || t->count == 0)
		return NULL;
	c = pool_alloc(pool, t->block);
	memcpy(c, t, t->block);
	return c;
}

void
protos_reset(struct protos *t)
{
	if (t != NULL)
		t->count = 0;
}

size_t
protos_memory(const struct protos *t)
{
	return t ? t->block : 0;
}
