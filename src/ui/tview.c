/* tview.c: sorting, following and the view callbacks of table views. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "tview.h"
#include "xmalloc.h"

struct tview *
tview_of(const struct view *view)
{
	return view->priv;
}

void *
tview_row(const struct tview *v, size_t i)
{
	return (char *)v->rows + i * v->ops->row_size;
}

const void *
tview_selected(const struct view *view)
{
	const struct tview *v = tview_of(view);

	return v->t.nrows ? tview_row(v, v->t.sel) : NULL;
}

void
tview_select(struct view *view, size_t i)
{
	struct tview *v = tview_of(view);

	if (i >= v->t.nrows)
		return;
	v->t.sel = i;
	memcpy(v->picked, tview_row(v, i), v->ops->row_size);
	v->has_picked = 1;
}

static int
cmp_rows(const void *a, const void *b, void *arg)
{
	const struct tview *v = arg;

	return v->ops->cmp(a, b, v->t.sort_col, v->t.sort_desc);
}

/* Sort, then put the selection back on the row it was on. */
static void
resort(struct view *view)
{
	struct tview *v = tview_of(view);
	size_t i;

	if (v->t.nrows > 1)
		qsort_r(v->rows, v->t.nrows, v->ops->row_size, cmp_rows, v);
	for (i = 0; v->has_picked && i < v->t.nrows; i++)
		if (v->ops->same(tview_row(v, i), v->picked)) {
			v->t.sel = i;
			break;
		}
	if (v->t.sel >= v->t.nrows)
		v->t.sel = v->t.nrows ? v->t.nrows - 1 : 0;
	if (v->t.nrows)
		tview_select(view, v->t.sel);
}

void
tview_set_rows(struct view *view, void *rows, size_t n)
{
	struct tview *v = tview_of(view);

	free(v->rows);
	v->rows = rows;
	v->t.nrows = n;
	resort(view);
}

void
tview_draw(struct view *view, const struct ui_state *st, WINDOW *win, int y,
    int h, int w)
{
	struct tview *v = tview_of(view);

	v->st = st;
	v->t.ascii = st->ascii;
	table_draw(win, y, h, w, &v->t, v->ops->cell, view);
}

int
tview_key(struct view *view, int k)
{
	struct tview *v = tview_of(view);
	int col = v->t.sort_col, desc = v->t.sort_desc;

	if ((k == '\n' || k == '\r' || k == KEY_ENTER) && v->ops->enter)
		return v->t.nrows ? VIEW_ENTER : VIEW_HANDLED;
	if (!table_key(&v->t, k, 10))
		return VIEW_IGNORED;
	if (col != v->t.sort_col || desc != v->t.sort_desc)
		resort(view);
	else if (v->t.nrows)
		tview_select(view, v->t.sel);
	return VIEW_HANDLED;
}

static int
click(struct view *view, int row, int x, int dbl)
{
	struct tview *v = tview_of(view);

	if (!table_click(&v->t, row, x)) {
		resort(view);
		return VIEW_HANDLED;
	}
	if (v->t.nrows)
		tview_select(view, v->t.sel);
	return dbl && v->ops->enter && v->t.nrows ? VIEW_ENTER : VIEW_HANDLED;
}

static void
export(struct view *view, FILE *f, int json)
{
	struct tview *v = tview_of(view);

	(json ? table_json : table_csv)(f, &v->t, v->ops->cell, view);
}

static const char *
sort_name(const struct view *view, int *desc)
{
	const struct tview *v = tview_of(view);
	const char *title = v->ops->cols[v->t.sort_col].title;

	*desc = v->t.sort_desc;
	return title[0] ? title : "BAR";
}

static void
update(struct view *view, const struct ui_state *st)
{
	struct tview *v = tview_of(view);

	v->st = st;
	v->ops->update(view, st);
}

static void
destroy(struct view *view)
{
	struct tview *v = tview_of(view);

	if (v->ops->free_ext != NULL)
		v->ops->free_ext(v->ext);
	else
		free(v->ext);
	free(v->rows);
	free(v->picked);
	free(v);
	free(view);
}

struct view *
tview_new(const struct tview_ops *ops, void *ext)
{
	struct view *view = xcalloc(1, sizeof *view);
	struct tview *v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->ext = ext;
	v->picked = xcalloc(1, ops->row_size);
	v->t.cols = ops->cols;
	v->t.ncols = ops->ncols;
	v->t.sort_col = ops->sort_col;
	v->t.sort_desc = 1;
	view->name = ops->name;
	view->update = update;
	view->draw = tview_draw;
	view->key = tview_key;
	view->click = click;
	view->export = export;
	view->sort_name = sort_name;
	view->destroy = destroy;
	view->priv = v;
	return view;
}
