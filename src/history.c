/*
 * history.c: the --history database. See the DESIGN note in history.h
 * and TRAFFIC HISTORY in the manual page for the schema.
 *
 * A flush takes the per-minute records from the engine and, for each
 * resolution, gives each record its bucket, sorts them in the table's
 * order (bucket, then host) and upserts one row per host and bucket: a
 * minute's rows, and the current hour's and day's, sit together in the
 * table, so that a flush writes a few pages, not one per host. Buckets
 * already past their retention are not written at all: a replay of a year
 * does not write a year of minute rows only to delete them.
 *
 * Reading is in histread.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cap.h"
#include "histacct.h"
#include "histdb.h"
#include "history.h"
#include "log.h"
#include "stats.h"
#include "xmalloc.h"

#define SCHEMA_VERSION	"1"
#define LIVE_EVERY	60	/* seconds: flush at each wall-clock minute */
#define REPLAY_EVERY	5	/* seconds between the flushes of a replay */
#define FLUSH_AT	100000	/* records waiting: flush a replay now */
#define KEEP_MAX	2000000	/* records kept after failed flushes */
#define COUNT_MAX	100000000U

const char *const history_res_name[HISTORY_RES] = { "minute", "hour", "day" };
const int history_res_width[HISTORY_RES] = { 60, 3600, 86400 };

/* The start and end of the local hour or day a time was last found in. */
struct span {
	int64_t		start;
	int64_t		end;
};

