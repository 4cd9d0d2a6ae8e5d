/*
 * api.h: the JSON API under /api/v1/, the stable machine interface (documented in the
 * man page), and /metrics in Prometheus' text format.
 */
#ifndef HTTP_API_H
#define HTTP_API_H

#include <stdio.h>

#include "http/route.h"

struct web;

void	api_status(const struct web *, struct http_reply *, FILE *);
void	api_hosts(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	api_host(const struct web *, const char *addr, struct http_reply *,
	    FILE *);
void	api_graphs(const struct web *, struct http_reply *, FILE *);
void	api_conns(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	api_history(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	api_error(struct http_reply *, FILE *, int status, const char *why);
void	metrics(const struct web *, struct http_reply *, FILE *);

#endif
