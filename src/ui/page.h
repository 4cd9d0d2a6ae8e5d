/*
 * page.h: a scrolling page of text lines, for the views that are a
 * report rather than a table (host detail, interfaces).
 */
#ifndef PAGE_H
#define PAGE_H

#include <curses.h>
#include <stddef.h>

#include "view.h"

#define PAGE_LINE	160

struct page {
	char	(*lines)[PAGE_LINE];
	size_t	 n;
	size_t	 cap;
	size_t	 top;	/* first line shown */
};

void	page_clear(struct page *);
void	page_free(struct page *);
void	page_add(struct page *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Draw from the top line; the first line of the page in bold if asked. */
void	page_draw(struct page *, WINDOW *, int y, int h, int w, int bold_first);
/* Scrolling keys; returns 1 if the key was used. */
int	page_key(struct page *, int key);

/*
 * The draw, key and destroy callbacks of a view whose priv is a struct
 * that begins with its struct page (and holds no other allocation).
 */
void	page_view_draw(struct view *, const struct ui_state *, WINDOW *,
	    int y, int h, int w);
int	page_view_key(struct view *, int key);
void	page_view_destroy(struct view *);

#endif
