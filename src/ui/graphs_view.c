/*
 * graphs_view.c: darkstat's four graphs of local traffic (60 s, 60 min,
 * 24 h, 31 d) as bar charts: in above the time axis, out below it, each
 * with its scale (the largest bar) and time labels.
 *
 * H cycles through longer ranges read from the --history database (the
 * last 7 days, 31 days and 365 days), one graph over the whole view; as
 * many buckets go in a bar as it takes to fit the width. The database is
 * read on the main thread, at most every few seconds, never per frame.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "tables.h"
#include "view.h"
#include "xmalloc.h"

static const char *const titles[GRAPHS] = { "last 60 seconds",
    "last 60 minutes", "last 24 hours", "last 31 days" };
static const int widths[GRAPHS] = { 1, 60, 3600, 86400 };

#define X0		9	/* bars start here, after the axis labels */
#define REFETCH		10	/* seconds between two reads of a range */
#define BARS_MAX	744

/* The ranges of H; the first is the live graphs. */
static const struct range {
	const char		*title;
	enum history_res	 res;
	int			 buckets;
} ranges[] = {
	{ NULL, HISTORY_MINUTE, 0 },
	{ "last 7 days", HISTORY_HOUR, 7 * 24 },
	{ "last 31 days", HISTORY_HOUR, 31 * 24 },
	{ "last 365 days", HISTORY_DAY, 365 },
};
#define NRANGES	(sizeof ranges / sizeof ranges[0])

struct gv {
	size_t			 range;
	/* the points of the range last read, and for which "now" */
	size_t			 fetched_range;
	time_t			 fetched_at;
	int64_t			 cur;		/* the bucket "now" is in */
	struct history_point	*pts;
	size_t			 npts;
	char			 err[160];
};

/* ------------------------------------------------------------- drawing */

