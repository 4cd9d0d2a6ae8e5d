/* page.c: lines of text that scroll. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "page.h"
#include "view.h"
#include "xmalloc.h"

void
page_clear(struct page *p)
{
	p->n = 0;
}

void
page_free(struct page *p)
{
	free(p->lines);
	p->lines = NULL;
	p->n = p->cap = 0;
}

void
page_add(struct page *p, const char *fmt, ...)
{
	va_list ap;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = xreallocarray(p->lines, p->cap, PAGE_LINE);
	}
	va_start(ap, fmt);
	vsnprintf(p->lines[p->n++], PAGE_LINE, fmt, ap);
	va_end(ap);
}

void
page_draw(struct page *p, WINDOW *win, int y, int h, int w, int bold_first)
{
	size_t i;

	if (p->n > (size_t)h && p->top > p->n - (size_t)h)
		p->top = p->n - (size_t)h;
	for (i = 0; i < (size_t)h && p->top + i < p->n; i++) {
		if (bold_first && p->top + i == 0)
			wattron(win, A_BOLD);
		mvwaddnstr(win, y + (int)i, 0, p->lines[p->top + i], w);
		wattroff(win, A_BOLD);
	}
}

int
page_key(struct page *p, int k)
{
	switch (k) {
	case KEY_UP:
	case 'k':
		if (p->top > 0)
			p->top--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (p->top + 1 < p->n)
			p->top++;
		return 1;
	case KEY_PPAGE:
		p->top = p->top > 10 ? p->top - 10 : 0;
		return 1;
	case KEY_NPAGE:
		p->top += 10;
		return 1;
	case KEY_HOME:
	case 'g':
		p->top = 0;
		return 1;
	}
	return 0;
}

void
page_view_draw(struct view *view, const struct ui_state *st, WINDOW *win,
    int y, int h, int w)
{
	(void)st;
	page_draw(view->priv, win, y, h, w, 1);
}

int
page_view_key(struct view *view, int k)
{
	return page_key(view->priv, k) ? VIEW_HANDLED : VIEW_IGNORED;
}

void
page_view_destroy(struct view *view)
{
	page_free(view->priv);
	free(view->priv);
	free(view);
}
