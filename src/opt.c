/*
 * opt.c: table-driven command line. darkstat's options keep their names,
 * arguments and defaults; each may also be written --name=value. The usage
 * text is generated from the table.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "conf.h"
#include "log.h"
#include "opt.h"
#include "xmalloc.h"

#define VERSION	"0.1"

enum kind { FLAG, STR, STR_LIST, NUM, NET, REPORT, WAIT, SECS, PORT, KEEP };

struct opt_def {
	const char	*name;
	const char	*arg;		/* NULL: takes no argument */
	enum kind	 kind;
	size_t		 off;		/* field in struct options */
	size_t		 count_off;	/* STR_LIST: its counter */
	unsigned long	 max;		/* NUM */
	const char	*help;
};

#define O(f)	offsetof(struct options, f)

static const struct opt_def defs[] = {
	{ "-i", "interface", STR_LIST, O(ifaces), O(nifaces), 0,
	    "capture on this interface (repeatable)" },
	{ "-f", "filter", STR_LIST, O(filters), O(nfilters), 0,
	    "BPF filter for the n-th interface (repeatable)" },
	{ "-r", "capfile", STR, O(capfile), 0, 0,
	    "read a pcap or pcapng file instead of capturing" },
	{ "-p", "port", PORT, O(http_port), 0, 65535,
	    "web interface port (default 667, 0 = any free port)" },
	{ "-b", "bindaddr", STR_LIST, O(bind_addrs), O(nbind), 0,
	    "web interface address (repeatable)" },
	{ "-l", "network/netmask", NET, O(nets), O(nnets), 0,
	    "local network, IPv4 or IPv6 (repeatable)" },
	{ "--base", "path", STR, O(base), 0, 0,
	    "URL prefix of the web interface" },
	{ "--local-only", NULL, FLAG, O(local_only), 0, 0,
	    "keep host records only for local hosts" },
	{ "--snaplen", "bytes", NUM, O(snaplen), 0, 262144,
	    "capture length (default: enough for the headers)" },
	{ "--buffer-size", "MiB", NUM, O(buffer_mib), 0, 2047,
	    "kernel capture buffer per interface (default 32)" },
	{ "--pppoe", NULL, FLAG, O(pppoe), 0, 0,
	    "capture headroom for PPPoE (always decoded)" },
	{ "--syslog", NULL, FLAG, O(syslog), 0, 0,
	    "send messages to syslog" },
	{ "--verbose", NULL, FLAG, O(verbose), 0, 0,
	    "debug messages on stderr" },
	{ "--no-daemon", NULL, FLAG, O(no_daemon), 0, 0,
	    "stay in the foreground with --no-tui" },
	{ "--no-promisc", NULL, FLAG, O(no_promisc), 0, 0,
	    "do not put interfaces in promiscuous mode" },
	{ "--no-dns", NULL, FLAG, O(no_dns), 0, 0,
	    "do not resolve host names" },
	{ "--no-macs", NULL, FLAG, O(no_macs), 0, 0,
	    "do not show MAC addresses" },
	{ "--no-lastseen", NULL, FLAG, O(no_lastseen), 0, 0,
	    "do not show last-seen times" },
	{ "--chroot", "dir", STR, O(chroot_dir), 0, 0,
	    "chroot here after start-up" },
	{ "--user", "username", STR, O(user), 0, 0,
	    "drop privileges to this user (default nobody)" },
	{ "--daylog", "filename", STR, O(daylog), 0, 0,
	    "append daily traffic totals to this file" },
	{ "--import", "filename", STR, O(import_file), 0, 0,
	    "read a darkstat database at start-up" },
	{ "--export", "filename", STR, O(export_file), 0, 0,
	    "write the database here on exit (darkstat format)" },
	{ "--history", "filename", STR, O(history), 0, 0,
	    "keep traffic history in this SQLite database" },
	{ "--history-schema", "spec", KEEP, O(history_keep), 0, 0,
	    "history kept (default " HISTORY_KEEP_DEFAULT ")" },
	{ "--pidfile", "filename", STR, O(pidfile), 0, 0,
	    "write the process id here" },
	{ "--hosts-max", "count", NUM, O(hosts_max), 0, 4294967295UL,
	    "hosts kept before eviction (default 1000, 0 = none)" },
	{ "--hosts-keep", "count", NUM, O(hosts_keep), 0, 4294967295UL,
	    "hosts left after eviction (default 500)" },
	{ "--ports-max", "count", NUM, O(ports_max), 0, 65536,
	    "ports per table before eviction (default 60)" },
	{ "--ports-keep", "count", NUM, O(ports_keep), 0, 65536,
	    "ports per table after eviction (default 30)" },
	{ "--highest-port", "port", NUM, O(highest_port), 0, 65535,
	    "ignore ports above this (default 65535)" },
	{ "--conns-max", "count", NUM, O(conns_max), 0, 10000000,
	    "connections tracked (default 16384, 0 = none)" },
	{ "--conn-timeout", "secs", NUM, O(conn_timeout), 0, 86400,
	    "idle time before a connection times out (default 300)" },
	{ "--syn-alarm", "count", NUM, O(syn_alarm), 0, 10000000,
	    "SYN-flood / scan alarm threshold (default 200, 0 = off)" },
	{ "--http-conns", "count", NUM, O(http_conns), 0, 1000000,
	    "web connections served at once (default 16384)" },
	{ "--http-timeout", "secs", NUM, O(http_timeout), 0, 3600,
	    "close idle web connections after this (default 15)" },
	{ "--metrics-hosts", "count", NUM, O(metrics_hosts), 0, 10000000,
	    "hosts in /metrics, the busiest first (default 1000)" },
	{ "--wait", "secs", WAIT, O(wait_secs), 0, 4294967295UL,
	    "wait for a down interface to come up (0 = forever)" },
	{ "--hexdump", NULL, FLAG, O(hexdump), 0, 0,
	    "print every packet in hex (implies --verbose)" },
	{ "--no-tui", NULL, FLAG, O(no_tui), 0, 0,
	    "run without the terminal interface" },
	{ "--report", "text|csv|json", REPORT, O(report), 0, 0,
	    "print the tables on stdout at the end of the run" },
	{ "--delay", "secs", SECS, O(delay), 0, 3600,
	    "terminal refresh interval (default 1, from 0.01)" },
	{ "--ascii", NULL, FLAG, O(ascii), 0, 0,
	    "draw with ASCII only (default: UTF-8 if the locale has it)" },
	{ "--no-mouse", NULL, FLAG, O(no_mouse), 0, 0,
	    "leave the mouse to the terminal (for selecting text)" },
	{ "--realtime", NULL, FLAG, O(realtime), 0, 0,
	    "replay -r at the capture's own pace" },
	{ "-c", "file", STR, O(config), 0, 0,
	    "read options from this file (command line wins)" },
	{ "--config", "file", STR, O(config), 0, 0,
	    "the same as -c" },
	{ "--version", NULL, FLAG, 0, 0, 0, "print the version and exit" },
	{ "--help", NULL, FLAG, 0, 0, 0, "print this help and exit" },
};

