/*
 * daylog.h: darkstat's --daylog file, written by the main thread from the
 * periods the engine closes (dayacct.h). Each line opens the file with
 * O_APPEND and closes it again, so rotating it needs no signal.
 */
#ifndef DAYLOG_H
#define DAYLOG_H

#include <stdint.h>

struct dayacct;

/* Live capture: "logging started" now. A replay starts at its first day. */
void	daylog_start(const char *path, int64_t now);
/* Write the periods the engine has finished. */
void	daylog_flush(const char *path);
/* The last period, ended at stop, and the "logging stopped" comment. */
void	daylog_stop(const char *path, struct dayacct *, int64_t stop);

#endif
