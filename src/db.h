/* db.h: darkstat's --export database file (big-endian, host records v4). */
#ifndef DB_H
#define DB_H

struct tables;

/*
 * Write t to path through a temporary file in the same directory, fsync
 * and rename: a crash leaves the old file or the new one, never half of
 * one. Returns 0, or -1 with a warning printed.
 */
int	db_export(const struct tables *t, const char *path);

#endif