#define NDEFS	(sizeof defs / sizeof defs[0])

/*
 * In the configuration file, an option is named by its long name without
 * the dashes; these are the names of the options that only have a short
 * one.
 */
static const struct {
	const char	*conf;
	const char	*name;
} conf_names[] = {
	{ "interface", "-i" },
	{ "filter", "-f" },
	{ "capfile", "-r" },
	{ "port", "-p" },
	{ "bind", "-b" },
	{ "local", "-l" },
};

static struct options opts;
static unsigned char on_cmdline[NDEFS];	/* given on the command line */

const char *
opt_release(void)
{
	return VERSION;
}

const char *
opt_version(void)
{
	static char buf[256];

	snprintf(buf, sizeof buf, "darkstat-tui %s (using %s)", VERSION,
	    pcap_lib_version());
	return buf;
}

void
opt_usage(void *stream)
{
	FILE *f = stream;
	size_t i;

	fprintf(f, "usage: darkstat-tui [options]\n\n");
	for (i = 0; i < NDEFS; i++) {
		char left[64];

		snprintf(left, sizeof left, "%s%s%s", defs[i].name,
		    defs[i].arg ? " " : "", defs[i].arg ? defs[i].arg : "");
		fprintf(f, "  %-28s %s\n", left, defs[i].help);
	}
	fprintf(f, "\nSee darkstat-tui(8).\n");
}

