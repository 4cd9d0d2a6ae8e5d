/*
 * histread.c: connections to the history database, and reading series
 * from it (the terminal interface's Graphs view, the web interface).
 */
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "histdb.h"
#include "history.h"
#include "xmalloc.h"

#define BUSY_MS		1000	/* wait this long for a lock */

struct history *
histdb_open(const char *path, int flags, char *err, size_t errlen)
{
	struct history *h;
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", db ? sqlite3_errmsg(db) :
		    "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, BUSY_MS);
	h = xcalloc(1, sizeof *h);
	h->db = db;
	h->path = xstrdup(path);
	return h;
}

void
histdb_close(struct history *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

/*
 * A read transaction now opens the database, its -wal and its -shm: the
 * descriptors stay with the connection, so it goes on reading after the
 * process has given up the right to open them (root's 0600 files).
 */
struct history *
history_reader_open(const char *path, char *err, size_t errlen)
{
	struct history *h = histdb_open(path, SQLITE_OPEN_READONLY, err,
	    errlen);

	if (h != NULL && sqlite3_exec(h->db, "SELECT count(*) FROM meta",
	    NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(h->db));
		histdb_close(h);
		return NULL;
	}
	return h;
}

void
history_reader_close(struct history *h)
{
	histdb_close(h);
}

const char *
history_path(const struct history *h)
{
	return h->path;
}

const char *
history_error(const struct history *h)
{
	return h->err;
}

static const char *const series_sql[] = {
	[HISTORY_TOTAL] = "SELECT ts, SUM(bytes_in), SUM(bytes_out),"
	    " SUM(pkts_in), SUM(pkts_out), SUM(bytes), SUM(pkts)"
	    " FROM iface_history WHERE res = ?1 AND ts >= ?2 AND ts < ?3"
	    " GROUP BY ts ORDER BY ts",
	[HISTORY_IFACE] = "SELECT ts, bytes_in, bytes_out, pkts_in, pkts_out,"
	    " bytes, pkts FROM iface_history WHERE res = ?1 AND ts >= ?2"
	    " AND ts < ?3 AND iface = ?4 ORDER BY ts",
	[HISTORY_HOST] = "SELECT ts, bytes_in, bytes_out, pkts_in, pkts_out,"
	    " bytes_in + bytes_out, pkts_in + pkts_out FROM host_history"
	    " WHERE res = ?1 AND addr = ?4 AND ts >= ?2 AND ts < ?3"
	    " ORDER BY ts",
};

static void
point_of(sqlite3_stmt *s, struct history_point *p)
{
	p->ts = sqlite3_column_int64(s, 0);
	p->bytes_in = (uint64_t)sqlite3_column_int64(s, 1);
	p->bytes_out = (uint64_t)sqlite3_column_int64(s, 2);
	p->pkts_in = (uint64_t)sqlite3_column_int64(s, 3);
	p->pkts_out = (uint64_t)sqlite3_column_int64(s, 4);
	p->bytes = (uint64_t)sqlite3_column_int64(s, 5);
	p->pkts = (uint64_t)sqlite3_column_int64(s, 6);
}

ssize_t
history_series(struct history *h, enum history_what what, const char *key,
    enum history_res r, int64_t from, int64_t to,
    struct history_point **pts)
{
	struct history_point *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	*pts = NULL;
	if (sqlite3_prepare_v2(h->db, series_sql[what], -1, &s, NULL) !=
	    SQLITE_OK) {
		snprintf(h->err, sizeof h->err, "%s", sqlite3_errmsg(h->db));
		return -1;
	}
	sqlite3_bind_int(s, 1, history_res_width[r]);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	if (what != HISTORY_TOTAL)
		sqlite3_bind_text(s, 4, key, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		point_of(s, &v[n++]);
	}
	if (rc != SQLITE_DONE) {
		snprintf(h->err, sizeof h->err, "%s", sqlite3_errmsg(h->db));
		sqlite3_finalize(s);
		free(v);
		return -1;
	}
	sqlite3_finalize(s);
	*pts = v;
	return (ssize_t)n;
}
