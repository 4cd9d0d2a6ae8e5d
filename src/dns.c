/*
 * dns.c: reverse lookups on a worker thread. The cache is an open-
 * addressing table of fixed entries, emptied when full (names are cheap
 * to ask again); requests wait in a small ring, newest first dropped.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dns.h"
#include "xmalloc.h"

#define CACHE_SLOTS	16384	/* power of two; emptied at half full */
#define QUEUE_LEN	256
#define NAME_LEN	256

enum state { EMPTY, PENDING, DONE };

struct entry {
	struct addr	addr;
	enum state	state;
	char		name[NAME_LEN];
};

static pthread_mutex_t	 dns_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 dns_cond = PTHREAD_COND_INITIALIZER;
static struct entry	*cache;		/* protected by dns_mtx */
static size_t		 used;		/* protected by dns_mtx */
static struct addr	 queue[QUEUE_LEN];	/* protected by dns_mtx */
static size_t		 qhead, qlen;	/* protected by dns_mtx */
static int		 stopping;	/* protected by dns_mtx */
static pthread_t	 worker;
static int		 running;	/* main thread; no web thread then */

static struct entry *
slot(const struct addr *a)
{
	size_t s = addr_hash(a) & (CACHE_SLOTS - 1);

	while (cache[s].state != EMPTY && !addr_eq(&cache[s].addr, a))
		s = (s + 1) & (CACHE_SLOTS - 1);
	return &cache[s];
}

/* Blocking lookup, without the lock. */
static void
resolve(const struct addr *a, char *name, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	memset(&ss, 0, sizeof ss);
	if (a->family == 4) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, a->u.b, 4);
		sl = sizeof *sin;
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, a->u.b, 16);
		sl = sizeof *sin6;
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, name, (socklen_t)len,
	    NULL, 0, NI_NAMEREQD) != 0)
		name[0] = '\0';
}

static void *
dns_main(void *arg)
{
	char name[NAME_LEN];
	struct addr a;

	(void)arg;
	pthread_mutex_lock(&dns_mtx);
	for (;;) {
		while (qlen == 0 && !stopping)
			pthread_cond_wait(&dns_cond, &dns_mtx);
		if (stopping)
			break;
		a = queue[qhead];
		qhead = (qhead + 1) % QUEUE_LEN;
		qlen--;
		pthread_mutex_unlock(&dns_mtx);
		resolve(&a, name, sizeof name);
		pthread_mutex_lock(&dns_mtx);
		{
			struct entry *e = slot(&a);

			if (e->state == PENDING) {
				memcpy(e->name, name, sizeof name);
				e->state = DONE;
			}
		}
	}
	pthread_mutex_unlock(&dns_mtx);
	return NULL;
}

void
dns_start(void)
{
	cache = xcalloc(CACHE_SLOTS, sizeof *cache);
	if (pthread_create(&worker, NULL, dns_main, NULL) == 0)
		running = 1;
}

void
dns_stop(void)
{
	if (!running)
		return;
	struct timespec until;

	pthread_mutex_lock(&dns_mtx);
	stopping = 1;
	pthread_cond_signal(&dns_cond);
	pthread_mutex_unlock(&dns_mtx);
	running = 0;
	/*
	 * A lookup in progress may wait for the resolver's timeout: do not
	 * hold up the exit for it. The worker then keeps its cache.
	 */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1;
	if (pthread_timedjoin_np(worker, NULL, &until) != 0) {
		pthread_detach(worker);	/* it ends by itself, unwaited */
		return;
	}
	free(cache);
	cache = NULL;
}

/* Copy s, replacing anything a terminal could interpret. */
static void
sanitize(char *buf, size_t len, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		buf[i] = (s[i] >= 0x21 && s[i] < 0x7f) ? s[i] : '?';
	buf[i] = '\0';
}

const char *
dns_name(const struct addr *a, char *buf, size_t len, int ask)
{
	const char *res = NULL;
	struct entry *e;

	if (!running)
		return NULL;
	pthread_mutex_lock(&dns_mtx);
	if (used >= CACHE_SLOTS / 2) {	/* full: start again */
		memset(cache, 0, CACHE_SLOTS * sizeof *cache);
		used = 0;
	}
	e = slot(a);
	if (e->state == DONE) {
		sanitize(buf, len, e->name);
		res = buf;
	} else if (ask && e->state == EMPTY && qlen < QUEUE_LEN) {
		e->addr = *a;
		e->state = PENDING;
		used++;
		queue[(qhead + qlen++) % QUEUE_LEN] = *a;
		pthread_cond_signal(&dns_cond);
	}
	pthread_mutex_unlock(&dns_mtx);
	return res;
}
