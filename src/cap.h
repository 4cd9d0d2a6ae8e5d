/*
 * cap.h: packet sources (live interfaces or one capture file) and their
 * capture threads.
 *
 * Life cycle: cap_open() once (needs root for interfaces: call it before
 * dropping privileges), cap_start() once, then cap_done() / cap_stop()
 * from the main thread, cap_close() last.
 */
#ifndef CAP_H
#define CAP_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct cap_info {
	const char	*name;		/* interface or file name */
	const char	*linktype;	/* DLT name */
	uint64_t	 received;	/* pcap_stats ps_recv (live) */
	uint64_t	 dropped;	/* ps_drop + ps_ifdrop (live) */
	uint64_t	 frames;	/* frames read */
	const char	*error;		/* read error that ended it, or NULL */
	int		 live;		/* an interface, not a file */
};

/* Pick the first interface that is up and not loopback, or NULL. */
char		*cap_default_iface(void);
void		 cap_open(const struct options *);
void		 cap_start(void);
/* A file descriptor that becomes readable when a capture thread ends. */
int		 cap_wake_fd(void);
/* Have all capture threads ended (end of file, error)? */
int		 cap_done(void);
/* Stop and join every capture thread. */
void		 cap_stop(void);
int		 cap_count(void);
void		 cap_info(int i, struct cap_info *);
void		 cap_close(void);
/*
 * Replace the BPF filter of every source at run time. It is compiled here
 * first: a bad one returns -1 with libpcap's message and the old filter
 * stays. The capture threads apply it between two reads.
 */
int		 cap_set_filter(const char *expr, char *err, size_t errlen);
/* The filter in force on the first source ("" for none). */
void		 cap_filter_text(char *buf, size_t len);

#endif
