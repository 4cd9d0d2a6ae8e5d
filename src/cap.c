/*
 * cap.c: libpcap sources and their capture threads. Each thread reads
 * packets, decodes them without any lock into a batch, marks local
 * addresses, and hands the batch to stats_apply().
 *
 * An interface that goes away during the run ends its own thread only,
 * with a warning; the others go on. With --wait, its thread opens it again
 * once it is back.
 */
#include <sys/eventfd.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "cap.h"
#include "decode.h"
#include "log.h"
#include "pcapfile.h"
#include "stats.h"
#include "xmalloc.h"

#define MAX_LOCAL	32	/* own addresses tracked per interface */
#define LIVE_TIMEOUT_MS	100	/* wake at least this often */
#define DEFAULT_SNAPLEN	256	/* room for tags, options, ext headers */
#define FILE_BUFFER	(1 << 20)	/* stdio buffer for -r reads */

struct source {
	pcap_t		*pcap;		/* live: swapped under pcap_mtx */
	pthread_mutex_t	 pcap_mtx;	/* against cap_stop's pcap_breakloop */
	FILE		*file;		/* -r only */
	struct pcapfile	*pf;		/* -r: looked at the file first */
	struct pcapfile	*reader;	/* pf, if it reads the records */
	const char	*name;
	int		 dlt;
	int		 index;
	int		 live;
	pthread_t	 thread;
	int		 started;
	atomic_int	 done;
	char		 error[PCAP_ERRBUF_SIZE + 64];	/* written by thread */
	/* capture thread only: */
	struct batch	*batch;
	struct addr	 local[MAX_LOCAL];
	int		 nlocal;
	time_t		 local_refreshed;
	double		 replay_t0;	/* --realtime: first packet time */
	double		 replay_w0;	/* and the wall time it was read */
	/* pcap_stats, read by the capture thread (libpcap is not thread-safe) */
	_Atomic uint64_t received;
	_Atomic uint64_t dropped;
	_Atomic uint64_t frames;	/* frames read from it */
	uint64_t	 received_base;	/* capture thread: earlier handles' */
	uint64_t	 dropped_base;
	/* A new filter from cap_set_filter(), taken by the capture thread. */
	pthread_mutex_t	 filter_mtx;
	struct bpf_program *pending;	/* protected by filter_mtx */
	atomic_int	 has_pending;
	/* The filter in force, kept to put on a reopened interface. */
	struct bpf_program *current;	/* capture thread after start */
};

static struct source	 sources[MAX_IFACES];
static int		 nsources;
static pthread_mutex_t	 text_mtx = PTHREAD_MUTEX_INITIALIZER;
static char		 filter_text[512];	/* protected by text_mtx */
static const struct options *opts;
/* From opts, fixed at cap_open(): tested for every frame. */
static int		 frame_hooks;	/* --realtime or --hexdump */
static int		 have_nets;	/* -l */
static atomic_int	 stopping;
static int		 wake_fd = -1;

/* ------------------------------------------------------------- opening */

char *
cap_default_iface(void)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;
	char *name = NULL;

	if (pcap_findalldevs(&all, err) == -1)
		return NULL;
	for (d = all; d != NULL && name == NULL; d = d->next) {
		if (d->flags & PCAP_IF_LOOPBACK || !(d->flags & PCAP_IF_UP))
			continue;
		if (strcmp(d->name, "any") == 0 || d->addresses == NULL)
			continue;
		name = xstrdup(d->name);
	}
	pcap_freealldevs(all);
	return name;
}

static void
check_linktype(struct source *s)
{
	const char *n = pcap_datalink_val_to_name(s->dlt);

	if (!decode_supported(s->dlt))
		fatalx("%s: unsupported link type %s (%d)", s->name,
		    n ? n : "unknown", s->dlt);
}

static void
set_filter(struct source *s, const char *filter)
{
	struct bpf_program prog;

	pthread_mutex_init(&s->filter_mtx, NULL);
	if (filter == NULL)
		return;
	if (s->index == 0)
		snprintf(filter_text, sizeof filter_text, "%s", filter);
	if (pcap_compile(s->pcap, &prog, filter, 1,
	    PCAP_NETMASK_UNKNOWN) == -1)
		usage_error("-f \"%s\": %s", filter, pcap_geterr(s->pcap));
	if (pcap_setfilter(s->pcap, &prog) == -1)
		fatalx("%s: pcap_setfilter: %s", s->name,
		    pcap_geterr(s->pcap));
	s->current = xmalloc(sizeof *s->current);
	*s->current = prog;
}

