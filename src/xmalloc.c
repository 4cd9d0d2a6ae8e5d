/* xmalloc.c: allocation wrappers; out of memory is fatal, size 0 is a bug. */
#include <sys/mman.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		fatalx("xmalloc: zero size");
	if ((p = malloc(size)) == NULL)
		fatalx("xmalloc: out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		fatalx("xcalloc: zero size");
	if ((p = calloc(n, size)) == NULL)
		fatalx("xcalloc: out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		fatalx("xreallocarray: zero size");
	if (SIZE_MAX / n < size)
		fatalx("xreallocarray: %zu x %zu overflows", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatalx("xreallocarray: out of memory allocating %zu x %zu bytes",
		    n, size);
	return p;
}

/*
 * The hosts table and its pool are read at random, a few lines a packet
 * anywhere in tens of megabytes: on 4 KiB pages nearly every such read
 * also misses the TLB (100k hosts, unbounded: 0.67 -> 0.55 s a replay).
 * Blocks of a huge page or more are aligned to one and marked for
 * transparent huge pages, which the kernel gives where it can.
 */
#define HUGE_PAGE	((size_t)2 << 20)

void *
xmalloc_huge(size_t size)
{
	void *p;
	int rc;

	if (size < HUGE_PAGE)
		return xmalloc(size);
	if ((rc = posix_memalign(&p, HUGE_PAGE, size)) != 0)
		fatalx("xmalloc_huge: %s allocating %zu bytes", strerror(rc),
		    size);
	(void)madvise(p, size & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}
