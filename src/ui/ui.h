/*
 * ui.h: the terminal interface. Only src/ui/ includes curses. Views read
 * snapshots of the tables; nothing here touches the live tables.
 */
#ifndef UI_H
#define UI_H

#include "opt.h"

/* Run the interface until the user quits or a terminating signal; 0. */
int	ui_run(const struct options *, int sigfd);

#endif