/* The writer: main thread only. */
static struct {
	struct history		*h;
	struct history_keep	 keep;
	int			 replay;
	int			 ended;		/* the replay's end was written */
	int64_t			 now;		/* newest time seen (replay) */
	time_t			 last;		/* wall time of the last flush */
	sqlite3_stmt		*up_host;
	sqlite3_stmt		*up_iface;
	sqlite3_stmt		*prune_host;
	sqlite3_stmt		*prune_iface;
	/* records a failed flush could not write, tried again next time */
	struct hist_host	*host;
	size_t			 nhost;
	struct hist_iface	*iface;
	size_t			 niface;
	struct hist_host	*tmp;		/* write_hosts()'s rows */
	size_t			 tmp_cap;
	int			 failing;
	uint64_t		 flushes;
	double			 flush_ms;	/* the longest flush */
	struct span		 span[HISTORY_RES];
} w;

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS iface_history ("
	" res INTEGER NOT NULL, ts INTEGER NOT NULL, iface TEXT NOT NULL,"
	" bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL,"
	" pkts_in INTEGER NOT NULL, pkts_out INTEGER NOT NULL,"
	" bytes INTEGER NOT NULL, pkts INTEGER NOT NULL,"
	" PRIMARY KEY (res, ts, iface)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS host_history ("
	" res INTEGER NOT NULL, ts INTEGER NOT NULL, addr TEXT NOT NULL,"
	" bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL,"
	" pkts_in INTEGER NOT NULL, pkts_out INTEGER NOT NULL,"
	" PRIMARY KEY (res, ts, addr)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS host_history_hour ON host_history"
	" (addr, ts) WHERE res = 3600;"
	"CREATE INDEX IF NOT EXISTS host_history_day ON host_history"
	" (addr, ts) WHERE res = 86400;";

static const char up_host_sql[] =
	"INSERT INTO host_history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT (res, ts, addr) DO UPDATE SET"
	" bytes_in = bytes_in + excluded.bytes_in,"
	" bytes_out = bytes_out + excluded.bytes_out,"
	" pkts_in = pkts_in + excluded.pkts_in,"
	" pkts_out = pkts_out + excluded.pkts_out";

static const char up_iface_sql[] =
	"INSERT INTO iface_history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	" ON CONFLICT (res, ts, iface) DO UPDATE SET"
	" bytes_in = bytes_in + excluded.bytes_in,"
	" bytes_out = bytes_out + excluded.bytes_out,"
	" pkts_in = pkts_in + excluded.pkts_in,"
	" pkts_out = pkts_out + excluded.pkts_out,"
	" bytes = bytes + excluded.bytes, pkts = pkts + excluded.pkts";

/* ------------------------------------------------------------ retention */

static int
parse_one(const char *item, size_t len, struct history_keep *k, int *seen,
    const char **why)
{
	const char *colon = memchr(item, ':', len);
	unsigned long v;
	char *end;
	int r;

	if (colon == NULL) {
		*why = "each item is RESOLUTION:COUNT";
		return -1;
	}
	for (r = 0; r < HISTORY_RES; r++)
		if ((size_t)(colon - item) == strlen(history_res_name[r]) &&
		    strncmp(item, history_res_name[r], colon - item) == 0)
			break;
	if (r == HISTORY_RES) {
		*why = "the resolutions are minute, hour and day";
		return -1;
	}
	if (*seen & (1 << r)) {
		*why = "a resolution is given twice";
		return -1;
	}
	*seen |= 1 << r;
	errno = 0;
	if (colon[1] < '0' || colon[1] > '9' ||
	    (v = strtoul(colon + 1, &end, 10), end != item + len) ||
	    errno == ERANGE || v > COUNT_MAX) {
		*why = "a count is a number from 0 to 100000000";
		return -1;
	}
	k->n[r] = (unsigned int)v;
	return 0;
}

int
history_keep_parse(const char *s, struct history_keep *k, const char **why)
{
	struct history_keep out = *k;
	const char *p = s, *comma;
	int seen = 0;

	if (*s == '\0') {
		*why = "it is empty";
		return -1;
	}
	for (;;) {
		size_t len;

		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (parse_one(p, len, &out, &seen, why) == -1)
			return -1;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	*k = out;
	return 0;
}

/* ------------------------------------------------------------- buckets */

/* The start of the local hour or day that t is in, remembered in c. */
static int64_t
local_start(enum history_res r, int64_t t, struct span *c)
{
	time_t tt = (time_t)t;
	struct tm tm, next;

	if (t >= c->start && t < c->end)
		return c->start;
	if (localtime_r(&tt, &tm) == NULL) {
		c->start = t - t % history_res_width[r];
		c->end = c->start + history_res_width[r];
		return c->start;
	}
	if (r == HISTORY_HOUR) {
		/* Local hours: half-hour time zones have their own. */
		c->start = t - tm.tm_min * 60 - tm.tm_sec;
		c->end = c->start + 3600;
		return c->start;
	}
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	next = tm;
	next.tm_mday++;
	c->start = (int64_t)mktime(&tm);
	c->end = (int64_t)mktime(&next);
	if (c->start > t || c->end <= t) {	/* a day that mktime can't name */
		c->start = t - t % 86400;
		c->end = c->start + 86400;
	}
	return c->start;
}

static int64_t
bucket(enum history_res r, int64_t minute)
{
	if (r == HISTORY_MINUTE)
		return minute * 60;
	return local_start(r, minute * 60, &w.span[r]);
}

int64_t
history_bucket(enum history_res r, int64_t t)
{
	struct span c = { 0, 0 };
	int64_t m = t >= 0 ? t / 60 : -((-t + 59) / 60);

	if (r == HISTORY_MINUTE)
		return m * 60;
	return local_start(r, m * 60, &c);
}

/* Rows of r at or before this are past their retention. */
static int64_t
cutoff(enum history_res r)
{
	return w.now - (int64_t)w.keep.n[r] * history_res_width[r];
}

/* ------------------------------------------------------------- writing */

/* Bucket (in minute), then address. */
static int
cmp_host(const void *a, const void *b)
{
	const struct hist_host *x = a, *y = b;

	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return addr_cmp(&x->addr, &y->addr);
}

static int
cmp_iface(const void *a, const void *b)
{
	const struct hist_iface *x = a, *y = b;

	if (x->iface != y->iface)
		return x->iface < y->iface ? -1 : 1;
	return (x->minute > y->minute) - (x->minute < y->minute);
}

static int
step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
upsert_host(enum history_res r, int64_t ts, const struct hist_host *sum)
{
	sqlite3_stmt *s = w.up_host;
	char a[ADDR_STRLEN];

	sqlite3_bind_int(s, 1, history_res_width[r]);
	sqlite3_bind_int64(s, 2, ts);
	sqlite3_bind_text(s, 3, addr_str(&sum->addr, a), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)sum->in);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)sum->out);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)sum->pkts_in);
	sqlite3_bind_int64(s, 7, (sqlite3_int64)sum->pkts_out);
	return step(s);
}

