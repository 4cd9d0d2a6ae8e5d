/*
 * opt.h: the command line, darkstat's options plus ours, parsed once into
 * a read-only struct options.
 */
#ifndef OPT_H
#define OPT_H

#include "addr.h"
#include "history.h"

enum report_format { REPORT_NONE, REPORT_TEXT, REPORT_CSV, REPORT_JSON };

#define MAX_IFACES	16

struct options {
	const char	*ifaces[MAX_IFACES];
	int		 nifaces;
	const char	*filters[MAX_IFACES];
	int		 nfilters;
	const char	*capfile;
	struct net	*nets;		/* -l, repeatable */
	int		 nnets;
	int		 local_only;
	unsigned int	 hosts_max;
	unsigned int	 hosts_keep;
	unsigned int	 ports_max;
	unsigned int	 ports_keep;
	unsigned int	 highest_port;
	unsigned int	 conns_max;	/* 0: no connection tracking */
	unsigned int	 conn_timeout;
	unsigned int	 syn_alarm;	/* 0: no alarm */
	const char	*export_file;
	enum report_format report;
	int		 no_tui;
	double		 delay;		/* UI refresh interval, seconds */
	int		 ascii;
	int		 no_mouse;
	int		 realtime;	/* -r at the capture's own pace */
	int		 verbose;
	int		 pppoe;
	unsigned int	 snaplen;	/* 0: automatic */
	unsigned int	 buffer_mib;	/* kernel capture buffer, MiB */
	int		 no_promisc;
	int		 no_daemon;
	int		 no_dns;
	int		 no_macs;
	int		 no_lastseen;
	int		 hexdump;
	int		 syslog;
	const char	*pidfile;
	int		 wait_set;
	unsigned int	 wait_secs;	/* 0: forever */
	/* The web interface. */
	int		 http_set;	/* -p or -b given */
	unsigned int	 http_port;
	const char	*bind_addrs[MAX_IFACES];
	int		 nbind;
	const char	*base;
	unsigned int	 http_conns;
	unsigned int	 http_timeout;
	unsigned int	 metrics_hosts;
	const char	*chroot_dir;
	const char	*user;
	const char	*daylog;
	const char	*import_file;
	const char	*config;	/* -c */
	const char	*history;	/* --history database, or NULL */
	struct history_keep history_keep;
};

/* Parse argv; bad input exits 2 with a message and the usage. */
struct options		*opt_parse(int argc, char **argv);
void			 opt_usage(void *stream);
const char		*opt_version(void);
/* The version number alone: "0.1". */
const char		*opt_release(void);

#endif