static void
usage_stderr(void)
{
	opt_usage(stderr);
}

static unsigned long
parse_num(const char *name, const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		usage_error("%s: \"%s\" is not a valid number", name, s);
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end != '\0')
		usage_error("%s: \"%s\" is not a valid number", name, s);
	if (errno == ERANGE || v > max)
		usage_error("%s: \"%s\" is out of range (max %lu)", name, s,
		    max);
	return v;
}

static void
set(const struct opt_def *d, const char *val)
{
	char *field = (char *)&opts + d->off;
	int *count = (int *)((char *)&opts + d->count_off);
	const char *why;

	switch (d->kind) {
	case FLAG:
		*(int *)field = 1;
		break;
	case STR:
		if (*(const char **)field != NULL)
			usage_error("%s given twice", d->name);
		*(const char **)field = val;
		break;
	case STR_LIST:
		if (*count == MAX_IFACES)
			usage_error("%s: at most %d allowed", d->name,
			    MAX_IFACES);
		((const char **)field)[(*count)++] = val;
		break;
	case NUM:
		*(unsigned int *)field = (unsigned int)parse_num(d->name, val,
		    d->max);
		break;
	case SECS: {
		char *end;
		double v = strtod(val, &end);

		if (*val == '\0' || *end != '\0' || !(v >= 0.01 &&
		    v <= (double)d->max))
			usage_error("%s: \"%s\" is not a number of seconds "
			    "from 0.01 to %lu", d->name, val, d->max);
		*(double *)field = v;
		break;
	}
	case PORT:
		opts.http_set = 1;
		opts.http_port = (unsigned int)parse_num(d->name, val, d->max);
		break;
	case WAIT:
		opts.wait_set = 1;
		opts.wait_secs = (unsigned int)parse_num(d->name, val, d->max);
		break;
	case NET:
		opts.nets = xreallocarray(opts.nets, opts.nnets + 1,
		    sizeof *opts.nets);
		if (net_parse(val, &opts.nets[opts.nnets], &why) == -1)
			usage_error("-l: \"%s\": %s", val, why);
		opts.nnets++;
		break;
	case KEEP:
		if (history_keep_parse(val, &opts.history_keep, &why) == -1)
			usage_error("%s: \"%s\": %s", d->name, val, why);
		break;
	case REPORT:
		if (strcmp(val, "text") == 0)
			opts.report = REPORT_TEXT;
		else if (strcmp(val, "csv") == 0)
			opts.report = REPORT_CSV;
		else if (strcmp(val, "json") == 0)
			opts.report = REPORT_JSON;
		else
			usage_error("--report: \"%s\" is not text, csv or json",
			    val);
		break;
	}
}

static const struct opt_def *
lookup(const char *arg, const char **inline_val)
{
	size_t i, n;

	*inline_val = NULL;
	for (i = 0; i < NDEFS; i++) {
		n = strlen(defs[i].name);
		if (strncmp(arg, defs[i].name, n) != 0)
			continue;
		if (arg[n] == '\0')
			return &defs[i];
		if (arg[n] == '=' && defs[i].arg != NULL && arg[1] == '-') {
			*inline_val = arg + n + 1;
			return &defs[i];
		}
	}
	return NULL;
}

/* darkstat's rule: keep must be below max, else it becomes max/2. */
static void
check_keep(const char *kname, unsigned int *keep, const char *mname,
    unsigned int max)
{
	if (max != 0 && *keep >= max) {
		*keep = max / 2;
		log_warnx("reducing %s to %u, to be under %s (%u)", kname,
		    *keep, mname, max);
	}
}

static const struct opt_def *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NDEFS; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

static int
given(const char *name)
{
	return on_cmdline[find(name) - defs];
}

static const struct opt_def *
conf_lookup(const char *key)
{
	char name[64];
	size_t i;

	for (i = 0; i < sizeof conf_names / sizeof conf_names[0]; i++)
		if (strcmp(key, conf_names[i].conf) == 0)
			return find(conf_names[i].name);
	if (strlen(key) == 1)	/* "-i" is "interface" in the file */
		return NULL;
	snprintf(name, sizeof name, "--%s", key);
	return find(name);
}