/* The rows of one resolution: a run of one host in one bucket each. */
/*
 * The rows of one resolution: each record's bucket, in the table's order
 * (bucket, then address) so that SQLite writes its pages one after the
 * other, one upsert per host and bucket.
 */
static int
write_hosts(enum history_res r, const struct hist_host *v, size_t n,
    size_t *rows)
{
	int64_t cut = cutoff(r);
	struct hist_host *t;
	size_t i, j, k = 0;

	if (n > w.tmp_cap) {
		w.tmp_cap = n;
		w.tmp = xreallocarray(w.tmp, n, sizeof *w.tmp);
	}
	t = w.tmp;
	for (i = 0; i < n; i++) {
		int64_t b = bucket(r, v[i].minute);

		if (b <= cut)	/* past its retention already */
			continue;
		t[k] = v[i];
		t[k++].minute = b;	/* from here on, the bucket start */
	}
	/* Minutes are in order already (compact()); hours and days not. */
	if (k > 1 && r != HISTORY_MINUTE)
		qsort(t, k, sizeof *t, cmp_host);
	for (i = 0; i < k; i = j) {
		struct hist_host sum = t[i];

		for (j = i + 1; j < k && t[j].minute == t[i].minute &&
		    addr_eq(&t[j].addr, &t[i].addr); j++) {
			sum.in += t[j].in;
			sum.out += t[j].out;
			sum.pkts_in += t[j].pkts_in;
			sum.pkts_out += t[j].pkts_out;
		}
		if (upsert_host(r, sum.minute, &sum) == -1)
			return -1;
		(*rows)++;
	}
	return 0;
}

/*
 * Sort the host records by minute and address and add up those of one
 * host in one minute: evictions can leave a dozen records of a host in a
 * minute, and the resolutions' passes then sort a shorter list.
 */
static void
compact(void)
{
	size_t i, k = 0;

	if (w.nhost < 2)
		return;
	qsort(w.host, w.nhost, sizeof *w.host, cmp_host);
	for (i = 1; i < w.nhost; i++) {
		struct hist_host *a = &w.host[k], *b = &w.host[i];

		if (a->minute == b->minute && addr_eq(&a->addr, &b->addr)) {
			a->in += b->in;
			a->out += b->out;
			a->pkts_in += b->pkts_in;
			a->pkts_out += b->pkts_out;
		} else
			w.host[++k] = *b;
	}
	w.nhost = k + 1;
}

static const char *
iface_name(int i)
{
	struct cap_info ci;

	if (i >= cap_count())
		return "?";
	cap_info(i, &ci);
	return ci.name;
}

static int
upsert_iface(enum history_res r, int64_t ts, const struct hist_iface *sum)
{
	sqlite3_stmt *s = w.up_iface;

	sqlite3_bind_int(s, 1, history_res_width[r]);
	sqlite3_bind_int64(s, 2, ts);
	sqlite3_bind_text(s, 3, iface_name(sum->iface), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)sum->in);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)sum->out);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)sum->pkts_in);
	sqlite3_bind_int64(s, 7, (sqlite3_int64)sum->pkts_out);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)sum->bytes);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)sum->pkts);
	return step(s);
}

