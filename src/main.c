/*
 * main.c: start-up order, signal routing and shutdown.
 *
 * Start-up: parse options, go to the background (daemon.c), open the
 * capture sources (root), block the signals every thread inherits, drop
 * privileges (priv.c), start the capture threads, run the main loop.
 * Shutdown: stop and join the capture threads, then write the final export
 * and report from a snapshot.
 */
#include <sys/signalfd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cap.h"
#include "conns.h"
#include "daemon.h"
#include "daylog.h"
#include "db.h"
#include "dns.h"
#include "headless.h"
#include "history.h"
#include "http/http.h"
#include "hosts.h"
#include "log.h"
#include "opt.h"
#include "priv.h"
#include "report.h"
#include "stats.h"
#include "tables.h"
#include "ui/ui.h"
#include "xmalloc.h"

/*
 * Block the signals we handle before any thread starts, so that only the
 * main loop sees them, through a signalfd.
 */
static int
signals_setup(void)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		fatalx("pthread_sigmask failed");
	if ((fd = signalfd(-1, &set, SFD_CLOEXEC)) == -1)
		fatal("signalfd");
	signal(SIGPIPE, SIG_IGN);
	return fd;
}

/*
 * --import: a missing file is a notice and an empty start. A corrupt one
 * is reported and renamed out of the way, so that no later export can
 * overwrite it; the program starts empty, as darkstat does.
 */
static void
import_db(const char *path, const struct acct_limits *l,
    const char *export_file)
{
	struct tables t;
	char err[256], *kept;
	size_t len;

	tables_init(&t, NULL);
	switch (db_import(&t, path, l, err, sizeof err)) {
	case DB_OK:
		stats_load(&t);
		log_debug("imported \"%s\"", path);
		return;
	case DB_MISSING:
		log_warnx("can't import \"%s\": %s; starting empty", path, err);
		break;
	case DB_UNREADABLE:
		/* It may be fine: never let an export replace it. */
		if (export_file != NULL && strcmp(export_file, path) == 0)
			fatalx("can't read \"%s\" (%s), and --export would "
			    "replace it", path, err);
		log_warnx("can't import \"%s\": %s; starting empty", path, err);
		break;
	case DB_CORRUPT:
		len = strlen(path) + 32;
		kept = xmalloc(len);
		snprintf(kept, len, "%s.corrupt-%lld", path, (long long)time(NULL));
		if (rename(path, kept) == -1) {
			if (export_file != NULL && strcmp(export_file, path) == 0)
				fatal("\"%s\" is corrupt (%s) and can't be "
				    "renamed out of the way of --export", path,
				    err);
			log_warnx("\"%s\" is corrupt (%s); starting empty",
			    path, err);
		} else
			log_warnx("\"%s\" is corrupt (%s); starting empty, "
			    "the file is kept as \"%s\"", path, err, kept);
		free(kept);
		break;
	}
	tables_destroy(&t);
}

static struct acct_limits
limits_of(const struct options *o)
{
	struct acct_limits l = {
		.hosts_max = o->hosts_max,
		.hosts_keep = o->hosts_keep,
		.ports_max = o->ports_max,
		.ports_keep = o->ports_keep,
		.highest_port = o->highest_port,
		.local_only = o->local_only,
		.conns = { o->conns_max, o->conn_timeout, o->syn_alarm },
	};
	return l;
}

/*
 * A read error ends a source. After some packets (a capture file cut
 * short) what was read is kept and reported; before any, the source was
 * unreadable. An interface that went away was reported then; if none is
 * left (ended: before any signal), the run failed.
 */
static int
report_errors(int ended)
{
	struct cap_info ci;
	int i;

	for (i = 0; i < cap_count(); i++) {
		cap_info(i, &ci);
		if (ci.live && ended && i == 0) {
			log_warnx("no interface left to capture on");
			return 1;
		}
		if (ci.error == NULL || ci.live)
			continue;
		if (ci.frames == 0)
			fatalx("%s: %s", ci.name, ci.error);
		log_warnx("%s: %s; kept the %llu packets before it", ci.name,
		    ci.error, (unsigned long long)ci.frames);
	}
	return 0;
}

