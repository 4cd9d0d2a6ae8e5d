/*
 * daemon.h: --no-tui in the background, as darkstat does, and the pidfile.
 *
 * Life cycle: daemon_start() before anything that starts a thread; the
 * child returns and starts up (errors still on the terminal, ending the
 * waiting parent with the child's status); daemon_ready() once start-up
 * has succeeded lets the parent exit 0 and detaches the child.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include "opt.h"

/* --no-tui without --no-daemon, -r, --report or --hexdump. */
int	daemon_wanted(const struct options *);
/*
 * Fork. The parent waits for daemon_ready() and exits, never returning.
 * Relative paths are made absolute first, since the daemon leaves its
 * directory; with --chroot they are the chroot's and are left alone.
 */
void	daemon_start(struct options *);
/* Start-up succeeded: new session, "/", stdio on /dev/null, syslog. */
void	daemon_ready(void);
/*
 * --pidfile, written before privileges are dropped; as in darkstat, a
 * relative path is in the --chroot directory. Exits 1 on failure.
 */
void	daemon_pidfile(const struct options *);
/* Remove it at exit; a warning if the user we became may not. */
void	daemon_pidfile_remove(void);

#endif
