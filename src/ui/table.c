/* table.c: draw and navigate a table of rows produced by a view. */
#include <string.h>

#include "table.h"

#define MIN_FIRST	15	/* the first column shrinks down to this */

/*
 * Which columns fit in w, and how wide: drop the highest "drop" ones
 * first, then narrow the first column (its text is elided).
 */
static void
visible(const struct table *t, int w, int *show, int *width)
{
	int i, total = 0, worst;

	for (i = 0; i < t->ncols; i++) {
		show[i] = !(t->hide & (1u << i));
		width[i] = t->cols[i].width;
		if (show[i])
			total += t->cols[i].width + 1;
	}
	while (total > w) {
		worst = -1;
		for (i = 0; i < t->ncols; i++)
			if (show[i] && t->cols[i].drop > 0 && (worst == -1 ||
			    t->cols[i].drop > t->cols[worst].drop))
				worst = i;
		if (worst == -1)
			break;
		show[worst] = 0;
		total -= t->cols[worst].width + 1;
	}
	if (total > w) {
		width[0] -= total - w;
		if (width[0] < MIN_FIRST)
			width[0] = MIN_FIRST;
	}
}

static void
put_cell(WINDOW *win, int y, int *x, int w, const struct column *c,
    int width, const char *text)
{
	char cell[256];
	int len = (int)strlen(text);

	if (*x + width > w)
		width = w - *x;
	if (width <= 0)
		return;
	if (len > width) {		/* elide, keeping the start */
		memcpy(cell, text, (size_t)width);
		if (width > 1)
			cell[width - 1] = '~';
		len = width;
	} else if (c->right) {
		memset(cell, ' ', (size_t)(width - len));
		memcpy(cell + width - len, text, (size_t)len);
		len = width;
	} else
		memcpy(cell, text, (size_t)len);
	cell[len] = '\0';
	mvwaddstr(win, y, *x, cell);
	*x += width + 1;
}

int
table_draw(WINDOW *win, int y, int h, int w, struct table *t, cell_fn cell,
    void *ctx)
{
	int show[32], width[32], i, x = 0, row;
	char buf[256];

	visible(t, w, show, width);
	wattron(win, A_REVERSE);
	mvwhline(win, y, 0, ' ', w);
	for (i = 0; i < t->ncols; i++) {
		t->x[i] = show[i] ? x : -1;
		t->w[i] = width[i];
		if (!show[i])
			continue;
		snprintf(buf, sizeof buf, "%s%s", t->cols[i].title,
		    i != t->sort_col ? "" : t->ascii ? (t->sort_desc ? "v" :
		    "^") : (t->sort_desc ? "\u25bc" : "\u25b2"));
		if (i == t->sort_col)
			wattron(win, A_BOLD);
		put_cell(win, y, &x, w, &t->cols[i], width[i], buf);
		wattroff(win, A_BOLD);
	}
	wattroff(win, A_REVERSE);
	h--;
	if (t->sel >= t->nrows)
		t->sel = t->nrows ? t->nrows - 1 : 0;
	if (t->sel < t->top)
		t->top = t->sel;
	if (h > 0 && t->sel >= t->top + (size_t)h)
		t->top = t->sel - (size_t)h + 1;
	for (row = 0; row < h && t->top + (size_t)row < t->nrows; row++) {
		size_t r = t->top + (size_t)row;

		x = 0;
		if (r == t->sel)
			wattron(win, A_REVERSE);
		mvwhline(win, y + 1 + row, 0, ' ', w);
		for (i = 0; i < t->ncols; i++) {
			if (!show[i])
				continue;
			buf[0] = '\0';
			cell(ctx, r, i, buf, sizeof buf);
			put_cell(win, y + 1 + row, &x, w, &t->cols[i],
			    width[i], buf);
		}
		wattroff(win, A_REVERSE);
	}
	return row;
}

int
table_click(struct table *t, int row, int x)
{
	int i;

	if (row >= 0) {
		if (t->top + (size_t)row < t->nrows)
			t->sel = t->top + (size_t)row;
		return 1;
	}
	for (i = 0; i < t->ncols; i++) {
		if (t->x[i] < 0 || x < t->x[i] || x > t->x[i] + t->w[i])
			continue;
		if (t->sort_col == i)
			t->sort_desc = !t->sort_desc;
		else
			t->sort_col = i;
		break;
	}
	return 0;
}

int
table_key(struct table *t, int key, int page)
{
	switch (key) {
	case KEY_UP:
	case 'k':
		if (t->sel > 0)
			t->sel--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (t->sel + 1 < t->nrows)
			t->sel++;
		return 1;
	case KEY_PPAGE:
		t->sel = t->sel > (size_t)page ? t->sel - (size_t)page : 0;
		return 1;
	case KEY_NPAGE:
		t->sel += (size_t)page;
		if (t->sel >= t->nrows)
			t->sel = t->nrows ? t->nrows - 1 : 0;
		return 1;
	case KEY_HOME:
	case 'g':
		t->sel = 0;
		return 1;
	case KEY_END:
	case 'G':
		t->sel = t->nrows ? t->nrows - 1 : 0;
		return 1;
	case '<':
		t->sort_col = (t->sort_col + t->ncols - 1) % t->ncols;
		return 1;
	case '>':
	case KEY_F(6):
		t->sort_col = (t->sort_col + 1) % t->ncols;
		return 1;
	case 'I':
		t->sort_desc = !t->sort_desc;
		return 1;
	}
	return 0;
}

static void
csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
table_csv(FILE *f, const struct table *t, cell_fn cell, void *ctx)
{
	char buf[256];
	size_t r;
	int i;

	for (i = 0; i < t->ncols; i++) {
		if (i)
			fputc(',', f);
		csv_field(f, t->cols[i].title[0] ? t->cols[i].title : "BAR");
	}
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			buf[0] = '\0';
			cell(ctx, r, i, buf, sizeof buf);
			if (i)
				fputc(',', f);
			csv_field(f, buf);
		}
		fputc('\n', f);
	}
}

static void
json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void
table_json(FILE *f, const struct table *t, cell_fn cell, void *ctx)
{
	char buf[256];
	size_t r;
	int i;

	fputc('[', f);
	for (r = 0; r < t->nrows; r++) {
		fprintf(f, "%s\n{", r ? "," : "");
		for (i = 0; i < t->ncols; i++) {
			buf[0] = '\0';
			cell(ctx, r, i, buf, sizeof buf);
			if (i)
				fputc(',', f);
			json_str(f, t->cols[i].title[0] ? t->cols[i].title :
			    "BAR");
			fputc(':', f);
			json_str(f, buf);
		}
		fputc('}', f);
	}
	fprintf(f, "\n]\n");
}
