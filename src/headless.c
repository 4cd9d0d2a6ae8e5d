/*
 * headless.c: the main loop without a terminal interface. It waits for
 * signals and for the capture threads to end, keeps the graphs turning
 * with the clock during live capture, and serves the export requests of
 * SIGUSR1/SIGUSR2.
 */
#include <sys/signalfd.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "cap.h"
#include "conns.h"
#include "daylog.h"
#include "db.h"
#include "headless.h"
#include "history.h"
#include "http/http.h"
#include "log.h"
#include "stats.h"
#include "tables.h"

#define STATUS_EVERY	10	/* seconds between --verbose status lines */

static void
export_now(const struct options *o)
{
	struct tables *t;

	if (o->export_file == NULL)
		return;
	t = stats_snapshot();
	db_export(t, o->export_file);
	tables_free(t);
}

static void
status_line(void)
{
	struct tables *t = stats_snapshot();
	struct cap_info ci;
	int i;

	for (i = 0; i < cap_count(); i++) {
		cap_info(i, &ci);
		log_debug("%s: %" PRIu64 " received, %" PRIu64 " dropped",
		    ci.name, ci.received, ci.dropped);
	}
	log_debug("%" PRIu64 " packets, %" PRIu64 " bytes, %" PRIu64
	    " malformed", t->totals.packets, t->totals.bytes,
	    tables_malformed(&t->totals));
	tables_free(t);
}

/* --verbose: say so when the SYN-flood / scan alarm is raised. */
static void
log_alarm(uint64_t *seen)
{
	struct conn_alarm a;
	char s[ADDR_STRLEN];

	stats_alarm(&a);
	if (a.raised == *seen)
		return;
	*seen = a.raised;
	/* The last raised, even if it has ended since the last look. */
	log_debug("alarm: %s %s (%u %s)", a.last_kind == ALARM_FLOOD ?
	    "SYN flood on" : "port scan from", addr_str(&a.last_addr, s),
	    a.last_count, a.last_kind == ALARM_FLOOD ? "half-open" :
	    "ports in 10 s");
}

int
headless_signal(const struct options *o, int sigfd)
{
	struct signalfd_siginfo si;
	int sig;

	if (read(sigfd, &si, sizeof si) != sizeof si)
		return 0;
	sig = (int)si.ssi_signo;
	switch (sig) {
	case SIGINT:
	case SIGTERM:
		log_debug("caught signal %d, shutting down", sig);
		return 1;
	case SIGUSR1:
		export_now(o);
		stats_reset();
		log_debug("tables reset");
		return 0;
	case SIGUSR2:
		export_now(o);
		return 0;
	case SIGHUP:
		/* The terminal is gone (an SSH session dropped): stop. */
		if (!o->no_tui) {
			log_debug("SIGHUP: the terminal hung up, shutting down");
			return 1;
		}
		/* The daylog is opened for each line: nothing to reopen. */
		log_debug("SIGHUP: the daylog is reopened for each line");
		return 0;
	}
	return 0;
}

int
headless_run(const struct options *o, int sigfd)
{
	struct pollfd pfd[2] = {
		{ sigfd, POLLIN, 0 },
		{ cap_wake_fd(), POLLIN, 0 },
	};
	time_t last_status = time(NULL);
	int live = o->capfile == NULL;
	/* A replay being browsed is served until a signal ends it. */
	int serve_on = !live && http_wanted(o), said = 0;
	uint64_t alarms = 0;

	for (;;) {
		uint64_t v;

		if (log_is_verbose())
			log_alarm(&alarms);
		if (o->daylog != NULL)
			daylog_flush(o->daylog);
		history_tick();
		if (cap_done() && !serve_on)
			return 0;
		if (cap_done() && !said) {
			log_info("end of the capture file: serving its "
			    "statistics until SIGTERM or SIGINT");
			said = 1;
		}
		if (poll(pfd, 2, 1000) == -1)
			continue;
		if (pfd[0].revents & POLLIN && headless_signal(o, sigfd))
			return 0;
		if (pfd[1].revents & POLLIN && read(pfd[1].fd, &v, sizeof v))
			continue;
		if (live)
			stats_tick(time(NULL));
		if (live && log_is_verbose() &&
		    time(NULL) - last_status >= STATUS_EVERY) {
			last_status = time(NULL);
			status_line();
		}
	}
}
