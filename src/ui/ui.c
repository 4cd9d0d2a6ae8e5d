/*
 * ui.c: the terminal interface's main loop: curses set-up and teardown,
 * the refresh cadence, the header, tab bar, reconciliation line and
 * footer, prompts (filter, search, reset) and key dispatch to the views.
 *
 * It runs on the main thread and reads the engine only through
 * stats_snapshot(): the capture threads are never waited on.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cap.h"
#include "conns.h"
#include "daylog.h"
#include "filter.h"
#include "headless.h"
#include "history.h"
#include "hosts.h"
#include "log.h"
#include "stats.h"
#include "tables.h"
#include "ui.h"
#include "view.h"
#include "xmalloc.h"

#define MIN_W	40
#define MIN_H	10
#define PCAP_ERR_LEN	512

enum { V_HOSTS, V_PORTS, V_PROTOS, V_CONNS, V_GRAPHS, V_IFACES, NVIEWS };
static const int view_digit[NVIEWS] = { '1', '2', '3', '4', '5', '6' };
/* The detail pages, opened with Enter. */
enum { D_NONE, D_HOST, D_CONN };

static const char *const tab_names[NVIEWS] = { "Hosts", "Ports",
    "Protocols", "Conns", "Graphs", "Interfaces" };

enum prompt { P_NONE, P_FILTER, P_SEARCH, P_BPF, P_RESET, P_EXPORT };

struct ui {
	const struct options	*o;
	struct ui_state		 st;
	struct view		*views[NVIEWS];
	struct view		*detail;	/* a host's page */
	struct view		*cdetail;	/* a connection's page */
	int			 cur;
	int			 in_detail;
	struct addr		 detail_addr;
	int			 paused;
	int			 help;
	int			 quit;
	enum prompt		 prompt;
	char			 line[128];	/* prompt being edited */
	char			 filter_text[128];
	char			 filter_before[128];	/* for Esc */
	char			 msg[256];	/* status line message */
	time_t			 msg_time;
	double			 last_snap;	/* wall time of the snapshot */
	double			 start;
	uint64_t		 prev_bytes;	/* for the total rate */
	double			 rate;
	/* frame timing, logged by --verbose at exit (a benchmark) */
	uint64_t		 frames;
	double			 frame_sum;
	double			 frame_max;
	double			 snap_cost;	/* snapshot + update, this frame */
};

/*
 * Colours carry meaning, and each has a text equivalent beside it: the
 * state word, the drop percentage, "error:". NO_COLOR turns them off.
 */
enum { PAIR_ALERT = 1, PAIR_GOOD, PAIR_WARN, PAIR_ACCENT };
static int colours;

static void
colour(int pair, int on)
{
	if (!colours)
		return;
	if (on)
		attron(COLOR_PAIR(pair));
	else
		attroff(COLOR_PAIR(pair));
}

static pthread_mutex_t	msg_mtx = PTHREAD_MUTEX_INITIALIZER;
static char		log_line[256];	/* latest log message, any thread */

static double
now_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
log_to_ui(const char *line)
{
	pthread_mutex_lock(&msg_mtx);
	snprintf(log_line, sizeof log_line, "%s", line);
	pthread_mutex_unlock(&msg_mtx);
}

static void
teardown(void)
{
	if (!isendwin())
		endwin();
}

static void
say(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_time = time(NULL);
}

static struct view *
active(struct ui *u)
{
	return u->in_detail == D_HOST ? u->detail : u->in_detail == D_CONN ?
	    u->cdetail : u->views[u->cur];
}

static void refresh_snapshot(struct ui *, int);

/* Take a new snapshot (unless paused) and let the active view use it. */
static void
refresh_data(struct ui *u, int force)
{
	double t = now_wall();

	refresh_snapshot(u, force);
	u->snap_cost += now_wall() - t;
}