static int
write_ifaces(enum history_res r, const struct hist_iface *v, size_t n,
    size_t *rows)
{
	int64_t cut = cutoff(r);
	size_t i, j;

	for (i = 0; i < n; i = j) {
		struct hist_iface sum = v[i];
		int64_t b = bucket(r, v[i].minute);

		for (j = i + 1; j < n && v[j].iface == v[i].iface &&
		    bucket(r, v[j].minute) == b; j++) {
			sum.in += v[j].in;
			sum.out += v[j].out;
			sum.pkts_in += v[j].pkts_in;
			sum.pkts_out += v[j].pkts_out;
			sum.bytes += v[j].bytes;
			sum.pkts += v[j].pkts;
		}
		if (b <= cut)
			continue;
		if (upsert_iface(r, b, &sum) == -1)
			return -1;
		(*rows)++;
	}
	return 0;
}

static int
prune(void)
{
	int r;

	for (r = 0; r < HISTORY_RES; r++) {
		sqlite3_bind_int(w.prune_host, 1, history_res_width[r]);
		sqlite3_bind_int64(w.prune_host, 2, cutoff(r));
		sqlite3_bind_int(w.prune_iface, 1, history_res_width[r]);
		sqlite3_bind_int64(w.prune_iface, 2, cutoff(r));
		if (step(w.prune_host) == -1 || step(w.prune_iface) == -1)
			return -1;
	}
	return 0;
}

static int
exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int
write_all(size_t *rows)
{
	sqlite3 *db = w.h->db;
	int r;

	if (exec(db, "BEGIN IMMEDIATE") == -1)
		return -1;
	for (r = 0; r < HISTORY_RES; r++)
		if (write_hosts(r, w.host, w.nhost, rows) == -1 ||
		    write_ifaces(r, w.iface, w.niface, rows) == -1)
			goto fail;
	if (prune() == -1 || exec(db, "COMMIT") == -1)
		goto fail;
	return 0;
fail:
	/* Keep SQLite's message: the rollback would replace it. */
	snprintf(w.h->err, sizeof w.h->err, "%s", sqlite3_errmsg(db));
	exec(db, "ROLLBACK");
	return -1;
}

/* Add the engine's records to those waiting (from a failed flush). */
static void
gather(void)
{
	struct hist_host *hv;
	struct hist_iface *iv;
	size_t nh, ni;

	stats_take_history(&hv, &nh, &iv, &ni);
	if (w.nhost + w.niface == 0) {		/* the usual case: no copy */
		free(w.host);
		free(w.iface);
		w.host = hv;
		w.iface = iv;
		w.nhost = nh;
		w.niface = ni;
		return;
	}
	if (w.nhost + w.niface > 0 && w.nhost + w.niface + nh + ni >
	    KEEP_MAX) {
		log_warnx("history \"%s\": %zu records dropped after failed "
		    "writes", w.h->path, w.nhost + w.niface);
		w.nhost = w.niface = 0;
	}
	if (nh > 0) {
		w.host = xreallocarray(w.host, w.nhost + nh, sizeof *w.host);
		memcpy(w.host + w.nhost, hv, nh * sizeof *hv);
		w.nhost += nh;
	}
	if (ni > 0) {
		w.iface = xreallocarray(w.iface, w.niface + ni,
		    sizeof *w.iface);
		memcpy(w.iface + w.niface, iv, ni * sizeof *iv);
		w.niface += ni;
	}
	free(hv);
	free(iv);
}

/* The time retention counts back from: the clock, or the capture's. */
static void
set_now(void)
{
	size_t i;

	if (!w.replay) {
		w.now = (int64_t)time(NULL);
		return;
	}
	for (i = 0; i < w.nhost; i++)
		if (w.host[i].minute * 60 > w.now)
			w.now = w.host[i].minute * 60;
	for (i = 0; i < w.niface; i++)
		if (w.iface[i].minute * 60 > w.now)
			w.now = w.iface[i].minute * 60;
}

