/*
 * pool.c: size classes of powers of two from 16 bytes to 64 KiB, carved
 * from chunks that grow from 16 KiB to 1 MiB; larger blocks come from
 * malloc. With darkstat's limits a busy network creates and evicts
 * hundreds of hosts a second, each with up to six small tables that grow
 * by doubling: malloc, realloc and free were a third of the cost of a
 * packet, a free-list pop is a few instructions.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "pool.h"
#include "xmalloc.h"

#define MIN_SHIFT	4		/* 16 bytes */
#define MAX_SHIFT	16		/* 64 KiB */
#define CLASSES		(MAX_SHIFT - MIN_SHIFT + 1)
#define CHUNK_MIN	(16 << 10)
#define CHUNK_MAX	(2 << 20)	/* a huge page: xmalloc_huge */

struct chunk {
	struct chunk	*next;
	size_t		 size;
};

struct freeblk {
	struct freeblk	*next;
};

/* A block above 64 KiB: malloc'd on its own, listed for pool_free. */
struct big {
	struct big	*prev;
	struct big	*next;
};

struct pool {
	struct pool_head head;		/* first: pool.h reads it */
	struct freeblk	*free[CLASSES];
	struct chunk	*chunks;
	struct big	*bigs;
	char		*cur;		/* unused part of the newest chunk */
	size_t		 left;
	size_t		 next_chunk;
	size_t		 memory;
};

/* Every pool's generations come from here (readers make pools too). */
static atomic_ullong generations;

struct pool *
pool_new(void)
{
	struct pool *p = xcalloc(1, sizeof *p);

	p->next_chunk = CHUNK_MIN;
	pool_moved(p);
	return p;
}

void
pool_moved(struct pool *p)
{
	p->head.generation = atomic_fetch_add(&generations, 1) + 1;
}

void
pool_free(struct pool *p)
{
	struct chunk *c;
	struct big *b;

	if (p == NULL)
		return;
	while ((c = p->chunks) != NULL) {
		p->chunks = c->next;
		free(c);
	}
	while ((b = p->bigs) != NULL) {
		p->bigs = b->next;
		free(b);
	}
	free(p);
}

static int
class_of(size_t n)
{
	if (n <= ((size_t)1 << MIN_SHIFT))
		return 0;
	return 64 - __builtin_clzll((unsigned long long)n - 1) - MIN_SHIFT;
}

static void *
big_alloc(struct pool *p, size_t n)
{
	struct big *b = xmalloc(sizeof *b + n);

	b->prev = NULL;
	b->next = p->bigs;
	if (p->bigs != NULL)
		p->bigs->prev = b;
	p->bigs = b;
	p->memory += n;
	return b + 1;
}

static void
big_release(struct pool *p, void *ptr, size_t n)
{
	struct big *b = (struct big *)ptr - 1;

	if (b->prev != NULL)
		b->prev->next = b->next;
	else
		p->bigs = b->next;
	if (b->next != NULL)
		b->next->prev = b->prev;
	p->memory -= n;
	free(b);
}

size_t
pool_size(size_t n)
{
	return n > ((size_t)1 << MAX_SHIFT) ? n :
	    (size_t)1 << (class_of(n) + MIN_SHIFT);
}

/* A new chunk; what was left of the last one is lost (< one block). */
static void
add_chunk(struct pool *p, size_t need)
{
	size_t size = p->next_chunk;
	struct chunk *c;

	while (size < need + sizeof *c)
		size *= 2;
	c = xmalloc_huge(size);
	c->next = p->chunks;
	c->size = size;
	p->chunks = c;
	p->cur = (char *)c + sizeof *c;
	p->left = size - sizeof *c;
	p->memory += size;
	if (p->next_chunk < CHUNK_MAX)
		p->next_chunk *= 2;
}

void *
pool_alloc(struct pool *p, size_t n)
{
	struct freeblk *b;
	int c;

	if (n > ((size_t)1 << MAX_SHIFT))
		return big_alloc(p, n);
	c = class_of(n);
	if ((b = p->free[c]) != NULL) {
		p->free[c] = b->next;
		return b;
	}
	return pool_carve(p, (size_t)1 << (c + MIN_SHIFT));
}

void *
pool_carve(struct pool *p, size_t n)
{
	void *r;

	n = (n + 15) & ~(size_t)15;
	if (p->left < n)
		add_chunk(p, n);
	r = p->cur;
	p->cur += n;
	p->left -= n;
	return r;
}

void
pool_release(struct pool *p, void *ptr, size_t n)
{
	struct freeblk *b = ptr;
	int c;

	if (ptr == NULL)
		return;
	pool_moved(p);
	if (n > ((size_t)1 << MAX_SHIFT)) {
		big_release(p, ptr, n);
		return;
	}
	c = class_of(n);
	b->next = p->free[c];
	p->free[c] = b;
}

size_t
pool_memory(const struct pool *p)
{
	return p->memory;
}