static void
refresh_snapshot(struct ui *u, int force)
{
	double t = now_wall();
	/*
	 * Only the Ports and Protocols views and a port:/proto: filter need
	 * every host's tables; with 100k hosts the summary is several times
	 * cheaper, for the capture too.
	 */
	int need_full = (u->in_detail == D_NONE && (u->cur == V_PORTS ||
	    u->cur == V_PROTOS)) || filter_needs_tables(u->st.filter);
	/* The Conns view and the detail pages list connections. */
	int need_conns = u->cur == V_CONNS || u->in_detail != D_NONE;
	/* Paused, the data stays as it was, unless a view needs more. */
	int fresh = !u->paused || u->st.snap == NULL || (need_full &&
	    !u->st.full) || (need_conns && !u->st.conns);

	if (u->paused && !force)
		return;
	if (fresh) {
		tables_free(u->st.snap);
		u->st.full = need_full;
		u->st.conns = need_full || need_conns;
		u->st.snap = need_full ? stats_snapshot() :
		    stats_snapshot_summary(need_conns);
		u->st.dt = u->last_snap ? t - u->last_snap : 0;
		u->st.seq++;
		u->st.now = u->o->capfile ? u->st.snap->totals.last_ts :
		    (int64_t)time(NULL);
		u->rate = u->st.dt > 0 && u->st.snap->totals.bytes >=
		    u->prev_bytes ? (double)(u->st.snap->totals.bytes -
		    u->prev_bytes) / u->st.dt : 0;
		u->prev_bytes = u->st.snap->totals.bytes;
		u->last_snap = t;
	}
	if (fresh || (u->in_detail == D_HOST && u->st.detail == NULL)) {
		hosts_free(u->st.detail);
		u->st.detail = u->in_detail == D_HOST ?
		    stats_snapshot_host(&u->detail_addr) : NULL;
	}
	active(u)->update(active(u), &u->st);
}

/* ---------------------------------------------------------------- header */

/* Average of the n complete seconds before the current one. */
static double
avg_secs(const struct graph *g, int n, int out)
{
	uint64_t sum = 0;
	int i;

	for (i = 1; i <= n; i++) {
		const struct graph_bar *b = &g->bar[(g->pos + 60 - i) % 60];

		sum += out ? b->out : b->in;
	}
	return (double)sum / n;
}

static void
sparkline(struct ui *u, int y, int x, int w, const struct graph *g, int out)
{
	static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = " .:-=+*#";
	uint64_t max = 1, v;
	int i, n = w < 60 ? w : 60, level;

	for (i = 0; i < 60; i++) {
		v = out ? g->bar[i].out : g->bar[i].in;
		if (v > max)
			max = v;
	}
	for (i = 0; i < n; i++) {
		const struct graph_bar *b = &g->bar[(g->pos + 60 - n + 1 + i) % 60];

		v = out ? b->out : b->in;
		level = (int)(v * 7 / max);
		if (u->st.ascii) {
			mvaddch(y, x + i, (chtype)ascii[v ? level + 1 > 7 ? 7 :
			    level + 1 : 0]);
		} else if (v)
			mvaddstr(y, x + i, blocks[level]);
		else
			mvaddch(y, x + i, ' ');
	}
}

static void
rate_line(struct ui *u, int y, int w, const char *label, int out)
{
	const struct graph *g = &u->st.snap->graphs.g[GRAPH_SECS];
	const struct totals *s = &u->st.snap->totals;
	char a[FMT_LEN], b[FMT_LEN], c[FMT_LEN], d[FMT_LEN], e[FMT_LEN];
	char f[FMT_LEN], text[192];
	double peak = 0;
	int i, spark = w >= 140 ? 60 : w >= 90 ? 30 : 0;

	for (i = 1; i < 60; i++) {
		const struct graph_bar *bar = &g->bar[(g->pos + 60 - i) % 60];
		double v = (double)(out ? bar->out : bar->in);

		if (v > peak)
			peak = v;
	}
	mvaddstr(y, 0, label);
	colour(PAIR_ACCENT, 1);
	if (spark)
		sparkline(u, y, 5, spark, g, out);
	colour(PAIR_ACCENT, 0);
	snprintf(text, sizeof text, "cur %s  2s %s  10s %s  40s %s  peak %s  "
	    "tot %s", fmt_rate(f, avg_secs(g, 1, out), u->st.units),
	    fmt_rate(a, avg_secs(g, 2, out), u->st.units),
	    fmt_rate(b, avg_secs(g, 10, out), u->st.units),
	    fmt_rate(c, avg_secs(g, 40, out), u->st.units),
	    fmt_rate(d, peak, u->st.units),
	    fmt_bytes(e, out ? s->local_out_bytes : s->local_in_bytes,
	    u->st.units));
	mvaddnstr(y, 6 + spark, text, w - 6 - spark);
}