/*
 * DARKSTAT_TUI_PCAP_READER=libpcap has libpcap read the records of -r
 * files too (pcap_dispatch), as before pcapfile.c: the tests compare the
 * two readers.
 */
static int
own_reader(void)
{
	const char *r = getenv("DARKSTAT_TUI_PCAP_READER");

	return r == NULL || strcmp(r, "libpcap") != 0;
}

/*
 * libpcap opens the file: it checks the header, maps the link type and
 * compiles filters. The records of a classic pcap file are then ours
 * (pcapfile.c), at a fraction of the cost of libpcap's two fread() calls
 * per packet; anything else libpcap reads.
 */
static void
open_file(struct source *s, const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	FILE *f;

	/*
	 * libpcap reads savefiles with stdio; its default 4 KiB buffer
	 * makes a syscall every few packets.
	 */
	if ((s->file = fopen(path, "rb")) == NULL)
		fatal("%s", path);
	setvbuf(s->file, NULL, _IOFBF, FILE_BUFFER);
	f = s->file;
	if (own_reader())
		s->pf = pcapfile_new(s->file, FILE_BUFFER);
	if (s->pf != NULL)
		f = pcapfile_stream(s->pf);
	s->pcap = pcap_fopen_offline(f, err);
	if (s->pcap == NULL)
		fatalx("%s: %s", path, err);
	s->dlt = pcap_datalink(s->pcap);
	if (s->pf != NULL && pcapfile_start(s->pf, s->pcap))
		s->reader = s->pf;
	log_debug("%s: records read by %s", path, s->reader != NULL ?
	    "pcapfile" : "libpcap");
}

static unsigned int
snaplen(void)
{
	return opts->snaplen ? opts->snaplen : DEFAULT_SNAPLEN;
}

/* Is pcap_activate's failure one that --wait should wait out? */
static int
waitable(int rc)
{
	return rc == PCAP_ERROR_IFACE_NOT_UP || rc == PCAP_ERROR_NO_SUCH_DEVICE;
}

/* Has --wait's time run out since start? */
static int
waited_enough(time_t start)
{
	return opts->wait_secs && time(NULL) - start >= (time_t)opts->wait_secs;
}

/*
 * Create and activate a handle for the interface. Returns pcap_activate's
 * result; on failure, *pp is NULL and err says why.
 */
static int
try_live(const char *name, pcap_t **pp, char err[PCAP_ERRBUF_SIZE])
{
	pcap_t *p;
	int rc;

	*pp = NULL;
	if ((p = pcap_create(name, err)) == NULL)
		return PCAP_ERROR;
	pcap_set_snaplen(p, (int)snaplen());
	pcap_set_promisc(p, !opts->no_promisc);
	pcap_set_timeout(p, LIVE_TIMEOUT_MS);
	/* A large ring absorbs bursts while the thread applies a batch. */
	pcap_set_buffer_size(p, (int)opts->buffer_mib << 20);
	rc = pcap_activate(p);
	if (rc >= 0 && pcap_setnonblock(p, 1, err) == -1)
		rc = PCAP_ERROR;
	else if (rc != 0)
		snprintf(err, PCAP_ERRBUF_SIZE, "%s", pcap_geterr(p));
	if (rc < 0)
		pcap_close(p);
	else
		*pp = p;
	return rc;
}

static void
open_live(struct source *s)
{
	char err[PCAP_ERRBUF_SIZE];
	time_t start = time(NULL);
	int rc;

	while ((rc = try_live(s->name, &s->pcap, err)) < 0) {
		if (!opts->wait_set || !waitable(rc) || waited_enough(start))
			fatalx("%s: %s", s->name, err);
		log_debug("%s: %s; waiting", s->name, err);
		sleep(1);
	}
	if (rc > 0)
		log_warnx("%s: %s", s->name, err);
	s->dlt = pcap_datalink(s->pcap);
	s->live = 1;
}

