/*
 * log.c: one-line diagnostics on stderr, prefixed with the program name.
 * Messages are lowercase, without a full stop, and quote what they name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static const char *prog = "darkstat-tui";
static int verbose;
static int to_syslog;
static int syslog_open;
static const char *usage_where;
void (*log_usage_hook)(void);
static void (*sink)(const char *);
static void (*exit_hook)(void);

void
log_set_sink(void (*s)(const char *), void (*hook)(void))
{
	sink = s;
	exit_hook = hook;
}

void
log_init(const char *progname, int v, int use_syslog)
{
	prog = progname;
	verbose = v;
	if (use_syslog)
		log_to_syslog();
}

/*
 * Connect to the syslog socket now: after a chroot, /dev/log is out of
 * reach and syslog(3) could not connect any more.
 */
void
log_open_syslog(void)
{
	if (!syslog_open)
		openlog(prog, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	syslog_open = 1;
}

void
log_close_syslog(void)
{
	if (syslog_open)
		closelog();
	syslog_open = 0;
}

void
log_to_syslog(void)
{
	log_open_syslog();
	to_syslog = 1;
}

int
log_is_verbose(void)
{
	return verbose;
}

static void
vlog(const char *kind, const char *fmt, va_list ap, const char *suffix)
{
	char buf[1024];

	vsnprintf(buf, sizeof buf, fmt, ap);
	if (*kind == 'e' && exit_hook != NULL) {
		exit_hook();
		exit_hook = NULL;
	}
	if (to_syslog) {
		syslog(*kind == 'e' ? LOG_ERR : *kind == 'w' ? LOG_WARNING :
		    LOG_DEBUG, "%s%s%s%s", kind, buf, suffix ? ": " : "",
		    suffix ? suffix : "");
		return;
	}
	if (sink != NULL && *kind != 'e') {
		char line[1200];

		snprintf(line, sizeof line, "%s%s%s%s", kind, buf,
		    suffix ? ": " : "", suffix ? suffix : "");
		sink(line);
		return;
	}
	/* One fprintf per line so lines from threads do not interleave. */
	fprintf(stderr, "%s: %s%s%s%s\n", prog, kind, buf,
	    suffix ? ": " : "", suffix ? suffix : "");
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap, NULL);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap, e);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog("error: ", fmt, ap, e);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error: ", fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

void
log_usage_where(const char *where)
{
	usage_where = where;
}

static void error_where(const char *, ...) PRINTFLIKE(1, 2);

static void
error_where(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error: ", fmt, ap, NULL);
	va_end(ap);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (usage_where != NULL)
		error_where("%s: %s", usage_where, buf);
	else
		error_where("%s", buf);
	if (log_usage_hook != NULL)
		log_usage_hook();
	exit(2);
}