static void
draw_header(struct ui *u, int w)
{
	const struct totals *s = &u->st.snap->totals;
	char line[512], ifs[128] = "", a[FMT_LEN], b[FMT_LEN], c[FMT_LEN];
	char r[FMT_LEN], t[FMT_LEN], bpf[128];
	uint64_t recv = 0, drop = 0;
	struct cap_info ci;
	const char *state;
	int i, done = cap_done();

	for (i = 0; i < cap_count(); i++) {
		cap_info(i, &ci);
		recv += ci.received;
		drop += ci.dropped;
		snprintf(ifs + strlen(ifs), sizeof ifs - strlen(ifs), "%s%s",
		    i ? "," : "", u->o->capfile ? "file" : ci.name);
	}
	cap_filter_text(bpf, sizeof bpf);
	state = u->paused ? "PAUSED" : u->o->capfile ? (done ? "FILE done" :
	    "FILE") : "LIVE";
	/* Least important last: a narrow terminal cuts the rate first. */
	snprintf(line, sizeof line, "%s  %s %s  pkts %s "
	    "bytes %s  drop %s (%.2f%%)  bpf: %s  rate %s", ifs,
	    u->o->capfile ? "span" : "up", fmt_uptime(a, u->o->capfile ?
	    s->last_ts - s->first_ts : (int64_t)(now_wall() - u->start)),
	    fmt_count(b, s->packets), fmt_bytes(t, s->bytes, u->st.units),
	    fmt_count(c, drop), recv + drop ? 100.0 * (double)drop /
	    (double)(recv + drop) : 0.0, bpf[0] ? bpf : "none",
	    fmt_rate(r, u->rate, u->st.units));
	i = (int)strlen(state) + 2;
	attron(A_BOLD);
	mvhline(0, 0, ' ', w);
	mvaddnstr(0, 0, line, w > i + 20 ? w - i - 1 : w);
	if (w > i + 20) {
		int pair = u->paused ? PAIR_WARN : u->o->capfile ? 0 :
		    PAIR_GOOD;

		colour(pair, 1);
		mvprintw(0, w - i, "[%s]", state);
		colour(pair, 0);
	}
	attroff(A_BOLD);
	if (recv + drop > 0 && drop * 1000 > recv + drop) {	/* > 0.1% */
		char *d = strstr(line, "drop ");

		if (d != NULL && d - line < w) {
			colour(PAIR_ALERT, 1);
			attron(A_BOLD);
			mvaddnstr(0, (int)(d - line), d, (int)strcspn(d, ")") + 1);
			attroff(A_BOLD);
			colour(PAIR_ALERT, 0);
		}
	}
	rate_line(u, 1, w, " in ", 0);
	rate_line(u, 2, w, " out", 1);
}

/* The SYN-flood / scan alarm, at the right of the tab bar. */
static void
draw_alarm(struct ui *u, int y, int w)
{
	const struct conn_alarm *a = conns_alarm(u->st.snap->conns);
	char text[128], s[ADDR_STRLEN];
	int len;

	if (a->kind == ALARM_NONE)
		return;
	len = snprintf(text, sizeof text, " ALARM: %s %s (%u %s) ",
	    a->kind == ALARM_FLOOD ? "SYN flood on" : "scan from",
	    addr_str(&a->addr, s), a->count, a->kind == ALARM_FLOOD ?
	    "half-open" : "ports/10s");
	if (len >= w)
		return;
	colour(PAIR_ALERT, 1);
	attron(A_BOLD | A_REVERSE);
	mvaddstr(y, w - len, text);
	attroff(A_BOLD | A_REVERSE);
	colour(PAIR_ALERT, 0);
}

static void
draw_tabs(struct ui *u, int y, int w)
{
	const char *const *names = tab_names;
	const char *sort;
	int i, x = 0, desc = 0;

	mvhline(y, 0, ' ', w);
	for (i = 0; i < NVIEWS && x < w; i++) {
		char tab[32];

		snprintf(tab, sizeof tab, "%s%c %s%s ", i == u->cur ? "[" : " ",
		    view_digit[i], names[i], i == u->cur ? "]" : " ");
		if (i == u->cur && !u->in_detail)
			attron(A_BOLD);
		mvaddnstr(y, x, tab, w - x);
		attroff(A_BOLD);
		x += (int)strlen(tab);
	}
	if (u->in_detail && x + 14 < w) {
		attron(A_BOLD);
		mvaddstr(y, x, u->in_detail == D_HOST ? "[Host]" :
		    "[Connection]");
		attroff(A_BOLD);
		x += u->in_detail == D_HOST ? 7 : 13;
	}
	if (u->filter_text[0] && x + 10 < w) {
		mvprintw(y, x + 1, "filter: %.*s", w - x - 10, u->filter_text);
		x += 10 + (int)strlen(u->filter_text);
	}
	sort = active(u)->sort_name ? active(u)->sort_name(active(u), &desc) :
	    NULL;
	if (sort && x + 16 < w)
		mvprintw(y, x + 2, "sort: %s%s", sort, u->st.ascii ? (desc ?
		    "v" : "^") : (desc ? "\u25bc" : "\u25b2"));
	draw_alarm(u, y, w);	/* over the rest: it matters most */
}

