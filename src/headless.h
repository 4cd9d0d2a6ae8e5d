/* headless.h: the --no-tui main loop. */
#ifndef HEADLESS_H
#define HEADLESS_H

#include "opt.h"

/* Run until the capture ends (-r) or a terminating signal; returns 0. */
int	headless_run(const struct options *, int sigfd);
/*
 * Read one signal from sigfd and act on it: SIGUSR1/SIGUSR2 export (and
 * reset), SIGHUP nothing. Returns 1 for SIGINT/SIGTERM: stop. The
 * terminal interface's loop uses it too.
 */
int	headless_signal(const struct options *, int sigfd);

#endif
