/*
 * priv.c: --chroot and --user. Everything after priv_drop() (decoding
 * packets, reading --import, writing --export and --daylog) runs without
 * root: a bug in the decoder then gives an attacker an unprivileged,
 * possibly chrooted, process.
 */
#define _GNU_SOURCE		/* setresuid and friends */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "priv.h"

static const char	*user;		/* the user we become */
static uid_t		 uid;
static gid_t		 gid;

void
priv_init(const struct options *o)
{
	struct passwd *pw;
	struct stat sb;

	user = o->user != NULL ? o->user : PRIV_DEFAULT_USER;
	/* As another user, the default is never used: don't ask for it. */
	if (o->user != NULL || geteuid() == 0) {
		errno = 0;
		if ((pw = getpwnam(user)) == NULL) {
			if (o->user != NULL)
				usage_error("--user: \"%s\": %s", user, errno ?
				    strerror(errno) : "no such user");
			fatalx("there is no user \"%s\" to run as after "
			    "start-up: name one with --user", user);
		}
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	}
	if (o->chroot_dir == NULL)
		return;
	if (stat(o->chroot_dir, &sb) == -1)
		usage_error("--chroot: \"%s\": %s", o->chroot_dir,
		    strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		usage_error("--chroot: \"%s\" is not a directory",
		    o->chroot_dir);
}

static void
enter_chroot(const char *dir)
{
	/*
	 * glibc reads the zone file again whenever TZ is unset, and finds no
	 * /etc/localtime in the chroot: it would fall back to UTC. With TZ
	 * naming the file, the zone loaded now is kept.
	 */
	if (getenv("TZ") == NULL && setenv("TZ", ":/etc/localtime", 1) == -1)
		fatal("setenv");
	tzset();
	if (chroot(dir) == -1)
		fatal("--chroot: can't chroot to \"%s\"", dir);
	if (chdir("/") == -1)
		fatal("--chroot: can't chdir to \"/\" in \"%s\"", dir);
	log_debug("chrooted to \"%s\"", dir);
}

static void
caps_get(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	if (syscall(SYS_capget, &h, d) == -1)
		fatal("capget");
}

/* Are the permitted and effective sets exactly keep (bits 0-31)? */
static int
caps_are(uint32_t keep)
{
	struct __user_cap_data_struct d[2];

	caps_get(d);
	return d[0].effective == keep && d[0].permitted == keep &&
	    (d[1].effective | d[1].permitted | d[0].inheritable |
	    d[1].inheritable) == 0;
}

/*
 * Keep only those of the capabilities in keep (none, or CAP_NET_RAW for
 * --wait) that we have, and return them. Root loses them all with its
 * user id; a user given CAP_NET_RAW by setcap(8) or a service manager
 * gives them up here.
 */
static uint32_t
caps_limit(uint32_t keep)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	caps_get(d);
	keep &= d[0].permitted;
	if (caps_are(keep))
		return keep;
	memset(d, 0, sizeof d);
	d[0].effective = d[0].permitted = keep;
	if (syscall(SYS_capset, &h, d) == -1)
		fatal("capset");
	return keep;
}

/*
 * --wait opens an interface again when it comes back after start-up: that
 * needs CAP_NET_RAW, the one capability then kept.
 */
static uint32_t
caps_kept(const struct options *o)
{
	return o->wait_set && o->capfile == NULL ?
	    (uint32_t)1 << CAP_NET_RAW : 0;
}

static void
become_user(uint32_t keep)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == -1)
		fatal("prctl(PR_SET_KEEPCAPS)");
	if (setgroups(0, NULL) == -1)
		fatal("--user %s: setgroups", user);
	if (setresgid(gid, gid, gid) == -1)
		fatal("--user %s: setresgid %u", user, (unsigned)gid);
	if (setresuid(uid, uid, uid) == -1)
		fatal("--user %s: setresuid %u", user, (unsigned)uid);
	if (keep && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) == -1)
		fatal("prctl(PR_SET_KEEPCAPS)");
	keep = caps_limit(keep);
	/* Trust, but check: none of this may have been half done. */
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1)
		fatal("getresuid");
	if (ru != uid || eu != uid || su != uid || rg != gid || eg != gid ||
	    sg != gid || getgroups(0, NULL) != 0)
		fatalx("--user %s: the user and group ids did not all change",
		    user);
	if (setuid(0) != -1 || setgid(0) != -1)
		fatalx("--user %s: root could be had back", user);
	if (!caps_are(keep))
		fatalx("--user %s: capabilities are left", user);
}

/*
 * capset(2) and PR_SET_NO_NEW_PRIVS act on the calling thread only (glibc
 * spreads setresuid to every thread, not those): no other thread may run
 * yet. Start threads after priv_drop().
 */
static void
check_one_thread(void)
{
	FILE *f;
	char line[128];
	int n = 1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	if (n != 1)
		fatalx("BUG: privileges dropped with %d threads running", n);
}

void
priv_drop(const struct options *o)
{
	check_one_thread();
	if (o->chroot_dir != NULL)
		enter_chroot(o->chroot_dir);
	if (geteuid() != 0) {
		log_debug("not root: staying user %u", (unsigned)geteuid());
		caps_limit(caps_kept(o));
		goto done;
	}
	if (uid == 0) {
		log_warnx("--user %s is root: keeping all privileges", user);
		return;
	}
	become_user(caps_kept(o));
	log_debug("now running as user %s (uid %u, gid %u)%s", user,
	    (unsigned)uid, (unsigned)gid, caps_kept(o) ?
	    ", keeping CAP_NET_RAW for --wait" : "");
done:
	/* No exec is expected, but none could gain privileges either. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("prctl(PR_SET_NO_NEW_PRIVS)");
}
