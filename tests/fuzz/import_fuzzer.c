/*
 * import_fuzzer.c: libFuzzer target for the --import reader: any bytes as
 * a database file (darkstat's export format, host records v1-v4, graphs).
 * It must say DB_OK or DB_CORRUPT, never read past the file or crash, and
 * what it accepts must export again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "acct.h"
#include "db.h"
#include "tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], out[72];
	struct acct_limits l = { 1000, 500, 60, 30, 65535, 0, { 0, 0, 0 } };
	struct tables t;
	char err[256];
	FILE *f;
	int rc;

	if (path[0] == '\0') {
		snprintf(path, sizeof path, "/tmp/import-fuzz.%ld", (long)getpid());
		snprintf(out, sizeof out, "%s.out", path);
	}
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	tables_init(&t, NULL);
	rc = db_import(&t, path, &l, err, sizeof err);
	if (rc != DB_OK && rc != DB_CORRUPT)
		abort();
	if (rc == DB_OK && db_export(&t, out) == -1)
		abort();
	tables_destroy(&t);
	return 0;
}
