/*
 * web.h: what every page and endpoint needs to know, set once at start-up
 * from the options, and the helpers they share (sorting hosts, times).
 */
#ifndef HTTP_WEB_H
#define HTTP_WEB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct host;
struct options;
struct tables;

struct history;

struct web {
	const struct options	*o;
	struct history		*hist;		/* --history, read-only; or NULL */
	char			*ifaces;	/* "eth0" or "eth0,eth1" */
	int			 replay;	/* -r: now = the last packet */
	int64_t			 started;	/* wall clock at start-up */
};

enum host_key { KEY_TOTAL, KEY_IN, KEY_OUT, KEY_LASTSEEN, KEY_PACKETS,
	KEY_ADDR, KEY_COUNT };
extern const char *const host_key_names[KEY_COUNT];

/* The key named s (NULL: total); -1 if unknown. */
int		 host_key_parse(const char *s);
/* The hosts of t sorted by key, descending unless asc; caller frees. */
struct host	**hosts_sorted(const struct tables *t, int key, int asc,
		    size_t *n);
/*
 * The hosts of s sorted by key (descending unless asc) that pass flt (if
 * not NULL): an array the caller frees.
 */
struct filter;
struct snap;
struct host	**web_hosts(const struct web *, struct snap *s, int key,
		    int asc, const struct filter *flt, size_t *n);
/*
 * The connections of t (of host a if not NULL, passing flt if not NULL),
 * the most bytes first: an array the caller frees.
 */
struct addr;
struct conn;
const struct conn **web_conns(const struct tables *t, const struct addr *a,
		    const struct filter *flt, size_t *n);
/* "Now" for ages: the wall clock, or the last packet of a replay. */
int64_t		 web_now(const struct web *, const struct tables *);
/* darkstat's length_of_time(): "1 hr, 0 mins, 1 sec". */
void		 web_duration(FILE *, int64_t secs);
/* "2026-11-22 11:12:03 UTC+0000" */
void		 web_time(FILE *, int64_t t);
/* The host's name if known (queueing a lookup if not), else NULL. */
const char	*web_name(const struct web *, const struct host *, char *buf,
		    size_t len);
void		 web_mac(char buf[18], const uint8_t mac[6]);

#endif
