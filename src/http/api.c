/*
 * api.c: the JSON API. Field names are those of --report json (report.c
 * writes both), so a script can move between the two.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap.h"
#include "conns.h"
#include "filter.h"
#include "history.h"
#include "hosts.h"
#include "http/api.h"
#include "http/snap.h"
#include "http/url.h"
#include "http/web.h"
#include "opt.h"
#include "report.h"
#include "stats.h"
#include "tables.h"
#include "xmalloc.h"

#define API_LIMIT	1000	/* hosts or connections unless ?limit= */

static const int bar_secs[GRAPHS] = { 1, 60, 3600, 86400 };

static void
json_ok(struct http_reply *r)
{
	r->status = 200;
	r->type = "application/json";
	r->no_cache = 1;
}

void
api_error(struct http_reply *r, FILE *f, int status, const char *why)
{
	r->status = status;
	r->type = "application/json";
	fprintf(f, "{\"error\":");
	report_json_string(f, why);
	fprintf(f, "}\n");
}

void
api_status(const struct web *w, struct http_reply *r, FILE *f)
{
	struct snap *s = snap_get(SNAP_CONNS);
	const struct tables *t = snap_tables(s);

	fprintf(f, "{\"version\":");
	report_json_string(f, opt_version());
	fprintf(f, ",\n\"replay\":%s,\n\"capture_done\":%s,\n\"started\":%"
	    PRId64 ",\n\"now\":%" PRId64 ",\n", w->replay ? "true" : "false",
	    cap_done() ? "true" : "false", w->started, web_now(w, t));
	report_json_status(f, t);
	fprintf(f, "\"uptime\":%" PRId64 "}\n", (int64_t)time(NULL) -
	    w->started);
	json_ok(r);
	snap_release(s);
}

/* A host object with its name, left open for more fields. */
static void
host_open(const struct web *w, FILE *f, const struct host *h, int tables)
{
	char name[256];
	const char *nm = web_name(w, h, name, sizeof name);

	fprintf(f, "{\"name\":");
	if (nm != NULL)
		report_json_string(f, nm);
	else
		fprintf(f, "null");
	fputc(',', f);
	report_json_host_fields(f, w->o, h, tables);
}

void
api_hosts(const struct web *w, const struct http_req *req,
    struct http_reply *r, FILE *f)
{
	const char *text = req->arg(req->ctx, "filter"), *dir;
	const char *ls = req->arg(req->ctx, "limit");
	struct filter *flt = NULL;
	struct host **hs;
	struct snap *s;
	char err[256];
	size_t n, i, shown = 0;
	long limit = API_LIMIT, start = 0;
	int key, asc;

	if ((key = host_key_parse(req->arg(req->ctx, "sort"))) == -1)
		return api_error(r, f, 400, "invalid value for \"sort\"");
	dir = req->arg(req->ctx, "dir");
	if (dir != NULL && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)
		return api_error(r, f, 400, "invalid value for \"dir\"");
	asc = dir != NULL && strcmp(dir, "asc") == 0;
	if (ls != NULL && (limit = url_number(ls)) == -1)
		return api_error(r, f, 400, "\"limit\" is not a number");
	if (req->arg(req->ctx, "start") != NULL &&
	    (start = url_number(req->arg(req->ctx, "start"))) == -1)
		return api_error(r, f, 400, "\"start\" is not a number");
	if (text != NULL && *text != '\0' &&
	    (flt = filter_compile(text, err, sizeof err)) == NULL)
		return api_error(r, f, 400, err);
	s = snap_get(flt != NULL && filter_needs_tables(flt) ? SNAP_FULL :
	    SNAP_HOSTS);
	hs = web_hosts(w, s, key, asc, flt, &n);
	fprintf(f, "{\"hosts_total\":%zu,\"hosts_matched\":%zu,\"hosts\":[",
	    hosts_count(snap_tables(s)->hosts), n);
	for (i = 0; i < n; i++) {
		if (start > 0) {
			start--;
			continue;
		}
		if ((long)shown == limit)
			break;
		fprintf(f, "%s\n", shown++ ? "," : "");
		host_open(w, f, hs[i], 0);
		fputc('}', f);
	}
	fprintf(f, "\n],\"count\":%zu}\n", shown);
	json_ok(r);
	free(hs);
	snap_release(s);
	filter_free(flt);
}

void
api_host(const struct web *w, const char *typed, struct http_reply *r,
    FILE *f)
{
	struct hosts *one;
	struct host *h;
	struct addr a;
	struct snap *s;
	const struct conn **v;
	size_t i, n;

	if (addr_parse(typed, &a) == -1)
		return api_error(r, f, 404, "not an IP address");
	if ((one = stats_snapshot_host(&a)) == NULL)
		return api_error(r, f, 404, "no such host");
	if ((h = hosts_find(one, &a)) == NULL) {
		hosts_free(one);
		return api_error(r, f, 404, "no such host");
	}
	host_open(w, f, h, 1);
	fprintf(f, ",\"connections\":[");
	s = snap_get(SNAP_CONNS);
	v = web_conns(snap_tables(s), &a, NULL, &n);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n", i ? "," : "");
		report_json_conn(f, v[i]);
	}
	free(v);
	fprintf(f, "]}\n");
	json_ok(r);
	snap_release(s);
	hosts_free(one);
}