/* ---------------------------------------------------------------- footer */

static const char *const help_text[] = {
	"darkstat-tui keys",
	"",
	"  F1 h ?        this help (any key closes it)",
	"  q F10         quit (Ctrl-C too)",
	"  Tab S-Tab     next / previous view",
	"  1 2 3 4 5 6   Hosts, Ports, Protocols, Conns, Graphs, Interfaces",
	"  Up Down j k   move the selection; PgUp PgDn, Home End (g G)",
	"  Enter         host or connection detail; Esc or Backspace: back",
	"  m             Conns: more columns (RTT, retransmissions, 0-window)",
	"  C             Conns: clear closed, reset and timed-out rows",
	"  H             Graphs: history of 7, 31, 365 days (--history)",
	"  < > F6        sort by the previous / next column",
	"  I             invert the sort order",
	"  \\ F4          display filter (PCRE2; host: port: proto: mac:)",
	"  / F3          search: jump to the next matching host",
	"  f             change the BPF capture filter (checked first)",
	"  Esc           clear the filter / leave the detail",
	"  Space F7      pause the display (counting goes on)",
	"  u F8          units: bytes (K=1024), bytes (kB=1000), bits",
	"  n             host names (reverse DNS) on/off",
	"  N             service names on/off",
	"  E F9          export the current view as CSV or JSON",
	"  R             reset all counters (asks first)",
	"  Ctrl-L        redraw",
	NULL
};

static void
draw_help(int h, int w)
{
	int i;

	for (i = 0; help_text[i] != NULL && i + 1 < h; i++) {
		mvhline(i + 1, 0, ' ', w);
		mvaddnstr(i + 1, 2, help_text[i], w - 2);
	}
}

static void
draw_footer(struct ui *u, int y, int w)
{
	static const char keys[] = "F1Help F3Search F4Filter F6Sort "
	    "F7Pause F8Units F9Export F10Quit";
	char line[300];

	mvhline(y, 0, ' ', w);
	if (u->prompt == P_FILTER || u->prompt == P_SEARCH ||
	    u->prompt == P_BPF) {
		const char *what = u->prompt == P_FILTER ? "filter" :
		    u->prompt == P_SEARCH ? "search" : "capture filter (BPF)";
		int x = (int)strlen(what) + 2 + (int)strlen(u->line) + 2;

		mvprintw(y, 0, "%s: %.*s", what, w - 10, u->line);
		if (u->msg[0] && time(NULL) - u->msg_time < 5 && x < w) {
			colour(PAIR_ALERT, 1);
			mvaddnstr(y, x, u->msg, w - x);
			colour(PAIR_ALERT, 0);
		}
		return;
	}
	if (u->prompt == P_RESET || u->prompt == P_EXPORT) {
		mvaddnstr(y, 0, u->prompt == P_RESET ? "reset all counters? "
		    "(y/n)" : "export this view as (c)sv or (j)son?", w);
		return;
	}
	pthread_mutex_lock(&msg_mtx);
	if (log_line[0] && !u->msg[0])
		say(u, "%s", log_line);
	log_line[0] = '\0';
	pthread_mutex_unlock(&msg_mtx);
	snprintf(line, sizeof line, "%s", u->msg[0] && time(NULL) - u->msg_time
	    < 5 ? u->msg : keys);
	attron(A_REVERSE);
	mvaddnstr(y, 0, line, w);
	attroff(A_REVERSE);
}

