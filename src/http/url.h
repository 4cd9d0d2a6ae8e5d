/*
 * url.h: the request path made safe, darkstat's way, and the small text
 * helpers every page needs: HTML escaping and strict number parsing.
 */
#ifndef HTTP_URL_H
#define HTTP_URL_H

#include <stddef.h>
#include <stdio.h>

/*
 * Clean a decoded path: it must start with '/'; repeated slashes collapse,
 * "." segments go, ".." removes the segment before it. A trailing slash is
 * kept. -1 if the path climbs above the root, does not start with '/' or
 * does not fit in len.
 */
int	url_clean(const char *path, char *out, size_t len);
/*
 * --base PATH as "/PATH/" cleaned, or NULL if it is unsafe. "/" when base
 * is NULL.
 */
char	*url_base(const char *base);
/* path without base if it starts with it (keeping the '/'), else path. */
const char *url_strip_base(const char *path, const char *base);
/* Text for an HTML element or a quoted attribute. */
void	 html_escape(FILE *, const char *);
/* A decimal number of at most 9 digits; -1 if s is anything else. */
long	 url_number(const char *s);

#endif
