/* db.h: darkstat's --export database file (big-endian, host records v4). */
#ifndef DB_H
#define DB_H

#include <stddef.h>

struct acct_limits;
struct tables;

enum { DB_OK, DB_MISSING, DB_UNREADABLE, DB_CORRUPT };

/*
 * Write t to path through a temporary file in the same directory, fsync
 * and rename: a crash leaves the old file or the new one, never half of
 * one. Returns 0, or -1 with a warning printed.
 */
int	db_export(const struct tables *t, const char *path);

/*
 * Read a database written by darkstat 3.0.719 or darkstat-tui (host records
 * v1-v4 and graphs) into t, which should be empty. Port tables keep to the
 * limits. Returns DB_OK, DB_MISSING (no such file), DB_UNREADABLE (it
 * could not be read: permissions, I/O) or DB_CORRUPT (damaged), with err
 * holding the reason and, for a damaged file, the offset.
 */
int	db_import(struct tables *t, const char *path,
	    const struct acct_limits *l, char *err, size_t errlen);

#endif