static void
draw(struct ui *u)
{
	int h, w, body;
	struct view *v = active(u);
	char line[160];

	getmaxyx(stdscr, h, w);
	erase();
	if (w < MIN_W || h < MIN_H) {
		mvprintw(0, 0, "terminal too small (%dx%d)", w, h);
		refresh();
		return;
	}
	draw_header(u, w);
	draw_tabs(u, 3, w);
	body = h - 6;
	if (u->help)
		draw_help(h - 1, w);
	else
		v->draw(v, &u->st, stdscr, 4, body, w);
	if (!u->help && !u->in_detail && v->sort_name != NULL) {
		snprintf(line, sizeof line, "%zu shown, %zu filtered out, %llu "
		    "evicted", v->shown, v->filtered, (unsigned long long)
		    (u->cur == V_CONNS ? conns_evicted(u->st.snap->conns) :
		    u->st.snap->totals.hosts_evicted));
		mvaddnstr(h - 2, 0, line, w);
	}
	draw_footer(u, h - 1, w);
	refresh();
}

/* ---------------------------------------------------------------- keys */

/* Apply the filter being typed; a bad pattern keeps the previous one. */
static void
try_filter(struct ui *u, const char *text)
{
	char err[200];
	struct filter *f;

	if (text[0] == '\0') {
		filter_free(u->st.filter);
		u->st.filter = NULL;
		u->filter_text[0] = '\0';
		u->msg[0] = '\0';
		return;
	}
	if ((f = filter_compile(text, err, sizeof err)) == NULL) {
		say(u, "error: %s", err);
		return;
	}
	filter_free(u->st.filter);
	u->st.filter = f;
	snprintf(u->filter_text, sizeof u->filter_text, "%s", text);
	u->msg[0] = '\0';
}

static void
search(struct ui *u, const char *text)
{
	char err[200];
	struct filter *f;

	if (text[0] == '\0')
		return;
	if ((f = filter_compile(text, err, sizeof err)) == NULL) {
		say(u, "error: %s", err);
		return;
	}
	if (!hosts_view_search(u->views[V_HOSTS], f))
		say(u, "no host matches \"%s\"", text);
	filter_free(f);
}

static void
export_view(struct ui *u, int json)
{
	struct view *v = active(u);
	char name[96];
	time_t t = time(NULL);
	struct tm tm;
	FILE *f;

	if (v->export == NULL) {
		say(u, "this view has no rows to export");
		return;
	}
	localtime_r(&t, &tm);
	snprintf(name, sizeof name, "darkstat-tui-%s-", v->name);
	strftime(name + strlen(name), sizeof name - strlen(name),
	    json ? "%Y%m%d-%H%M%S.json" : "%Y%m%d-%H%M%S.csv", &tm);
	if ((f = fopen(name, "w")) == NULL) {
		say(u, "can't write %s: %s", name, strerror(errno));
		return;
	}
	v->export(v, f, json);
	if (fclose(f) == EOF)
		say(u, "can't write %s: %s", name, strerror(errno));
	else
		say(u, "wrote %s", name);
}

static void
prompt_key(struct ui *u, int k)
{
	size_t n = strlen(u->line);
	enum prompt p = u->prompt;

	if (p == P_EXPORT) {
		u->prompt = P_NONE;
		if (k == 'c' || k == 'j')
			export_view(u, k == 'j');
		return;
	}
	if (p == P_RESET) {
		if (k == 'y' || k == 'Y') {
			stats_reset();
			say(u, "counters reset");
		}
		u->prompt = P_NONE;
		return;
	}
	if (k == 27) {		/* Esc: cancel, back to the filter before */
		u->prompt = P_NONE;
		if (p == P_FILTER) {
			try_filter(u, u->filter_before);
			refresh_data(u, 1);
		}
		u->msg[0] = '\0';
		return;
	}
	if (k == '\n' || k == '\r' || k == KEY_ENTER) {
		char err[PCAP_ERR_LEN];

		if (p == P_BPF && cap_set_filter(u->line, err, sizeof err)) {
			say(u, "error: %s", err);	/* the old one stays */
			return;
		}
		u->prompt = P_NONE;
		if (p == P_SEARCH)
			search(u, u->line);
		if (p == P_BPF)
			say(u, "capture filter set to \"%s\"", u->line);
		return;
	}
	if ((k == KEY_BACKSPACE || k == 127 || k == 8) && n > 0)
		u->line[n - 1] = '\0';
	else if (k == 21)	/* Ctrl-U: clear the line */
		u->line[0] = '\0';
	else if (k >= 32 && k < 127 && n + 1 < sizeof u->line) {
		u->line[n] = (char)k;
		u->line[n + 1] = '\0';
	} else
		return;
	if (p == P_FILTER) {
		char keep[sizeof u->filter_text];

		/* As you type: a bad pattern shows its error, nothing else. */
		snprintf(keep, sizeof keep, "%s", u->filter_text);
		try_filter(u, u->line);
		if (!u->msg[0])
			refresh_data(u, 1);
		else
			snprintf(u->filter_text, sizeof u->filter_text, "%s", keep);
	}
}


