/*
 * history.h: --history, the long-term traffic of each interface and each
 * host in an SQLite database, kept minute by minute, hour by hour and day
 * by day for as many buckets as --history-schema says.
 *
 * DESIGN. The engine counts each host's and interface's traffic per
 * minute of packet time (histacct.h), cheaply, under its lock; the capture
 * threads never touch SQLite. The main loop (headless.c or ui.c) calls
 * history_tick(), which takes those minutes about once a minute (a replay:
 * every few seconds, or when many wait) and adds them, in one transaction,
 * to the minute, hour and day rows they fall in (upserts), then deletes the
 * rows that are past their retention. Because every record is a minute of
 * packet time, a replay of several days puts every byte in the day it was
 * captured, however fast it is read.
 *
 * The writer is one connection, opened at start-up (before any chroot or
 * change of user) and used by the main thread only; the terminal interface
 * reads through it too (history_main()). Another thread (the web server)
 * opens a read-only connection of its own with history_reader_open(): in
 * WAL mode readers and the writer do not wait for each other.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum history_res { HISTORY_MINUTE, HISTORY_HOUR, HISTORY_DAY, HISTORY_RES };

/* Buckets kept of each resolution (0: none). */
struct history_keep {
	unsigned int	n[HISTORY_RES];
};

#define HISTORY_KEEP_DEFAULT	"minute:1440,hour:2160,day:1095"

/* "minute", "hour", "day"; and the width of a bucket in seconds. */
extern const char *const history_res_name[HISTORY_RES];
extern const int history_res_width[HISTORY_RES];

/*
 * The start of the bucket of resolution r that time t is in: the minute,
 * the local hour, the local day (TZ).
 */
int64_t	history_bucket(enum history_res r, int64_t t);

/*
 * Parse a retention schema such as HISTORY_KEEP_DEFAULT into k: names
 * left out keep the value k had. -1 with why set if it is invalid.
 */
int	history_keep_parse(const char *, struct history_keep *k,
	    const char **why);

/*
 * Main thread. Open (or create) the database and have the engine keep
 * per-minute records; replay: bucket times come from the capture only. A
 * file that can't be used (not a database, locked, another schema) is
 * reported in one line, and the program goes on without history: -1.
 */
int	history_open(const char *path, const struct history_keep *,
	    int replay);
/* Write when it is time (each main loop turn). */
void	history_tick(void);
/* Write what waits now. */
void	history_flush(void);
/* Write the rest and close (after the capture threads have stopped). */
void	history_close(void);

/* One bucket of a series. */
struct history_point {
	int64_t		ts;		/* bucket start, UNIX time */
	uint64_t	bytes_in;	/* interfaces: local traffic as graphed */
	uint64_t	bytes_out;
	uint64_t	pkts_in;
	uint64_t	pkts_out;
	uint64_t	bytes;		/* all the traffic (host: in + out) */
	uint64_t	pkts;
};

enum history_what {
	HISTORY_TOTAL,		/* every interface added up */
	HISTORY_IFACE,		/* one interface (key: its name) */
	HISTORY_HOST		/* one host (key: its address as text) */
};

struct history;

/* The writer's connection, for reading on the main thread; or NULL. */
struct history	*history_main(void);
/* A read-only connection for another thread; NULL with err set. */
struct history	*history_reader_open(const char *path, char *err,
		    size_t errlen);
void		 history_reader_close(struct history *);
/* The database file. */
const char	*history_path(const struct history *);
/*
 * The buckets of a series with from <= ts < to, oldest first, in *pts
 * (the caller frees it): how many, or -1 (the reason in history_error()).
 */
ssize_t		 history_series(struct history *, enum history_what,
		    const char *key, enum history_res, int64_t from,
		    int64_t to, struct history_point **pts);
const char	*history_error(const struct history *);

#endif