static double
ms_since(clockid_t clock, const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

void
history_flush(void)
{
	struct timespec t0, c0;
	size_t rows = 0;
	double ms;

	if (w.h == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	w.last = time(NULL);
	gather();
	/* A replay's time stands still without packets: nothing to prune. */
	if (w.replay && w.nhost + w.niface == 0)
		return;
	set_now();
	compact();
	if (w.niface > 1)
		qsort(w.iface, w.niface, sizeof *w.iface, cmp_iface);
	if (write_all(&rows) == -1) {
		log_warnx("history \"%s\": %s; %zu records kept for the next "
		    "try", w.h->path, w.h->err, w.nhost + w.niface);
		w.failing = 1;
		return;
	}
	if (w.failing)
		log_warnx("history \"%s\": written again", w.h->path);
	w.failing = 0;
	ms = ms_since(CLOCK_MONOTONIC, &t0);
	if (ms > w.flush_ms)
		w.flush_ms = ms;
	w.flushes++;
	/* The CPU time too: on a busy machine the clock says little. */
	log_debug("history: %zu host and %zu interface records, %zu rows "
	    "written in %.1f ms (%.1f ms CPU)", w.nhost, w.niface, rows, ms,
	    ms_since(CLOCK_THREAD_CPUTIME_ID, &c0));
	w.nhost = w.niface = 0;
}

void
history_tick(void)
{
	time_t t;

	if (w.h == NULL)
		return;
	t = time(NULL);
	if (w.replay) {
		/* The end of a replay is written at once, for the graphs. */
		if (!w.ended && cap_done()) {
			w.ended = 1;
			history_flush();
		} else if (t - w.last >= REPLAY_EVERY ||
		    stats_history_pending() >= FLUSH_AT)
			history_flush();
	} else if (t / LIVE_EVERY != w.last / LIVE_EVERY)
		history_flush();
}

/* ------------------------------------------------------------- opening */

enum { FILE_NEW, FILE_OURS, FILE_OTHER };

/*
 * Whose file it is: a new one (no tables), ours (v: its schema version) or
 * another program's; -1 if SQLite can't read it (its message says why).
 */
static int
file_kind(sqlite3 *db, char *v, size_t len)
{
	sqlite3_stmt *s;
	int rc, kind = FILE_NEW;

	v[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT COUNT(*), COUNT(name = 'meta' OR "
	    "NULL) FROM sqlite_master WHERE type = 'table'", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_int(s, 0) > 0)
		kind = sqlite3_column_int(s, 1) > 0 ? FILE_OURS : FILE_OTHER;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return -1;
	if (kind != FILE_OURS)
		return kind;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = "
	    "'schema_version'", -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(v, len, "%s", sqlite3_column_text(s, 0) ?
		    (const char *)sqlite3_column_text(s, 0) : "NULL");
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? FILE_OURS : -1;
}

static int
meta_set(sqlite3 *db, const char *key, const char *value, int replace)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, replace ? "INSERT OR REPLACE INTO meta "
	    "VALUES (?1, ?2)" : "INSERT OR IGNORE INTO meta VALUES (?1, ?2)",
	    -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
keep_text(const struct history_keep *k, char *buf, size_t len)
{
	snprintf(buf, len, "minute:%u,hour:%u,day:%u", k->n[HISTORY_MINUTE],
	    k->n[HISTORY_HOUR], k->n[HISTORY_DAY]);
}

/*
 * Look before writing: a file that is not a database, is locked, is
 * another program's or of another schema version is left as it is. Then
 * WAL mode, and the tables in one transaction. A 16 MiB page cache halves
 * the time of a big replay's writes (the (res, ts) index takes them out of
 * order); a log grown by one is cut back to 64 MiB after its checkpoint.
 */
static int
setup(sqlite3 *db, const struct history_keep *k, char *err, size_t errlen)
{
	char v[32], when[32], spec[64];

	switch (file_kind(db, v, sizeof v)) {
	case -1:
		goto fail;
	case FILE_OTHER:
		snprintf(err, errlen, "not a history database (it has other "
		    "tables)");
		return -1;
	case FILE_OURS:
		if (strcmp(v, SCHEMA_VERSION) == 0)
			break;
		snprintf(err, errlen, "schema version %s (this version "
		    "writes %s)", v, SCHEMA_VERSION);
		return -1;
	}
	if (exec(db, "PRAGMA journal_mode = WAL") == -1 ||
	    exec(db, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
	    " PRAGMA cache_size = -16384; PRAGMA journal_size_limit = 67108864")
	    == -1 || exec(db, "BEGIN IMMEDIATE") == -1)
		goto fail;
	snprintf(when, sizeof when, "%lld", (long long)time(NULL));
	keep_text(k, spec, sizeof spec);
	if (exec(db, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY,"
	    " value TEXT NOT NULL) WITHOUT ROWID") == -1 ||
	    exec(db, schema_sql) == -1 ||
	    meta_set(db, "schema_version", SCHEMA_VERSION, 0) == -1 ||
	    meta_set(db, "created", when, 0) == -1 ||
	    meta_set(db, "retention", spec, 1) == -1 ||
	    exec(db, "COMMIT") == -1) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db));
		exec(db, "ROLLBACK");
		return -1;
	}
	return 0;
fail:
	snprintf(err, errlen, "%s", sqlite3_errmsg(db));
	return -1;
}

