/*
 * tview.h: the common part of the table views (Hosts, Ports, Protocols):
 * an array of fixed-size rows shown in a struct table, sorted by any
 * column, with a selection that follows its row across re-sorts and
 * refreshes, mouse clicks and CSV/JSON export.
 */
#ifndef TVIEW_H
#define TVIEW_H

#include <stdint.h>

#include "table.h"
#include "view.h"

struct tview_ops {
	const char		*name;
	const struct column	*cols;
	int			 ncols;
	int			 sort_col;	/* initial, descending */
	size_t			 row_size;
	int			 enter;		/* Enter opens the detail page */
	void			(*update)(struct view *,
				    const struct ui_state *);
	/* Order of a and b by column col, already reversed for desc. */
	int			(*cmp)(const void *a, const void *b, int col,
				    int desc);
	/* Do a and b stand for the same thing (host, port...)? */
	int			(*same)(const void *a, const void *b);
	/* Text of a cell; ctx is the struct view. */
	cell_fn			 cell;
	/* Free the view's own state; NULL: a plain free(). */
	void			(*free_ext)(void *ext);
};

struct tview {
	const struct tview_ops	*ops;
	struct table		 t;
	void			*rows;		/* t.nrows rows, owned */
	unsigned char		*picked;	/* copy of the selected row */
	int			 has_picked;
	const struct ui_state	*st;		/* for the cell functions */
	void			*ext;		/* the view's own state */
};

/* -1, 0 or 1 as a < b, a == b or a > b: for the cmp callbacks. */
static inline int
tview_cmp(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

struct view	*tview_new(const struct tview_ops *, void *ext);
struct tview	*tview_of(const struct view *);
/* Take rows (n of them, malloc'd), sort them, find the selection again. */
void		 tview_set_rows(struct view *, void *rows, size_t n);
/* The i-th row, and the selected one (NULL if there are none). */
void		*tview_row(const struct tview *, size_t i);
const void	*tview_selected(const struct view *);
/* The table's drawing, for views that draw more around it. */
void		 tview_draw(struct view *, const struct ui_state *, WINDOW *,
		    int y, int h, int w);
/* The table's keys (movement, sorting, Enter), for views adding keys. */
int		 tview_key(struct view *, int key);
/* Select row i (and remember it). */
void		 tview_select(struct view *, size_t i);

#endif
