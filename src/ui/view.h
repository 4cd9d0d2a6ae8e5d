/*
 * view.h: what every view of the terminal interface provides, and the
 * state they share. A view turns the latest snapshot into rows (update),
 * draws them into a rectangle (draw) and reacts to keys (key).
 */
#ifndef VIEW_H
#define VIEW_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fmt.h"

struct conn;
struct filter;
struct hosts;
struct tables;

/* The state every view can read. */
struct ui_state {
	struct tables	*snap;		/* latest snapshot (owned by ui.c) */
	int		 full;		/* snap has the port/protocol tables */
	int		 conns;		/* snap has the connection rows */
	struct hosts	*detail;	/* the detail page's host, deep */
	double		 dt;		/* seconds since the previous one */
	uint64_t	 seq;		/* snapshots taken so far */
	int64_t		 now;		/* packet-time "now" for ages */
	enum fmt_units	 units;
	int		 services;	/* show service names (N) */
	int		 names;		/* show host names (n; off with --no-dns) */
	int		 ascii;		/* no UTF-8 drawing characters */
	struct filter	*filter;	/* display filter, or NULL */
};

/* key() results */
#define VIEW_IGNORED	0
#define VIEW_HANDLED	1
#define VIEW_ENTER	2	/* Enter on a host: open its detail */

struct view {
	const char	*name;
	void		(*update)(struct view *, const struct ui_state *);
	void		(*draw)(struct view *, const struct ui_state *, WINDOW *,
			    int y, int h, int w);
	int		(*key)(struct view *, int key);
	/*
	 * A click on the table header (row -1) or on a shown row; dbl for a
	 * double click. NULL for views without a table.
	 */
	int		(*click)(struct view *, int row, int x, int dbl);
	/* Sort column and direction, for the tab bar; NULL if none. */
	const char	*(*sort_name)(const struct view *, int *desc);
	/* Write the view's rows as CSV or JSON; NULL if it has none. */
	void		(*export)(struct view *, FILE *, int json);
	/* Free the view and everything it holds. */
	void		(*destroy)(struct view *);
	/* Rows shown and rows filtered out, for the reconciliation line. */
	size_t		 shown;
	size_t		 filtered;
	void		*priv;
};

struct view	*hosts_view_new(void);
struct view	*ports_view_new(void);
struct view	*protos_view_new(void);
struct view	*graphs_view_new(void);
struct view	*detail_view_new(void);
struct view	*ifaces_view_new(void);
struct view	*conns_view_new(void);
struct view	*conn_detail_view_new(void);
/* The host the hosts view has selected (for Enter), or 0. */
int		 hosts_view_selected(const struct view *, void *addr);
/* Move the selection to the next host matching f; 0 if none does. */
int		 hosts_view_search(struct view *, const struct filter *f);
void		 detail_view_set(struct view *, const void *addr);
/* The connection the Conns view has selected, or NULL. */
const struct conn *conns_view_selected(const struct view *);
void		 conn_detail_set(struct view *, const struct conn *);

#endif
