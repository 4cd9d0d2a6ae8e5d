/*
 * http.h: the web interface (libmicrohttpd). http_open() binds the
 * listening sockets while the process may still be root (port 667 is
 * privileged); http_start() starts serving once the process is settled
 * (after daemonizing: threads do not survive fork). Requests are answered
 * from snapshots and never hold the stats lock for long.
 */
#ifndef HTTP_H
#define HTTP_H

struct options;

/* Serve at all? --no-tui serves live capture, -p/-b always. */
int	http_wanted(const struct options *);
/* Bind every -b address (default: all) on -p; exit on failure. */
void	http_open(const struct options *);
void	http_start(void);
void	http_stop(void);

#endif
