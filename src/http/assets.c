/*
 * assets.c: www/style.css and www/graph.js, included byte for byte by the
 * assembler so that they stay ordinary files to edit.
 */
#include <string.h>

#include "http/assets.h"

#define INCBIN(sym, file)						\
	__asm__(".section .rodata\n"					\
	    ".global " #sym "\n.hidden " #sym "\n" #sym ":\n"		\
	    ".incbin \"" file "\"\n"					\
	    ".global " #sym "_end\n.hidden " #sym "_end\n" #sym "_end:\n" \
	    ".byte 0\n.previous\n");					\
	extern const char sym[], sym##_end[]

INCBIN(www_style_css, "src/http/www/style.css");
INCBIN(www_graph_js, "src/http/www/graph.js");

static const struct {
	const char	*path;
	const char	*type;
	const char	*start;
	const char	*end;
} table[] = {
	{ "/style.css", "text/css", www_style_css, www_style_css_end },
	{ "/graph.js", "text/javascript", www_graph_js, www_graph_js_end },
};

int
asset_find(const char *path, struct asset *a)
{
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(path, table[i].path) == 0) {
			a->type = table[i].type;
			a->data = table[i].start;
			a->len = (size_t)(table[i].end - table[i].start);
			return 0;
		}
	return -1;
}
