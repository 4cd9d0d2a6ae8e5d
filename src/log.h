/* log.h: diagnostics on stderr: errors, warnings and --verbose messages. */
#ifndef LOG_H
#define LOG_H

#define PRINTFLIKE(a, b) __attribute__((format(printf, a, b)))

void	log_init(const char *progname, int verbose, int use_syslog);
int	log_is_verbose(void);
/* Open the syslog connection now (before a chroot), without using it. */
void	log_open_syslog(void);
/* Close it (before closing every descriptor); reopen with the above. */
void	log_close_syslog(void);
/* From now on, send every message to syslog (a daemon has no stderr). */
void	log_to_syslog(void);
void	log_debug(const char *, ...) PRINTFLIKE(1, 2);
/* Always shown, without "warning:" (what a user must know). */
void	log_info(const char *, ...) PRINTFLIKE(1, 2);
void	log_warnx(const char *, ...) PRINTFLIKE(1, 2);
void	log_warn(const char *, ...) PRINTFLIKE(1, 2);
/* Exit with status 1 (start-up or runtime failure). */
void	fatal(const char *, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));
void	fatalx(const char *, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));
/* Exit with status 2 (bad command line or configuration). */
void	usage_error(const char *, ...) PRINTFLIKE(1, 2)
	    __attribute__((noreturn));
/*
 * Prefix usage_error() messages with where (such as "FILE:LINE"), or with
 * nothing again when NULL.
 */
void	log_usage_where(const char *where);
/* Called by usage_error() to print the usage text; set by opt.c. */
extern void (*log_usage_hook)(void);
/*
 * While the terminal interface owns the screen, messages go to sink (any
 * thread may call it) instead of stderr, and exit_hook restores the
 * terminal before a fatal message is printed.
 */
void	log_set_sink(void (*sink)(const char *line), void (*exit_hook)(void));

#endif
