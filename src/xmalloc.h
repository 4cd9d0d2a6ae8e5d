/* xmalloc.h: allocation wrappers that never return NULL. */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
/* xmalloc() for large tables read at random: on huge pages if it can. */
void	*xmalloc_huge(size_t);

#endif
