/* headless.h: the --no-tui main loop. */
#ifndef HEADLESS_H
#define HEADLESS_H

#include "opt.h"

/* Run until the capture ends (-r) or a terminating signal; returns 0. */
int	headless_run(const struct options *, int sigfd);

#endif