void
cap_open(const struct options *o)
{
	int i;

	opts = o;
	frame_hooks = o->realtime || o->hexdump;
	have_nets = o->nnets > 0;
	if ((wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1)
		fatal("eventfd");
	for (i = 0; i < MAX_IFACES; i++)
		pthread_mutex_init(&sources[i].pcap_mtx, NULL);
	if (o->capfile != NULL) {
		sources[0].name = o->capfile;
		open_file(&sources[0], o->capfile);
		nsources = 1;
	} else {
		for (i = 0; i < o->nifaces; i++) {
			sources[i].name = o->ifaces[i];
			open_live(&sources[i]);
		}
		nsources = o->nifaces;
	}
	for (i = 0; i < nsources; i++) {
		sources[i].index = i;
		check_linktype(&sources[i]);
		/* darkstat pairs the n-th filter with the n-th interface. */
		set_filter(&sources[i], i < o->nfilters ? o->filters[i] : NULL);
		log_debug("%s: link type %s", sources[i].name,
		    pcap_datalink_val_to_name(sources[i].dlt));
	}
}

/* ------------------------------------------------------ capture thread */

/* The kernel's counters, for readers (libpcap is not thread-safe). */
static void
refresh_stats(struct source *s)
{
	struct pcap_stat ps;

	if (s->pcap != NULL && pcap_stats(s->pcap, &ps) == 0) {
		atomic_store(&s->received, s->received_base + ps.ps_recv);
		atomic_store(&s->dropped, s->dropped_base + ps.ps_drop +
		    ps.ps_ifdrop);
	}
}

/*
 * Once a second: refresh the interface's own addresses (darkstat counts
 * them as local) and the kernel's packet counters.
 */
static void
refresh_live(struct source *s)
{
	struct ifaddrs *all, *a;
	time_t now = time(NULL);

	if (now == s->local_refreshed)
		return;
	s->local_refreshed = now;
	refresh_stats(s);
	if (getifaddrs(&all) == -1)
		return;
	s->nlocal = 0;
	for (a = all; a != NULL && s->nlocal < MAX_LOCAL; a = a->ifa_next) {
		struct addr *l = &s->local[s->nlocal];

		if (a->ifa_addr == NULL || strcmp(a->ifa_name, s->name) != 0)
			continue;
		memset(l, 0, sizeof *l);
		if (a->ifa_addr->sa_family == AF_INET) {
			l->family = 4;
			memcpy(l->u.b, &((struct sockaddr_in *)
			    (void *)a->ifa_addr)->sin_addr, 4);
		} else if (a->ifa_addr->sa_family == AF_INET6) {
			l->family = 6;
			memcpy(l->u.b, &((struct sockaddr_in6 *)
			    (void *)a->ifa_addr)->sin6_addr, 16);
		} else
			continue;
		s->nlocal++;
	}
	freeifaddrs(all);
}

static int
is_local(const struct source *s, const struct addr *a)
{
	int i;

	for (i = 0; i < opts->nnets; i++)
		if (net_contains(&opts->nets[i], a))
			return 1;
	for (i = 0; i < s->nlocal; i++)
		if (addr_eq(&s->local[i], a))
			return 1;
	return 0;
}

static __attribute__((noinline)) void
hexdump(const struct pcap_pkthdr *h, const u_char *data)
{
	uint32_t i;

	printf("packet of %u bytes:\n", h->caplen);
	for (i = 0; i < h->caplen; i++)
		printf("%02x%s", data[i], (i % 16 == 15 ||
		    i + 1 == h->caplen) ? "\n" : " ");
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * --realtime: hold a packet back until as much time has passed since the
 * first one as the capture says; what was read so far is applied first,
 * so the tables move while we wait.
 */
static __attribute__((noinline)) void
pace(struct source *s, const struct pcap_pkthdr *h)
{
	double t = (double)h->ts.tv_sec + h->ts.tv_usec / 1e6, wait;

	if (s->replay_w0 == 0) {
		s->replay_t0 = t;
		s->replay_w0 = mono_now();
		return;
	}
	wait = (t - s->replay_t0) - (mono_now() - s->replay_w0);
	if (wait <= 0.001)
		return;
	if (s->batch->frames > 0) {
		atomic_fetch_add(&s->frames, s->batch->frames);
		stats_apply(s->batch);
	}
	while (wait > 0 && !atomic_load(&stopping)) {
		struct timespec ts = { 0, (long)((wait > 0.1 ? 0.1 : wait) * 1e9) };

		nanosleep(&ts, NULL);
		wait = (t - s->replay_t0) - (mono_now() - s->replay_w0);
	}
}

/*
 * One frame into the batch. Inline in both readers: the file reader calls
 * it for every packet, libpcap through on_packet().
 */
static inline __attribute__((always_inline)) void
take_frame(struct source *s, const struct pcap_pkthdr *h, const u_char *data)
{
	struct batch *b = s->batch;
	struct pkt *k;
	enum decode_reason why;

	if (__builtin_expect(frame_hooks, 0)) {
		if (opts->realtime && !s->live)
			pace(s, h);
		if (opts->hexdump)
			hexdump(h, data);
	}
	k = &b->pkt[b->n];
	b->frames++;
	if (decode_packet(s->dlt, data, h->caplen, h->len, k, &why) !=
	    DECODE_OK) {
		b->reasons[why]++;
		return;
	}
	k->ts = h->ts.tv_sec;
	k->usec = (uint32_t)h->ts.tv_usec;
	k->iface = (uint8_t)s->index;
	if (have_nets || s->nlocal > 0) {	/* not files without -l */
		if (is_local(s, &k->src))
			k->flags |= PKT_SRC_LOCAL;
		if (is_local(s, &k->dst))
			k->flags |= PKT_DST_LOCAL;
	}
	b->n++;
}

static void
on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	take_frame((struct source *)arg, h, data);
}

static void
free_filter(struct bpf_program *p)
{
	if (p == NULL)
		return;
	pcap_freecode(p);
	free(p);
}

/* Install a filter that cap_set_filter() left for this thread. */
static void
take_filter(struct source *s)
{
	struct bpf_program *p;

	if (!atomic_load(&s->has_pending))
		return;
	pthread_mutex_lock(&s->filter_mtx);
	p = s->pending;
	s->pending = NULL;
	atomic_store(&s->has_pending, 0);
	pthread_mutex_unlock(&s->filter_mtx);
	if (p == NULL)
		return;
	if (pcap_setfilter(s->pcap, p) == -1) {
		log_warnx("%s: pcap_setfilter: %s", s->name,
		    pcap_geterr(s->pcap));
		pcap_freecode(p);
		free(p);
		return;
	}
	free_filter(s->current);
	s->current = p;
}

/*
 * pcap_dispatch() on our own reader: up to BATCH_MAX packets that pass the
 * filter (the others are not frames); -1 on an error, 0 at the end of the
 * file, -2 when stopped before any.
 */
static int
dispatch_file(struct source *s)
{
	struct pcapfile *pf = s->reader;
	const struct bpf_program *prog = s->current;	/* for this batch */
	struct pcap_pkthdr h;
	const u_char *data;
	int n = 0, rc;

	while (n < BATCH_MAX) {
		/* pcap_breakloop()'s test, before every packet */
		if (atomic_load_explicit(&stopping, memory_order_relaxed))
			return n > 0 ? n : -2;
		if ((rc = pcapfile_next(pf, &h, &data)) != 1)
			return rc == 0 ? n : -1;
		/* Without a program pcap_offline_filter() says 0. */
		if (prog != NULL && pcap_offline_filter(prog, &h, data) == 0)
			continue;
		take_frame(s, &h, data);
		n++;
	}
	return n;
}

/* Read up to one batch; returns pcap_dispatch's result. */
static int
read_batch(struct source *s)
{
	int n;

	take_filter(s);
	if (s->reader != NULL)
		n = dispatch_file(s);
	else
		n = pcap_dispatch(s->pcap, BATCH_MAX, on_packet, (u_char *)s);
	if (s->batch->frames > 0) {
		atomic_fetch_add(&s->frames, s->batch->frames);
		stats_apply(s->batch);
	}
	return n;
}

static void
run_file(struct source *s)
{
	int n = 0;

	while (!atomic_load(&stopping) && (n = read_batch(s)) > 0)
		;
	if (n == -1)
		snprintf(s->error, sizeof s->error, "%s", s->reader != NULL ?
		    pcapfile_error(s->reader) : pcap_geterr(s->pcap));
}

/* Sleep up to a second; 0 if the program is stopping meanwhile. */
static int
nap(void)
{
	int i;

	for (i = 0; i < 1000 / LIVE_TIMEOUT_MS; i++) {
		struct timespec ts = { 0, LIVE_TIMEOUT_MS * 1000000L };

		if (atomic_load(&stopping))
			return 0;
		nanosleep(&ts, NULL);
	}
	return !atomic_load(&stopping);
}

static void
swap_pcap(struct source *s, pcap_t *p)
{
	pthread_mutex_lock(&s->pcap_mtx);
	s->pcap = p;
	pthread_mutex_unlock(&s->pcap_mtx);
}

/*
 * --wait: the interface went away (or its handle failed). Open it again
 * once it is back, with the filter in force. Returns 0 when capturing
 * again, -1 (error set) when giving up, or when the program stops.
 */
static int
reopen_live(struct source *s)
{
	char err[PCAP_ERRBUF_SIZE];
	time_t start = time(NULL);
	pcap_t *p = NULL;
	int rc;

	for (;;) {
		if (!nap())
			return -1;
		if ((rc = try_live(s->name, &p, err)) >= 0)
			break;
		if (!waitable(rc) || waited_enough(start)) {
			snprintf(s->error, sizeof s->error, "%s", err);
			return -1;
		}
	}
	if (pcap_datalink(p) != s->dlt) {
		snprintf(s->error, sizeof s->error, "came back with another "
		    "link type (%s)", pcap_datalink_val_to_name(
		    pcap_datalink(p)));
		pcap_close(p);
		return -1;
	}
	if (s->current != NULL && pcap_setfilter(p, s->current) == -1) {
		snprintf(s->error, sizeof s->error, "pcap_setfilter: %s",
		    pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	swap_pcap(s, p);
	log_warnx("%s: capturing again", s->name);
	return 0;
}

/*
 * The handle failed, as when the interface is deleted. Without --wait the
 * source ends here; the other sources go on.
 */
static int
live_failed(struct source *s)
{
	char why[PCAP_ERRBUF_SIZE];
	pcap_t *old;

	snprintf(why, sizeof why, "%s", pcap_geterr(s->pcap));
	if (!opts->wait_set) {
		snprintf(s->error, sizeof s->error, "%s", why);
		log_warnx("%s: %s; no more capture on it", s->name, why);
		return -1;
	}
	log_warnx("%s: %s; waiting for it to come back", s->name, why);
	/* A new handle counts from 0: carry the old one's counts over. */
	refresh_stats(s);
	s->received_base = atomic_load(&s->received);
	s->dropped_base = atomic_load(&s->dropped);
	old = s->pcap;
	swap_pcap(s, NULL);
	pcap_close(old);
	if (reopen_live(s) == -1) {
		if (s->error[0] != '\0')
			log_warnx("%s: %s; no more capture on it", s->name,
			    s->error);
		return -1;
	}
	return 0;
}

static void
run_live(struct source *s)
{
	struct pollfd pfd = { pcap_get_selectable_fd(s->pcap), POLLIN, 0 };
	int n;

	while (!atomic_load(&stopping)) {
		refresh_live(s);
		while ((n = read_batch(s)) > 0 && !atomic_load(&stopping))
			;
		if (n == -2)
			return;
		if (n == -1) {
			if (live_failed(s) == -1)
				return;
			pfd.fd = pcap_get_selectable_fd(s->pcap);
			continue;
		}
		poll(&pfd, 1, LIVE_TIMEOUT_MS);
	}
}

static void *
cap_thread(void *arg)
{
	struct source *s = arg;
	uint64_t one = 1;
	ssize_t w;

	s->batch = xcalloc(1, sizeof *s->batch);
	if (s->live) {
		run_live(s);
		refresh_stats(s);	/* final figures for the report */
	} else
		run_file(s);
	free(s->batch);
	s->batch = NULL;
	atomic_store(&s->done, 1);
	/* Wake the main loop; it reads the error and the done flag. */
	w = write(wake_fd, &one, sizeof one);
	(void)w;
	return NULL;
}

void
cap_start(void)
{
	int i, rc;

	for (i = 0; i < nsources; i++) {
		if ((rc = pthread_create(&sources[i].thread, NULL, cap_thread,
		    &sources[i])) != 0)
			fatalx("pthread_create: %s", strerror(rc));
		sources[i].started = 1;
	}
}

int
cap_wake_fd(void)
{
	return wake_fd;
}

int
cap_done(void)
{
	int i;

	for (i = 0; i < nsources; i++)
		if (!atomic_load(&sources[i].done))
			return 0;
	return 1;
}

void
cap_stop(void)
{
	int i;

	atomic_store(&stopping, 1);
	for (i = 0; i < nsources; i++) {
		pthread_mutex_lock(&sources[i].pcap_mtx);
		if (sources[i].pcap != NULL)
			pcap_breakloop(sources[i].pcap);
		pthread_mutex_unlock(&sources[i].pcap_mtx);
	}
	for (i = 0; i < nsources; i++) {
		if (sources[i].started)
			pthread_join(sources[i].thread, NULL);
		sources[i].started = 0;
	}
}

int
cap_count(void)
{
	return nsources;
}

void
cap_info(int i, struct cap_info *ci)
{
	struct source *s = &sources[i];

	memset(ci, 0, sizeof *ci);
	ci->name = s->name;
	ci->linktype = pcap_datalink_val_to_name(s->dlt);
	ci->error = s->error[0] && atomic_load(&s->done) ? s->error : NULL;
	ci->received = atomic_load(&s->received);
	ci->dropped = atomic_load(&s->dropped);
	ci->frames = atomic_load(&s->frames);
	ci->live = s->live;
}

int
cap_set_filter(const char *expr, char *err, size_t errlen)
{
	struct bpf_program *progs[MAX_IFACES];
	int i, j;

	for (i = 0; i < nsources; i++) {
		pcap_t *dead = pcap_open_dead(sources[i].dlt, (int)snaplen());

		progs[i] = xcalloc(1, sizeof *progs[i]);
		if (dead == NULL || pcap_compile(dead, progs[i], expr, 1,
		    PCAP_NETMASK_UNKNOWN) == -1) {
			snprintf(err, errlen, "%s", dead ? pcap_geterr(dead) :
			    "pcap_open_dead failed");
			if (dead)
				pcap_close(dead);
			for (j = 0; j < i; j++) {
				pcap_freecode(progs[j]);
				free(progs[j]);
			}
			free(progs[i]);
			return -1;
		}
		pcap_close(dead);
	}
	for (i = 0; i < nsources; i++) {
		struct source *s = &sources[i];
		struct bpf_program *old;

		pthread_mutex_lock(&s->filter_mtx);
		old = s->pending;
		s->pending = progs[i];
		atomic_store(&s->has_pending, 1);
		pthread_mutex_unlock(&s->filter_mtx);
		if (old != NULL) {
			pcap_freecode(old);
			free(old);
		}
	}
	pthread_mutex_lock(&text_mtx);
	snprintf(filter_text, sizeof filter_text, "%s", expr);
	pthread_mutex_unlock(&text_mtx);
	return 0;
}

void
cap_filter_text(char *buf, size_t len)
{
	pthread_mutex_lock(&text_mtx);
	snprintf(buf, len, "%s", filter_text);
	pthread_mutex_unlock(&text_mtx);
}

void
cap_close(void)
{
	int i;

	for (i = 0; i < nsources; i++) {
		if (sources[i].pcap != NULL)
			pcap_close(sources[i].pcap);	/* closes file too */
		sources[i].pcap = NULL;
		/* after pcap_close: a pipe's stream reads from it */
		pcapfile_free(sources[i].pf);
		sources[i].pf = sources[i].reader = NULL;
		free_filter(sources[i].pending);	/* never taken */
		sources[i].pending = NULL;
		free_filter(sources[i].current);
		sources[i].current = NULL;
	}
	if (wake_fd != -1)
		close(wake_fd);
	wake_fd = -1;
}