/* Enter on a host or a connection: its detail page. */
static void
open_detail(struct ui *u)
{
	if (u->cur == V_CONNS) {
		const struct conn *c = conns_view_selected(u->views[V_CONNS]);

		if (c == NULL)
			return;
		conn_detail_set(u->cdetail, c);
		u->in_detail = D_CONN;
		refresh_data(u, 1);
		return;
	}
	if (!hosts_view_selected(u->views[V_HOSTS], &u->detail_addr))
		return;
	detail_view_set(u->detail, &u->detail_addr);
	u->in_detail = D_HOST;
	hosts_free(u->st.detail);	/* another host's, maybe */
	u->st.detail = NULL;
	refresh_data(u, 1);
}

static void
switch_view(struct ui *u, int i)
{
	u->cur = (i + NVIEWS) % NVIEWS;
	u->in_detail = D_NONE;
	refresh_data(u, 1);
}

static void
global_key(struct ui *u, int k)
{
	int i;

	switch (k) {
	case 'q':
	case KEY_F(10):
		u->quit = 1;
		return;
	case KEY_F(1):
	case 'h':
	case '?':
		u->help = 1;
		return;
	case '\t':
		switch_view(u, u->cur + 1);
		return;
	case KEY_BTAB:
		switch_view(u, u->cur - 1);
		return;
	case 'C':
		stats_conns_clear_closed();
		refresh_data(u, 1);
		return;
	case ' ':
	case KEY_F(7):
		u->paused = !u->paused;
		return;
	case 'u':
	case KEY_F(8):
		u->st.units = (u->st.units + 1) % UNITS_COUNT;
		say(u, "units: %s", fmt_units_name[u->st.units]);
		return;
	case 'N':
		u->st.services = !u->st.services;
		return;
	case 'n':
		if (u->o->no_dns)
			say(u, "host names are off (--no-dns)");
		else
			u->st.names = !u->st.names;
		refresh_data(u, 1);
		return;
	case '\\':
	case KEY_F(4):
		u->prompt = P_FILTER;
		snprintf(u->line, sizeof u->line, "%s", u->filter_text);
		snprintf(u->filter_before, sizeof u->filter_before, "%s",
		    u->filter_text);
		return;
	case '/':
	case KEY_F(3):
		u->prompt = P_SEARCH;
		u->line[0] = '\0';
		if (u->in_detail || u->cur != V_HOSTS)
			switch_view(u, V_HOSTS);
		return;
	case 'f':
		u->prompt = P_BPF;
		cap_filter_text(u->line, sizeof u->line);
		return;
	case 'E':
	case KEY_F(9):
		u->prompt = P_EXPORT;
		return;
	case 'R':
		u->prompt = P_RESET;
		return;
	case 12:	/* Ctrl-L */
		clearok(stdscr, TRUE);
		return;
	case 27:
	case KEY_BACKSPACE:
	case 127:
		if (u->in_detail)
			switch_view(u, u->cur);
		else if (k == 27 && u->filter_text[0]) {
			try_filter(u, "");
			refresh_data(u, 1);
		}
		return;
	}
	for (i = 0; i < NVIEWS; i++)
		if (k == view_digit[i]) {
			switch_view(u, i);
			return;
		}
	if (active(u)->key(active(u), k) == VIEW_ENTER)
		open_detail(u);
}

/* Tabs, table headers and rows respond to clicks; the wheel scrolls. */
static void
on_mouse(struct ui *u)
{
	struct view *v = active(u);
	MEVENT ev;
	int i, x = 0;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (i = 0; i < 3; i++)
			v->key(v, KEY_UP);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		for (i = 0; i < 3; i++)
			v->key(v, KEY_DOWN);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON1_PRESSED)))
		return;
	if (ev.y == 3) {		/* the tab bar: same layout as drawn */
		for (i = 0; i < NVIEWS; i++) {
			x += (int)strlen(tab_names[i]) + 5;
			if (ev.x < x) {
				switch_view(u, i);
				return;
			}
		}
		return;
	}
	if (ev.y >= 4 && v->click != NULL && v->click(v, ev.y - 5, ev.x,
	    (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0) == VIEW_ENTER)
		open_detail(u);
}

