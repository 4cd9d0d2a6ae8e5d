/*
 * table.h: a scrolling table with a selection, a sort column and columns
 * that are hidden, in a fixed order, when the terminal is too narrow.
 * Curses-free apart from drawing into a WINDOW.
 */
#ifndef TABLE_H
#define TABLE_H

#include <curses.h>
#include <stddef.h>
#include <stdio.h>

struct column {
	const char	*title;
	int		 width;
	int		 right;		/* right-aligned */
	int		 drop;		/* hidden first when narrow: highest */
};

struct table {
	const struct column	*cols;
	int			 ncols;
	size_t			 nrows;
	size_t			 sel;
	size_t			 top;
	int			 sort_col;
	int			 sort_desc;
	int			 ascii;
	unsigned int		 hide;	/* columns the view turned off */
	int			 x[32];	/* where each column was drawn, or -1 */
	int			 w[32];
};

typedef void	(*cell_fn)(void *ctx, size_t row, int col, char *buf,
		    size_t len);

/* Draw the header line and the rows into y..y+h-1; returns rows shown. */
int	table_draw(WINDOW *, int y, int h, int w, struct table *, cell_fn,
	    void *ctx);
/* Every row, every column, as CSV or a JSON array (for the E key). */
void	table_csv(FILE *, const struct table *, cell_fn, void *ctx);
void	table_json(FILE *, const struct table *, cell_fn, void *ctx);
/* Movement and sort keys; returns 1 if the key was used. */
int	table_key(struct table *, int key, int page);
/*
 * A mouse click on the header (row -1: sort by that column, again to
 * invert) or on the row-th line shown (select it). Returns 1 for a
 * click on a row.
 */
int	table_click(struct table *, int row, int x);

#endif
