/*
 * conf_fuzzer.c: libFuzzer target for the -c file splitter: any bytes as
 * a configuration file. A line it refuses ends the run through
 * usage_error(), which here jumps back instead of exiting (leaving its
 * buffer: run it with -detect_leaks=0); every option it hands on has a
 * name of [a-z0-9-].
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static jmp_buf refused;
void (*log_usage_hook)(void);

void
usage_error(const char *fmt, ...)
{
	(void)fmt;
	longjmp(refused, 1);
}

void
fatal(const char *fmt, ...)
{
	(void)fmt;
	longjmp(refused, 1);
}

void
fatalx(const char *fmt, ...)
{
	(void)fmt;
	longjmp(refused, 1);
}

static void
set(const char *name, const char *value, const char *where)
{
	const char *p;

	(void)where;
	if (*name == '\0')
		abort();
	for (p = name; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-')
			abort();
	if (value != NULL)
		(void)strlen(value);	/* ASan: a string, within bounds */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	FILE *f;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/conf-fuzz.%ld", (long)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (setjmp(refused) == 0)
		conf_read(path, set);
	return 0;
}
