/*
 * daylog.c: the daylog's lines, in darkstat's format (docs section 7):
 *   # logging started at 2026-11-22 09:36:56 +0000 (1795340216)
 *   2026-11-22 09:37:09 +0000|1795340229|bytes_in|bytes_out|pkts_in|pkts_out
 *   # logging stopped at 2026-11-22 09:37:09 +0000 (1795340229)
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dayacct.h"
#include "daylog.h"
#include "log.h"
#include "stats.h"

static const char *
date(char buf[64], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, 64, "%Y-%m-%d %H:%M:%S %z", &tm);
	return buf;
}

static void
append(const char *path, const char *line)
{
	size_t len = strlen(line);
	int fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, 0600);
	if (fd == -1 || write(fd, line, len) != (ssize_t)len)
		log_warn("daylog \"%s\"", path);
	if (fd != -1)
		close(fd);
}

static void
comment(const char *path, const char *what, int64_t t)
{
	char line[160], d[64];

	snprintf(line, sizeof line, "# logging %s at %s (%" PRId64 ")\n",
	    what, date(d, t), t);
	append(path, line);
}

static void
data(const char *path, const struct day *day, int64_t t)
{
	char line[256], d[64];

	snprintf(line, sizeof line, "%s|%" PRId64 "|%" PRIu64 "|%" PRIu64 "|%"
	    PRIu64 "|%" PRIu64 "\n", date(d, t), t, day->in_bytes,
	    day->out_bytes, day->in_pkts, day->out_pkts);
	append(path, line);
}

static int started;	/* main thread only */

void
daylog_start(const char *path, int64_t now)
{
	comment(path, "started", now);
	started = 1;
}

/*
 * A replay starts logging at its first day, in packet time: its lines
 * would otherwise say they began years after they ended.
 */
static void
start_at(const char *path, int64_t t)
{
	if (!started)
		daylog_start(path, t);
}

static void
write_days(const char *path, struct day *days, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		start_at(path, days[i].start);
		data(path, &days[i], days[i].start);
	}
	free(days);
}

void
daylog_flush(const char *path)
{
	struct day *days;
	size_t n = stats_take_days(&days);

	write_days(path, days, n);
}

void
daylog_stop(const char *path, struct dayacct *d, int64_t stop)
{
	struct day *days;
	size_t n = dayacct_take(d, &days);

	write_days(path, days, n);
	start_at(path, d->cur.start ? d->cur.start : stop);
	/* darkstat dates the last line with the stop time, not its start. */
	data(path, &d->cur, stop);
	comment(path, "stopped", stop);
}
