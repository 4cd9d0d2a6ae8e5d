/*
 * priv.h: giving up root once the packet sources (and the web interface's
 * sockets) are open: --chroot, then --user (default nobody).
 *
 * Life cycle: priv_init() at start-up, before anything is opened or
 * forked, so that a bad --user or --chroot is reported at once; then
 * priv_drop() once, right after the last privileged open and before any
 * thread is started (it checks).
 */
#ifndef PRIV_H
#define PRIV_H

#include "opt.h"

#define PRIV_DEFAULT_USER	"nobody"

void	priv_init(const struct options *);
/*
 * chroot to --chroot, then, when running as root, become --user with no
 * supplementary groups and check that root cannot be had back; as another
 * user, give up any capabilities instead. Exits 1 on any failure.
 */
void	priv_drop(const struct options *);

#endif
