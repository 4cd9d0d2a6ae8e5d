/*
 * daemon.c: darkstat's way of going to the background. The parent waits
 * on a pipe (darkstat's "lifeline") until the child has opened everything
 * and dropped privileges, so a failing start-up still prints its error on
 * the terminal and ends with exit status 1.
 */
#define _GNU_SOURCE		/* pipe2 */
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "xmalloc.h"

static int	 lifeline = -1;	/* child: write end, closed when ready */
static int	 devnull = -1;	/* opened before a chroot hides it */
static char	*pidfile;	/* as seen after the chroot */
static int	 pidfile_outside;	/* absolute, with --chroot */

int
daemon_wanted(const struct options *o)
{
	return o->no_tui && !o->no_daemon && o->capfile == NULL &&
	    o->report == REPORT_NONE;
}

static const char *
absolute(const char *path)
{
	char *cwd, *abs;
	size_t len;

	if (path == NULL || *path == '/')
		return path;
	if ((cwd = getcwd(NULL, 0)) == NULL)
		fatal("getcwd");
	len = strlen(cwd) + strlen(path) + 2;
	abs = xmalloc(len);
	snprintf(abs, len, "%s/%s", cwd, path);
	free(cwd);
	return abs;	/* lives as long as the options */
}

/* The parent: wait for the child's start-up, and exit as it did. */
static void __attribute__((noreturn))
wait_child(pid_t pid, int fd)
{
	char c;
	int status;
	ssize_t n;

	while ((n = read(fd, &c, 1)) == -1 && errno == EINTR)
		;
	if (n == 1)
		_exit(0);
	/* The pipe closed without a word: start-up failed. */
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			_exit(1);
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		_exit(WEXITSTATUS(status));
	_exit(1);
}

void
daemon_start(struct options *o)
{
	int fds[2];
	pid_t pid;

	if (o->chroot_dir == NULL) {
		o->export_file = absolute(o->export_file);
		o->import_file = absolute(o->import_file);
		o->daylog = absolute(o->daylog);
		o->pidfile = absolute(o->pidfile);
	}
	/*
	 * A descriptor inherited from the caller, such as a pipe it reads
	 * to its end, would stay open for the daemon's whole life.
	 */
	log_close_syslog();
	if (close_range(3, ~0U, 0) == -1)
		fatal("close_range");
	if ((devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		fatal("/dev/null");
	/* Its messages go there once detached: connect before a chroot. */
	log_open_syslog();
	if (pipe2(fds, O_CLOEXEC) == -1)
		fatal("pipe");
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1)
		fatal("fork");
	if (pid != 0) {
		close(fds[1]);
		wait_child(pid, fds[0]);
	}
	close(fds[0]);
	lifeline = fds[1];
}

void
daemon_ready(void)
{
	int i;

	if (lifeline == -1)
		return;
	if (setsid() == -1)
		fatal("setsid");
	if (chdir("/") == -1)
		fatal("chdir(\"/\")");
	log_to_syslog();
	for (i = 0; i <= 2; i++)
		if (dup2(devnull, i) == -1)
			fatal("dup2");
	close(devnull);
	devnull = -1;
	if (write(lifeline, "", 1) != 1)
		log_warn("can't tell the parent process that start-up is done");
	close(lifeline);
	lifeline = -1;
	log_debug("running in the background as process %ld", (long)getpid());
}

void
daemon_pidfile(const struct options *o)
{
	const char *path = o->pidfile;
	char *at;
	size_t len;
	FILE *f;
	int fd;

	if (path == NULL)
		return;
	pidfile = xstrdup(path);
	if (o->chroot_dir != NULL && *path != '/') {
		len = strlen(o->chroot_dir) + strlen(path) + 2;
		at = xmalloc(len);
		snprintf(at, len, "%s/%s", o->chroot_dir, path);
	} else {
		at = xstrdup(path);
		pidfile_outside = o->chroot_dir != NULL;
	}
	if ((fd = open(at, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) == -1 || (f = fdopen(fd, "w")) == NULL)
		fatal("can't create pidfile \"%s\"", at);
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f) == EOF)
		fatal("can't write pidfile \"%s\"", at);
	free(at);
}

void
daemon_pidfile_remove(void)
{
	if (pidfile == NULL)
		return;
	if (pidfile_outside)
		log_warnx("can't remove pidfile \"%s\": it is outside --chroot",
		    pidfile);
	else if (unlink(pidfile) == -1 && errno != ENOENT)
		log_warn("can't remove pidfile \"%s\"", pidfile);
	free(pidfile);
	pidfile = NULL;
}