void
api_graphs(const struct web *w, struct http_reply *r, FILE *f)
{
	struct snap *s = snap_get(SNAP_HOSTS);
	const struct tables *t = snap_tables(s);
	int i;

	fprintf(f, "{\"now\":%" PRId64 ",\"bytes\":%" PRIu64 ",\"packets\":%"
	    PRIu64 ",\"bar_secs\":{", web_now(w, t), t->totals.bytes,
	    t->totals.packets);
	for (i = 0; i < GRAPHS; i++)
		fprintf(f, "%s\"%s\":%d", i ? "," : "", graph_names[i],
		    bar_secs[i]);
	fprintf(f, "},\n");
	report_json_graphs(f, &t->graphs);
	fprintf(f, "\"hosts\":%zu}\n", hosts_count(t->hosts));
	json_ok(r);
	snap_release(s);
}

/* One reader connection for every web thread. */
static pthread_mutex_t hist_mtx = PTHREAD_MUTEX_INITIALIZER;

/*
 * ?res=minute|hour|day (hour), &host=ADDR or &iface=NAME (all interfaces
 * added up), &from=&to= (UNIX times) or &days=N before to (default: the
 * last 7 days up to now).
 */
void
api_history(const struct web *w, const struct http_req *req,
    struct http_reply *r, FILE *f)
{
	const char *rs = req->arg(req->ctx, "res");
	const char *host = req->arg(req->ctx, "host");
	const char *iface = req->arg(req->ctx, "iface");
	const char *fs = req->arg(req->ctx, "from"), *ts = req->arg(req->ctx,
	    "to"), *ds = req->arg(req->ctx, "days");
	struct history_point *p;
	enum history_what what = HISTORY_TOTAL;
	const char *key = NULL;
	struct addr a;
	char canon[ADDR_STRLEN];
	struct snap *s;
	int64_t from, to;
	ssize_t n, i;
	int res = HISTORY_HOUR;

	if (w->hist == NULL)
		return api_error(r, f, 404, "no history: start with --history "
		    "FILE");
	if (rs != NULL) {
		for (res = 0; res < HISTORY_RES; res++)
			if (strcmp(rs, history_res_name[res]) == 0)
				break;
		if (res == HISTORY_RES)
			return api_error(r, f, 400, "invalid value for \"res\"");
	}
	if (host != NULL) {
		if (addr_parse(host, &a) == -1)
			return api_error(r, f, 400, "\"host\" is not an address");
		what = HISTORY_HOST;
		key = addr_str(&a, canon);
	} else if (iface != NULL) {
		what = HISTORY_IFACE;
		key = iface;
	}
	s = snap_get(SNAP_HOSTS);
	to = web_now(w, snap_tables(s)) + 1;
	snap_release(s);
	if ((ts != NULL && (to = url_number(ts)) == -1) ||
	    (fs != NULL && url_number(fs) == -1) ||
	    (ds != NULL && url_number(ds) == -1))
		return api_error(r, f, 400, "\"from\" and \"to\" are UNIX "
		    "times, \"days\" a number of days");
	from = fs != NULL ? url_number(fs) : to - (ds != NULL ?
	    url_number(ds) : 7) * 86400;
	pthread_mutex_lock(&hist_mtx);
	n = history_series(w->hist, what, key, res, from, to, &p);
	if (n == -1) {
		api_error(r, f, 503, history_error(w->hist));
		pthread_mutex_unlock(&hist_mtx);
		return;
	}
	pthread_mutex_unlock(&hist_mtx);
	fprintf(f, "{\"res\":\"%s\",\"width\":%d,\"from\":%" PRId64
	    ",\"to\":%" PRId64 ",\"what\":\"%s\",\"key\":",
	    history_res_name[res], history_res_width[res], from, to,
	    what == HISTORY_HOST ? "host" : what == HISTORY_IFACE ? "iface" :
	    "total");
	if (key != NULL)
		report_json_string(f, key);
	else
		fprintf(f, "null");
	fprintf(f, ",\"points\":[");
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n{\"ts\":%" PRId64 ",\"bytes_in\":%" PRIu64
		    ",\"bytes_out\":%" PRIu64 ",\"pkts_in\":%" PRIu64
		    ",\"pkts_out\":%" PRIu64 ",\"bytes\":%" PRIu64
		    ",\"pkts\":%" PRIu64 "}", i ? "," : "", p[i].ts,
		    p[i].bytes_in, p[i].bytes_out, p[i].pkts_in, p[i].pkts_out,
		    p[i].bytes, p[i].pkts);
	fprintf(f, "\n]}\n");
	free(p);
	json_ok(r);
}

void
api_conns(const struct web *w, const struct http_req *req,
    struct http_reply *r, FILE *f)
{
	const char *text = req->arg(req->ctx, "filter");
	const char *ls = req->arg(req->ctx, "limit");
	const struct conn **v;
	struct filter *flt = NULL;
	const struct tables *t;
	struct snap *s;
	char err[256];
	long limit = API_LIMIT;
	size_t i, n, m = 0;

	(void)w;
	if (ls != NULL && (limit = url_number(ls)) == -1)
		return api_error(r, f, 400, "\"limit\" is not a number");
	if (text != NULL && *text != '\0' &&
	    (flt = filter_compile(text, err, sizeof err)) == NULL)
		return api_error(r, f, 400, err);
	s = snap_get(SNAP_CONNS);
	t = snap_tables(s);
	n = conns_count(t->conns);
	v = web_conns(t, NULL, flt, &m);
	fprintf(f, "{\"connections_total\":%zu,\"connections_matched\":%zu,"
	    "\"connections\":[", n, m);
	for (i = 0; i < m && (long)i < limit; i++) {
		fprintf(f, "%s\n", i ? "," : "");
		report_json_conn(f, v[i]);
	}
	fprintf(f, "\n]}\n");
	json_ok(r);
	free(v);
	snap_release(s);
	filter_free(flt);
}