/* One bar row: the fraction v/max drawn in eighths (or #). */
static void
bar_cell(WINDOW *win, int y, int x, uint64_t v, uint64_t max, int rows,
    int row, int ascii)
{
	static const char *const eighths[9] = { " ", "\u2581", "\u2582",
	    "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	int units = max ? (int)(v * (uint64_t)rows * 8 / max) : 0;
	int here = units - row * 8;

	if (v > 0 && units == 0)
		units = here = 1;	/* a non-zero bar is always visible */
	if (here <= 0)
		return;
	if (ascii)
		mvwaddstr(win, y, x, here >= 4 ? "#" : ".");
	else
		mvwaddstr(win, y, x, eighths[here > 8 ? 8 : here]);
}

/*
 * n bars, oldest first: the title with the scale, in above the axis and
 * out below it, the axis labelled with the first bar's age and "now".
 */
static void
draw_bars(WINDOW *win, const struct ui_state *st, const uint64_t *in,
    const uint64_t *out, int n, const char *title, const char *unit,
    int64_t span, int y, int rows, int w)
{
	char tmp[FMT_LEN], lbl[160];
	uint64_t max = 0;
	int b, r;

	for (b = 0; b < n; b++) {
		if (in[b] > max)
			max = in[b];
		if (out[b] > max)
			max = out[b];
	}
	fmt_bytes(tmp, max, st->units);
	snprintf(lbl, sizeof lbl, "%s (max %s per %s)", title, tmp, unit);
	wattron(win, A_BOLD);
	mvwaddnstr(win, y, 0, lbl, w);
	wattroff(win, A_BOLD);
	mvwaddstr(win, y + 1, 0, "in");
	mvwaddstr(win, y + 2 + rows, 0, "out");
	for (b = 0; b < n && X0 + b < w; b++)
		for (r = 0; r < rows; r++) {
			bar_cell(win, y + rows - r, X0 + b, in[b], max, rows,
			    r, st->ascii);
			bar_cell(win, y + 2 + rows + r, X0 + b, out[b], max,
			    rows, r, st->ascii);
		}
	fmt_ago(tmp, span);
	snprintf(lbl, sizeof lbl, "-%s", tmp);
	mvwhline(win, y + 1 + rows, X0, st->ascii ? '-' : ACS_HLINE,
	    n < w - X0 ? n : w - X0);
	mvwaddstr(win, y + 1 + rows, 0, lbl);
	if (X0 + n + 1 < w)
		mvwaddstr(win, y + 1 + rows, X0 + n + 1, "now");
}

static void
draw_graph(WINDOW *win, const struct ui_state *st, const struct graph *g,
    int i, int y, int rows, int w)
{
	uint64_t in[60], out[60];
	int b, n = g->nbars;

	/* Oldest bar first: the one after the current position. */
	for (b = 0; b < n; b++) {
		in[b] = g->bar[(g->pos + 1 + b) % n].in;
		out[b] = g->bar[(g->pos + 1 + b) % n].out;
	}
	draw_bars(win, st, in, out, n, titles[i], "bar",
	    (int64_t)(n - 1) * widths[i], y, rows, w);
}

static void
draw_live(const struct ui_state *st, WINDOW *win, int y, int h, int w)
{
	int i, rows, per;

	/* The four graphs stacked, each with the same height. */
	per = h / GRAPHS;
	rows = (per - 3) / 2;
	if (rows < 1)
		rows = 1;
	for (i = 0; i < GRAPHS && y + i * per + 2 * rows + 2 < y + h; i++)
		draw_graph(win, st, &st->snap->graphs.g[i], i, y + i * per,
		    rows, w);
	if (i < GRAPHS)
		mvwaddnstr(win, y + h - 1, 0,
		    "(enlarge the terminal to see every graph)", w);
}

/* ------------------------------------------------------------- history */

static int64_t
res_width(const struct range *r)
{
	return history_res_width[r->res];
}

/* Read the range's buckets, ending with the one "now" is in. */
static void
fetch(struct gv *v, const struct ui_state *st)
{
	const struct range *r = &ranges[v->range];
	struct history *h = history_main();
	struct history_point *pts;
	int64_t wd = res_width(r);
	ssize_t n;

	v->fetched_range = v->range;
	v->fetched_at = time(NULL);
	free(v->pts);
	v->pts = NULL;
	v->npts = 0;
	v->err[0] = '\0';
	if (h == NULL) {
		snprintf(v->err, sizeof v->err, "no history: start with "
		    "--history FILE to keep it");
		return;
	}
	v->cur = history_bucket(r->res, st->now);
	/* Local days are 23 to 25 hours long: half a bucket of slack. */
	if ((n = history_series(h, HISTORY_TOTAL, NULL, r->res, v->cur -
	    (int64_t)r->buckets * wd + wd / 2, v->cur + wd, &pts)) == -1) {
		snprintf(v->err, sizeof v->err, "history \"%s\": %s",
		    history_path(h), history_error(h));
		return;
	}
	v->pts = pts;
	v->npts = (size_t)n;
}

/* Add the points up into n bars of per buckets, the last ending now. */
static void
bars_of(const struct gv *v, const struct range *r, int n, int per,
    uint64_t *in, uint64_t *out, uint64_t *all)
{
	int64_t wd = res_width(r);
	size_t i;

	memset(in, 0, n * sizeof *in);
	memset(out, 0, n * sizeof *out);
	*all = 0;
	for (i = 0; i < v->npts; i++) {
		const struct history_point *p = &v->pts[i];
		/* Buckets back from now's, rounded: local days vary. */
		int64_t back = (v->cur - p->ts + wd / 2) / wd;
		int b;

		if (p->ts > v->cur || back >= r->buckets)
			continue;
		b = n - 1 - (int)(back / per);
		if (b < 0)
			continue;
		in[b] += p->bytes_in;
		out[b] += p->bytes_out;
		*all += p->bytes;
	}
}

static void
draw_history(struct gv *v, const struct ui_state *st, WINDOW *win, int y,
    int h, int w)
{
	const struct range *r = &ranges[v->range];
	uint64_t in[BARS_MAX], out[BARS_MAX], all;
	char title[160], unit[32], tmp[FMT_LEN];
	int per, n, rows, room = w - X0 - 5;

	if (v->err[0]) {
		mvwaddnstr(win, y, 0, v->err, w);
		mvwaddnstr(win, y + 2, 0, "H: next range", w);
		return;
	}
	if (room < 1)
		room = 1;
	per = (r->buckets + room - 1) / room;
	n = (r->buckets + per - 1) / per;
	rows = (h - 4) / 2;
	if (rows < 1)
		rows = 1;
	bars_of(v, r, n, per, in, out, &all);
	snprintf(unit, sizeof unit, "%d %s%s", per,
	    history_res_name[r->res], per > 1 ? "s" : "");
	snprintf(title, sizeof title, "history: %s, all traffic %s", r->title,
	    fmt_bytes(tmp, all, st->units));
	draw_bars(win, st, in, out, n, title, unit, (int64_t)r->buckets *
	    res_width(r), y, rows, w);
	if (y + 3 + 2 * rows < y + h)
		mvwaddnstr(win, y + 3 + 2 * rows, 0, "local traffic from the "
		    "history database; H: next range", w);
}

/* ---------------------------------------------------------------- view */

static void
update(struct view *view, const struct ui_state *st)
{
	struct gv *v = view->priv;

	view->shown = GRAPHS;
	view->filtered = 0;
	if (v->range == 0)
		return;
	if (v->fetched_range != v->range || time(NULL) - v->fetched_at >=
	    REFETCH)
		fetch(v, st);
}

static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	struct gv *v = view->priv;

	if (v->range == 0) {
		draw_live(st, win, y, h, w);
		return;
	}
	if (v->fetched_range != v->range)	/* H was just pressed */
		fetch(v, st);
	draw_history(v, st, win, y, h, w);
}

static int
key(struct view *view, int k)
{
	struct gv *v = view->priv;

	if (k != 'H')
		return VIEW_IGNORED;
	v->range = (v->range + 1) % NRANGES;
	v->fetched_range = 0;	/* read it at the next update */
	return VIEW_HANDLED;
}

static void
destroy(struct view *view)
{
	struct gv *v = view->priv;

	free(v->pts);
	free(v);
	free(view);
}

struct view *
graphs_view_new(void)
{
	struct view *view = xcalloc(1, sizeof *view);

	view->name = "Graphs";
	view->update = update;
	view->draw = draw;
	view->key = key;
	view->destroy = destroy;
	view->priv = xcalloc(1, sizeof(struct gv));
	return view;
}
