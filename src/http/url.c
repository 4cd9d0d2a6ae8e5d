/*
 * url.c: request paths and the text helpers of the pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/url.h"
#include "xmalloc.h"

int
url_clean(const char *path, char *out, size_t len)
{
	size_t o = 0;
	const char *p = path, *seg;
	size_t n;

	if (len < 2 || *p != '/')
		return -1;
	out[o++] = '/';
	while (*p != '\0') {
		while (*p == '/')
			p++;
		seg = p;
		while (*p != '\0' && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			/* Back over "name/" to the slash before it. */
			if (o == 1)
				return -1;
			o--;
			while (out[o - 1] != '/')
				o--;
			continue;
		}
		if (o + n + 2 > len)
			return -1;
		memcpy(out + o, seg, n);
		o += n;
		if (*p == '/')
			out[o++] = '/';
	}
	out[o] = '\0';
	return 0;
}

char *
url_base(const char *base)
{
	char *tmp, *out;
	size_t len;

	if (base == NULL)
		return xstrdup("/");
	len = strlen(base) + 3;
	tmp = xmalloc(len);
	out = xmalloc(len);
	snprintf(tmp, len, "/%s/", base);
	if (url_clean(tmp, out, len) == -1) {
		free(out);
		out = NULL;
	}
	free(tmp);
	return out;
}

const char *
url_strip_base(const char *path, const char *base)
{
	size_t n = strlen(base);

	if (n > 1 && strncmp(path, base, n) == 0)
		return path + n - 1;
	return path;
}

void
html_escape(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Control characters would mangle the page. */
			if (c < 0x20 || c == 0x7f)
				fputc('?', f);
			else
				fputc(c, f);
		}
	}
}

long
url_number(const char *s)
{
	long v = 0;
	int i;

	if (s == NULL || *s == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == 9 || s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}