/* --verbose: what was counted, and every reason a frame was not. */
static void
log_totals(const struct tables *t)
{
	const struct totals *s = &t->totals;
	size_t n = hosts_count(t->hosts), mem = hosts_memory(t->hosts);
	int r;

	log_debug("total packets: %llu, bytes: %llu",
	    (unsigned long long)s->packets, (unsigned long long)s->bytes);
	log_debug("%zu hosts in %zu bytes of tables (%zu bytes/host)", n, mem,
	    n ? mem / n : 0);
	log_debug("%zu connections tracked, %llu evicted; the alarm was "
	    "raised %llu times", conns_count(t->conns), (unsigned long long)
	    conns_evicted(t->conns), (unsigned long long)
	    conns_alarm(t->conns)->raised);
	for (r = REASON_NOT_IP; r < REASON_COUNT; r++)
		if (s->reasons[r] != 0)
			log_debug("%s %s: %llu frames",
			    r < REASON_FIRST_MALFORMED ? "skipped" : "malformed",
			    decode_reason_name(r),
			    (unsigned long long)s->reasons[r]);
}

int
main(int argc, char **argv)
{
	struct options *o = opt_parse(argc, argv);
	struct acct_limits l;
	struct tables *t;
	int sigfd, ended, status;

	log_init("darkstat-tui", o->verbose, o->syslog);
	if (o->capfile == NULL && o->nifaces == 0) {
		char *def = cap_default_iface();

		if (def == NULL)
			fatalx("no interface is up: name one with -i");
		o->ifaces[o->nifaces++] = def;
		log_debug("capturing on \"%s\"", def);
	}
	if (o->local_only && o->nnets == 0 && o->capfile != NULL)
		log_debug("--local-only without -l only matches the local "
		    "host");
	if (!o->no_tui && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		fatalx("the terminal interface needs a terminal: use --no-tui");
	priv_init(o);
	if (daemon_wanted(o))
		daemon_start(o);
	l = limits_of(o);
	stats_init(&l);
	/* Before any chroot or change of user: it stays open. */
	if (o->history != NULL)
		history_open(o->history, &o->history_keep, o->capfile != NULL);
	cap_open(o);
	if (http_wanted(o))
		http_open(o);
	sigfd = signals_setup();
	daemon_pidfile(o);
	/*
	 * sockets and capture handles are open: drop root. Whatever needs
	 * root (http_open() binding port 667) comes before this.
	 */
	priv_drop(o);
	if (o->import_file != NULL)
		import_db(o->import_file, &l, o->export_file);
	if (o->daylog != NULL && o->capfile == NULL)
		daylog_start(o->daylog, time(NULL));
	cap_start();
	daemon_ready();
	/* Names for the views: the terminal's and the web pages. */
	if (!o->no_dns && (!o->no_tui || http_wanted(o)))
		dns_start();
	if (http_wanted(o))
		http_start();
	if (o->no_tui)
		headless_run(o, sigfd);
	else
		ui_run(o, sigfd);
	http_stop();
	dns_stop();
	ended = cap_done();	/* by themselves, not stopped */
	cap_stop();
	status = report_errors(ended);
	history_close();	/* the last minutes, from the stopped engine */
	t = stats_take();
	if (o->daylog != NULL)	/* replays end at their last packet */
		daylog_stop(o->daylog, &t->days, o->capfile ?
		    t->totals.last_ts : (int64_t)time(NULL));
	if (o->export_file != NULL && db_export(t, o->export_file) == -1)
		status = 1;
	if (o->report != REPORT_NONE)
		report_write(stdout, o, t);
	if (log_is_verbose())
		log_totals(t);
	tables_free(t);
	cap_close();
	stats_shutdown();
	daemon_pidfile_remove();
	close(sigfd);
	return status;
}
