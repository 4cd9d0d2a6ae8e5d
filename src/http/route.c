/*
 * route.c: from a request to a reply. The path is cleaned as darkstat
 * cleans it (--base stripped, "." and ".." resolved, ".." above the root
 * refused) and dispatched by exact match.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap.h"
#include "history.h"
#include "http/api.h"
#include "http/assets.h"
#include "http/pages.h"
#include "http/route.h"
#include "http/url.h"
#include "http/web.h"
#include "log.h"
#include "opt.h"
#include "xmalloc.h"

#define PATH_MAX_LEN	1024

static struct web	 web;
static char		*base;

void
http_route_init(const struct options *o)
{
	size_t len = 1;
	char err[256];
	int i;

	web.o = o;
	web.replay = o->capfile != NULL;
	web.started = (int64_t)time(NULL);
	for (i = 0; i < o->nifaces; i++)
		len += strlen(o->ifaces[i]) + 1;
	web.ifaces = xmalloc(len + (o->capfile ? strlen(o->capfile) : 0));
	web.ifaces[0] = '\0';
	for (i = 0; i < o->nifaces; i++) {
		if (i > 0)
			strcat(web.ifaces, ",");
		strcat(web.ifaces, o->ifaces[i]);
	}
	/* A replay is named after its file, without the directories. */
	if (o->capfile != NULL)
		strcpy(web.ifaces, strrchr(o->capfile, '/') ?
		    strrchr(o->capfile, '/') + 1 : o->capfile);
	if (o->history != NULL && (web.hist = history_reader_open(o->history,
	    err, sizeof err)) == NULL)
		log_warnx("history \"%s\": %s; the web pages go without it",
		    o->history, err);
	if ((base = url_base(o->base)) == NULL) {
		log_warnx("--base \"%s\" is not a safe path: ignored", o->base);
		base = xstrdup("/");
	}
}

void
http_route_free(void)
{
	free(web.ifaces);
	free(base);
	web.ifaces = base = NULL;
	if (web.hist != NULL)
		history_reader_close(web.hist);
	web.hist = NULL;
}

/* "/hosts/ADDR/" or "/hosts/ADDR": ADDR into buf; 0 if not that form. */
static int
one_segment(const char *path, const char *prefix, const char *suffix,
    char *buf, size_t len)
{
	size_t p = strlen(prefix), s = strlen(suffix), n;
	const char *end;

	if (strncmp(path, prefix, p) != 0)
		return 0;
	path += p;
	n = strlen(path);
	if (n > s && strcmp(path + n - s, suffix) == 0)
		n -= s;
	else if (*suffix != '/')
		return 0;
	end = memchr(path, '/', n);
	if (end != NULL || n == 0 || n >= len)
		return 0;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return 1;
}

static void
dispatch(const struct http_req *req, const char *path, struct http_reply *r,
    FILE *f)
{
	char addr[64];

	if (strcmp(path, "/") == 0)
		page_front(&web, req, r, f);
	else if (strcmp(path, "/hosts/") == 0)
		page_hosts(&web, req, r, f);
	else if (one_segment(path, "/hosts/", "/", addr, sizeof addr))
		page_host(&web, addr, r, f);
	else if (strcmp(path, "/conns/") == 0)
		page_conns(&web, req, r, f);
	else if (strncmp(path, "/graphs.xml", 11) == 0)
		page_graphs_xml(&web, r, f);
	else if (strcmp(path, "/favicon.ico") == 0)
		r->status = 204;	/* no icon, and no error in the console */
	else if (strcmp(path, "/metrics") == 0)
		metrics(&web, r, f);
	else if (strcmp(path, "/api/v1/status.json") == 0)
		api_status(&web, r, f);
	else if (strcmp(path, "/api/v1/hosts.json") == 0)
		api_hosts(&web, req, r, f);
	else if (one_segment(path, "/api/v1/hosts/", ".json", addr,
	    sizeof addr))
		api_host(&web, addr, r, f);
	else if (strcmp(path, "/api/v1/graphs.json") == 0)
		api_graphs(&web, r, f);
	else if (strcmp(path, "/api/v1/history.json") == 0)
		api_history(&web, req, r, f);
	else if (strcmp(path, "/api/v1/conns.json") == 0)
		api_conns(&web, req, r, f);
	else if (strncmp(path, "/api/", 5) == 0)
		api_error(r, f, 404, "no such endpoint");
	else
		page_error(r, f, 404, "The page you requested could not be "
		    "found.");
}

void
http_route(const struct http_req *req, struct http_reply *r)
{
	char clean[PATH_MAX_LEN];
	struct asset a;
	FILE *f;

	memset(r, 0, sizeof *r);
	if ((f = open_memstream(&r->body, &r->len)) == NULL) {
		r->status = 503;
		return;
	}
	if (strcmp(req->method, "GET") != 0 &&
	    strcmp(req->method, "HEAD") != 0)
		page_error(r, f, 405, "Only GET and HEAD are served here.");
	else if (req->has_body)
		page_error(r, f, 413, "A GET or HEAD request has no body.");
	else if (url_clean(url_strip_base(req->path, base), clean,
	    sizeof clean) == -1)
		page_error(r, f, 400, "You requested an invalid URI.");
	else if (asset_find(clean, &a) == 0) {
		fclose(f);
		free(r->body);
		r->status = 200;
		r->type = a.type;
		r->body = (char *)a.data;
		r->len = a.len;
		r->is_static = 1;
		return;
	} else
		dispatch(req, clean, r, f);
	if (fclose(f) == EOF || r->status == 0) {
		free(r->body);
		r->body = NULL;
		r->len = 0;
		r->status = 503;
	}
}
