/*
 * conf.c: split the configuration file into option lines (see conf.h).
 * Only whole lines are comments, so that a value may hold a '#'.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"
#include "xmalloc.h"

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* A value may be quoted, with "" or '', to keep its outer blanks. */
static char *
unquote(char *v, const char *where)
{
	size_t len = strlen(v);

	if (*v != '"' && *v != '\'')
		return v;
	if (len < 2 || v[len - 1] != *v)
		usage_error("%s: unterminated quote", where);
	v[len - 1] = '\0';
	return v + 1;
}

/* Split "name value" in place; *value is NULL if there is none. */
static char *
split(char *line, char **value, const char *where)
{
	char *p = line, *q, *rest = NULL;

	while (*p != '\0' && !isspace((unsigned char)*p))
		p++;
	if (*p != '\0') {
		*p = '\0';
		rest = p + 1;
	}
	for (q = line; *q != '\0'; q++)
		if (!islower((unsigned char)*q) &&
		    !isdigit((unsigned char)*q) && *q != '-')
			usage_error("%s: \"%s\" is not an option name", where,
			    line);
	*value = rest != NULL ? unquote(trim(rest), where) : NULL;
	return line;
}

/* The options point into the lines: they are kept for good. */
static char	**kept;
static size_t	  nkept;

static char *
keep(const char *line)
{
	kept = xreallocarray(kept, nkept + 1, sizeof *kept);
	return kept[nkept++] = xstrdup(line);
}

void
conf_read(const char *path, void (*set)(const char *, const char *,
    const char *))
{
	FILE *f;
	char *buf = NULL, *line, *name, *value, where[1100];
	size_t cap = 0;
	unsigned long n = 0;

	if ((f = fopen(path, "r")) == NULL)
		fatal("can't read configuration file \"%s\"", path);
	while (getline(&buf, &cap, f) != -1) {
		n++;
		line = trim(buf);
		if (*line == '\0' || *line == '#')
			continue;
		snprintf(where, sizeof where, "%s:%lu", path, n);
		name = split(keep(line), &value, where);
		set(name, value, where);
	}
	if (ferror(f))
		fatal("can't read configuration file \"%s\"", path);
	fclose(f);
	free(buf);
}
