/*
 * graphs_view.c: darkstat's four graphs of local traffic (60 s, 60 min,
 * 24 h, 31 d) as bar charts: in above the time axis, out below it, each
 * with its scale (the largest bar) and time labels.
 */
#include <stdlib.h>
#include <string.h>

#include "tables.h"
#include "view.h"
#include "xmalloc.h"

static const char *const titles[GRAPHS] = { "last 60 seconds",
    "last 60 minutes", "last 24 hours", "last 31 days" };
static const int widths[GRAPHS] = { 1, 60, 3600, 86400 };

static void
update(struct view *view, const struct ui_state *st)
{
	(void)st;
	view->shown = GRAPHS;
	view->filtered = 0;
}

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

static void
draw_graph(WINDOW *win, const struct ui_state *st, const struct graph *g,
    int i, int y, int rows, int w)
{
	char tmp[FMT_LEN], lbl[64];
	uint64_t max = 0;
	int b, r, x0 = 9, n = g->nbars;

	for (b = 0; b < n; b++) {
		if (g->bar[b].in > max)
			max = g->bar[b].in;
		if (g->bar[b].out > max)
			max = g->bar[b].out;
	}
	fmt_bytes(tmp, max, st->units);
	snprintf(lbl, sizeof lbl, "%s (max %s per bar)", titles[i], tmp);
	wattron(win, A_BOLD);
	mvwaddnstr(win, y, 0, lbl, w);
	wattroff(win, A_BOLD);
	mvwaddstr(win, y + 1, 0, "in");
	mvwaddstr(win, y + 2 + rows, 0, "out");
	/* Oldest bar first: the one after the current position. */
	for (b = 0; b < n && x0 + b < w; b++) {
		const struct graph_bar *gb = &g->bar[(g->pos + 1 + b) % n];

		for (r = 0; r < rows; r++) {
			bar_cell(win, y + rows - r, x0 + b, gb->in, max, rows,
			    r, st->ascii);
			bar_cell(win, y + 2 + rows + r, x0 + b, gb->out, max,
			    rows, r, st->ascii);
		}
	}
	/* Time axis: how long ago the first bar was, and "now". */
	fmt_ago(tmp, (int64_t)(n - 1) * widths[i]);
	snprintf(lbl, sizeof lbl, "-%s", tmp);
	mvwhline(win, y + 1 + rows, x0, st->ascii ? '-' : ACS_HLINE,
	    n < w - x0 ? n : w - x0);
	mvwaddstr(win, y + 1 + rows, 0, lbl);
	if (x0 + n + 1 < w)
		mvwaddstr(win, y + 1 + rows, x0 + n + 1, "now");
}

static void
draw(struct view *view, const struct ui_state *st, WINDOW *win, int y, int h,
    int w)
{
	int i, rows, per;

	(void)view;
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

static int
key(struct view *view, int k)
{
	(void)view;
	(void)k;
	return VIEW_IGNORED;
}

static void
destroy(struct view *view)
{
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
	return view;
}
