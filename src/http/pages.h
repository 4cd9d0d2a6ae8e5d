/*
 * pages.h: the HTML pages, darkstat's URLs with darkstat's content and
 * layout, plus what darkstat lacks (sorting both ways, a filter box,
 * units, auto-refresh, the connections list). Each writes its page to f
 * and sets the reply's status and type; on bad input it writes an error
 * page instead.
 */
#ifndef HTTP_PAGES_H
#define HTTP_PAGES_H

#include <stdio.h>

#include "http/route.h"

struct web;

void	page_front(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	page_hosts(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	page_host(const struct web *, const char *addr,
	    struct http_reply *, FILE *);
void	page_conns(const struct web *, const struct http_req *,
	    struct http_reply *, FILE *);
void	page_graphs_xml(const struct web *, struct http_reply *, FILE *);
void	page_error(struct http_reply *, FILE *, int status, const char *why);

#endif
