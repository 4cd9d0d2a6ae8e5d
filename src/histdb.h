/*
 * histdb.h: the connection to a history database, shared by the writer
 * (history.c) and the readers (histread.c). Not for other modules: they
 * use history.h.
 */
#ifndef HISTDB_H
#define HISTDB_H

#include <stddef.h>

#include <sqlite3.h>

/* One connection: the writer's (main thread) or a reader's (its thread). */
struct history {
	sqlite3		*db;
	char		*path;
	char		 err[256];
};

/* Open path with SQLite's flags; NULL with err set. */
struct history	*histdb_open(const char *path, int flags, char *err,
		    size_t errlen);
void		 histdb_close(struct history *);

#endif
