/*
 * route.h: one request in, one reply out. Everything between the HTTP
 * library and the pages goes through these two structs, so the routing,
 * query parsing and rendering can be fuzzed without sockets.
 */
#ifndef HTTP_ROUTE_H
#define HTTP_ROUTE_H

#include <stddef.h>
#include <stdint.h>

struct options;

struct http_req {
	const char	*method;
	const char	*path;		/* percent-decoded, without the query */
	/* The first value of a query argument, or NULL. */
	const char	*(*arg)(void *ctx, const char *key);
	void		*ctx;
	int		 has_body;	/* refused: nothing here takes one */
};

struct http_reply {
	int		 status;
	const char	*type;		/* Content-Type */
	char		*body;		/* malloc'd */
	size_t		 len;
	int		 no_cache;
	int		 is_static;	/* long-lived asset: may be cached */
};

/* Once, before any request: what the pages show and where. */
void	http_route_init(const struct options *);
void	http_route_free(void);
void	http_route(const struct http_req *, struct http_reply *);

#endif