static void
on_key(struct ui *u, int k)
{
	if (k == ERR)
		return;
	if (k == KEY_RESIZE) {	/* repaint everything at the new size */
		clearok(stdscr, TRUE);
		return;
	}
	if (u->help) {
		u->help = 0;
		return;
	}
	if (k == KEY_MOUSE)
		on_mouse(u);
	else if (u->prompt != P_NONE)
		prompt_key(u, k);
	else
		global_key(u, k);
}

/* ----------------------------------------------------------------- loop */

static void
setup_curses(struct ui *u)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	u->st.ascii = u->o->ascii || cs == NULL || strcmp(cs, "UTF-8") != 0;
	if (initscr() == NULL)
		fatalx("can't initialise the terminal");
	log_set_sink(log_to_ui, teardown);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!u->o->no_mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		init_pair(PAIR_ALERT, COLOR_RED, -1);
		init_pair(PAIR_GOOD, COLOR_GREEN, -1);
		init_pair(PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(PAIR_ACCENT, COLOR_CYAN, -1);
		colours = 1;
	}
}

int
ui_run(const struct options *o, int sigfd)
{
	struct ui u;
	struct pollfd pfd[3];
	int i, k;

	memset(&u, 0, sizeof u);
	u.o = o;
	u.st.services = 1;
	u.st.names = !o->no_dns;
	u.views[V_HOSTS] = hosts_view_new();
	u.views[V_PORTS] = ports_view_new();
	u.views[V_PROTOS] = protos_view_new();
	u.views[V_CONNS] = conns_view_new();
	u.views[V_GRAPHS] = graphs_view_new();
	u.views[V_IFACES] = ifaces_view_new();
	u.detail = detail_view_new();
	u.cdetail = conn_detail_view_new();
	u.start = now_wall();
	setup_curses(&u);
	pfd[0].fd = STDIN_FILENO;
	pfd[1].fd = sigfd;
	pfd[2].fd = cap_wake_fd();
	for (i = 0; i < 3; i++)
		pfd[i].events = POLLIN;
	refresh_data(&u, 1);
	while (!u.quit) {
		double wait = u.last_snap + o->delay - now_wall();
		uint64_t v;

		{
			double t0 = now_wall(), dt;

			draw(&u);
			dt = now_wall() - t0 + u.snap_cost;
			u.snap_cost = 0;
			u.frames++;
			u.frame_sum += dt;
			if (dt > u.frame_max)
				u.frame_max = dt;
		}
		/* A resize interrupts poll: getch() then reports it. */
		if (poll(pfd, 3, wait > 0 ? (int)ceil(wait * 1000) : 0) > 0) {
			if (pfd[1].revents & POLLIN && headless_signal(o, sigfd))
				break;
			/* No SIGHUP, but the terminal is gone all the same. */
			if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
				break;
			if (pfd[2].revents & POLLIN &&
			    read(pfd[2].fd, &v, sizeof v) == sizeof v)
				refresh_data(&u, 0);
		}
		while (!u.quit && (k = getch()) != ERR)
			on_key(&u, k);
		if (now_wall() >= u.last_snap + o->delay) {
			if (u.paused)	/* keep the cadence, not the data */
				u.last_snap = now_wall();
			else
				refresh_data(&u, 0);
		}
		if (!o->capfile)
			stats_tick(time(NULL));
		if (o->daylog != NULL)
			daylog_flush(o->daylog);
		history_tick();
	}
	teardown();
	log_set_sink(NULL, NULL);
	if (u.frames)
		log_debug("%llu frames, %.2f ms mean, %.2f ms max to build one "
		    "(snapshot, view update, draw)", (unsigned long long)u.frames,
		    1000 * u.frame_sum / (double)u.frames, 1000 * u.frame_max);
	for (i = 0; i < NVIEWS; i++)
		u.views[i]->destroy(u.views[i]);
	u.detail->destroy(u.detail);
	u.cdetail->destroy(u.cdetail);
	tables_free(u.st.snap);
	hosts_free(u.st.detail);
	filter_free(u.st.filter);
	return 0;
}