static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, s,
	    NULL) == SQLITE_OK ? 0 : -1;
}

/*
 * SQLite would create the file with mode 0644; the traffic of each host is
 * no one else's business (its -wal and -shm files take the same mode).
 */
static int
create(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int
history_open(const char *path, const struct history_keep *k, int replay)
{
	struct history *h = NULL;
	char err[256];

	/* The main thread's alone: no locking inside SQLite. */
	if (create(path, err, sizeof err) == 0)
		h = histdb_open(path, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_NOMUTEX, err, sizeof err);
	if (h != NULL && setup(h->db, k, err, sizeof err) == -1) {
		histdb_close(h);
		h = NULL;
	}
	if (h != NULL && (prepare(h->db, up_host_sql, &w.up_host) == -1 ||
	    prepare(h->db, up_iface_sql, &w.up_iface) == -1 ||
	    prepare(h->db, "DELETE FROM host_history WHERE res = ?1 AND "
	    "ts <= ?2", &w.prune_host) == -1 ||
	    prepare(h->db, "DELETE FROM iface_history WHERE res = ?1 AND "
	    "ts <= ?2", &w.prune_iface) == -1)) {
		snprintf(err, sizeof err, "%s", sqlite3_errmsg(h->db));
		history_close();	/* finalizes what was prepared */
		histdb_close(h);
		h = NULL;
	}
	if (h == NULL) {
		log_warnx("history \"%s\": %s; going on without history", path,
		    err);
		return -1;
	}
	w.h = h;
	w.keep = *k;
	w.replay = replay;
	w.last = time(NULL);
	stats_history_start();
	log_debug("history \"%s\": open", path);
	return 0;
}

void
history_close(void)
{
	if (w.h != NULL) {
		history_flush();
		log_debug("history: %llu flushes, the longest %.1f ms",
		    (unsigned long long)w.flushes, w.flush_ms);
		/* Statistics for the planner, as SQLite advises at close. */
		exec(w.h->db, "PRAGMA analysis_limit = 400; PRAGMA optimize");
	}
	sqlite3_finalize(w.up_host);
	sqlite3_finalize(w.up_iface);
	sqlite3_finalize(w.prune_host);
	sqlite3_finalize(w.prune_iface);
	histdb_close(w.h);
	free(w.host);
	free(w.iface);
	free(w.tmp);
	memset(&w, 0, sizeof w);
}

/* ------------------------------------------------------------- reading */

struct history *
history_main(void)
{
	return w.h;
}