/*
 * One line of the configuration file. The command line wins: an option
 * given there is skipped here, and a list given there (-i, -l...) replaces
 * the file's. A source given there (-i or -r) replaces the file's source
 * with its filters.
 */
static void
conf_set(const char *key, const char *val, const char *where)
{
	const struct opt_def *d = conf_lookup(key);
	const char *n;

	log_usage_where(where);
	if (d == NULL)
		usage_error("unknown option \"%s\"", key);
	n = d->name;
	if (strcmp(n, "--help") == 0 || strcmp(n, "--version") == 0 ||
	    strcmp(n, "-c") == 0 || strcmp(n, "--config") == 0)
		usage_error("\"%s\" can't be used in a configuration file",
		    key);
	if (d->arg == NULL && val != NULL)
		usage_error("%s takes no value", key);
	if (d->arg != NULL && val == NULL)
		usage_error("%s needs a value (%s)", key, d->arg);
	if (on_cmdline[d - defs] || ((strcmp(n, "-i") == 0 ||
	    strcmp(n, "-f") == 0 || strcmp(n, "-r") == 0) &&
	    (given("-i") || given("-r")))) {
		log_usage_where(NULL);
		return;
	}
	set(d, val);
	log_usage_where(NULL);
}

static void
read_config(void)
{
	/* A bad line is not a bad command line: no usage text. */
	log_usage_hook = NULL;
	conf_read(opts.config, conf_set);
	log_usage_hook = usage_stderr;
}

struct options *
opt_parse(int argc, char **argv)
{
	const char *why;
	int i;

	log_usage_hook = usage_stderr;
	opts.hosts_max = 1000;
	opts.hosts_keep = 500;
	opts.ports_max = 60;
	opts.ports_keep = 30;
	opts.highest_port = 65535;
	opts.http_port = 667;
	opts.delay = 1;
	opts.conns_max = 16384;
	opts.buffer_mib = 32;
	opts.conn_timeout = 300;
	opts.syn_alarm = 200;
	opts.http_conns = 16384;
	opts.http_timeout = 15;
	opts.metrics_hosts = 1000;
	if (history_keep_parse(HISTORY_KEEP_DEFAULT, &opts.history_keep,
	    &why) == -1)
		fatalx("default history schema: %s", why);
	for (i = 1; i < argc; i++) {
		const struct opt_def *d;
		const char *val;

		if ((d = lookup(argv[i], &val)) == NULL)
			usage_error("unknown option \"%s\"", argv[i]);
		if (strcmp(d->name, "--help") == 0) {
			printf("%s\n\n", opt_version());
			opt_usage(stdout);
			exit(0);
		}
		if (strcmp(d->name, "--version") == 0) {
			printf("%s\n", opt_version());
			exit(0);
		}
		if (d->arg != NULL && val == NULL) {
			if (i + 1 == argc)
				usage_error("%s needs an argument (%s)",
				    d->name, d->arg);
			val = argv[++i];
		}
		set(d, val);
		on_cmdline[d - defs] = 1;
	}
	if (opts.config != NULL)
		read_config();
	if (opts.capfile != NULL && opts.nifaces > 0)
		usage_error("can't specify both interface (-i) and capture "
		    "file (-r)");
	/* curses reads the terminal database after start-up. */
	if (opts.chroot_dir != NULL && !opts.no_tui)
		usage_error("--chroot needs --no-tui");
	if (opts.nfilters > 1 && opts.nfilters > opts.nifaces)
		usage_error("%d filters (-f) for %d interfaces (-i)",
		    opts.nfilters, opts.nifaces);
	check_keep("--hosts-keep", &opts.hosts_keep, "--hosts-max",
	    opts.hosts_max);
	check_keep("--ports-keep", &opts.ports_keep, "--ports-max",
	    opts.ports_max);
	if (opts.nbind > 0)
		opts.http_set = 1;
	if (opts.http_conns == 0 || opts.http_timeout == 0)
		usage_error("%s: \"0\" is out of range (min 1)",
		    opts.http_conns == 0 ? "--http-conns" : "--http-timeout");
	if (opts.hexdump)
		opts.verbose = opts.no_daemon = 1;
	return &opts;
}
