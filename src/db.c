/*
 * db.c: the export file, byte for byte in darkstat 3.0.719's format (see
 * docs/darkstat-behaviour.md section 6), so the real darkstat imports it.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "db.h"
#include "hosts.h"
#include "log.h"
#include "ports.h"
#include "protos.h"
#include "tables.h"
#include "xmalloc.h"

static void
put8(FILE *f, uint8_t v)
{
	putc(v, f);
}

static void
put16(FILE *f, uint16_t v)
{
	putc(v >> 8, f);
	putc(v & 0xff, f);
}

static void
put32(FILE *f, uint32_t v)
{
	put16(f, (uint16_t)(v >> 16));
	put16(f, (uint16_t)v);
}

static void
put64(FILE *f, uint64_t v)
{
	put32(f, (uint32_t)(v >> 32));
	put32(f, (uint32_t)v);
}

static void
put_bytes(FILE *f, const void *p, size_t n)
{
	fwrite(p, 1, n, f);
}

/*
 * darkstat stores "last seen" on the monotonic clock and exports
 * real - mono + last; a host that never sent (0) comes out as the boot
 * time. Write the same so darkstat shows "(never)" for it.
 */
static int64_t
boot_time(void)
{
	struct timespec mono;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	return (int64_t)time(NULL) - mono.tv_sec;
}

static void
put_ports(FILE *f, char tag, const struct ports *p, int tcp)
{
	size_t i, n = ports_count(p);

	if (n > 65535)	/* the count is 16 bits; drop the last entry */
		n = 65535;
	put8(f, (uint8_t)tag);
	put16(f, (uint16_t)n);
	for (i = 0; i < n; i++) {
		const struct port_entry *e = ports_at(p, i);

		put16(f, e->port);
		if (tcp)
			put64(f, e->syn);
		put64(f, e->in);
		put64(f, e->out);
	}
}

static void
put_host(FILE *f, const struct host *h, int64_t boot)
{
	size_t i, n = protos_count(h->protos);

	put_bytes(f, "HST\x04", 4);
	put8(f, h->addr.family);
	put_bytes(f, h->addr.u.b, h->addr.family == 4 ? 4 : 16);
	put64(f, (uint64_t)(h->last_seen ? h->last_seen : boot));
	put_bytes(f, h->mac, 6);
	put8(f, 0);			/* no name resolved */
	put64(f, h->in);
	put64(f, h->out);
	if (n > 255)		/* the count is 8 bits */
		n = 255;
	put8(f, 'P');
	put8(f, (uint8_t)n);
	for (i = 0; i < n; i++) {
		const struct proto_entry *e = protos_at(h->protos, i);

		put8(f, e->proto);
		put64(f, e->in);
		put64(f, e->out);
	}
	put_ports(f, 'T', h->ports[PORTS_TCP], 1);
	put_ports(f, 'U', h->ports[PORTS_UDP], 0);
	put_ports(f, 't', h->ports[PORTS_TCP_REMOTE], 1);
	put_ports(f, 'u', h->ports[PORTS_UDP_REMOTE], 0);
}

static void
put_graphs(FILE *f, const struct graphs *gs)
{
	int i, b;

	put_bytes(f, "\xda" "GR\x01", 4);
	put64(f, (uint64_t)gs->last);
	for (i = 0; i < GRAPHS; i++) {
		put8(f, gs->g[i].nbars);
		put8(f, gs->g[i].pos);
		for (b = 0; b < gs->g[i].nbars; b++) {
			put64(f, gs->g[i].bar[b].in);
			put64(f, gs->g[i].bar[b].out);
		}
	}
}

static void
write_db(FILE *f, const struct tables *t)
{
	struct host **v;
	size_t i, n;
	int64_t boot = boot_time();

	put_bytes(f, "\xda\x31\x41\x59", 4);
	put_bytes(f, "\xda" "HS\x01", 4);
	v = hosts_list(t->hosts, &n);
	put32(f, (uint32_t)n);
	for (i = 0; i < n; i++)
		put_host(f, v[i], boot);
	free(v);
	put_graphs(f, &t->graphs);
}

/* fsync the directory holding path, so the rename itself is durable. */
static void
sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int
db_export(const struct tables *t, const char *path)
{
	size_t len = strlen(path) + 16;
	char *tmp = xmalloc(len);
	FILE *f = NULL;
	int fd;

	snprintf(tmp, len, "%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		log_warn("export: can't create a temporary file for \"%s\"",
		    path);
		free(tmp);
		return -1;
	}
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		goto fail;
	}
	write_db(f, t);
	if (fflush(f) == EOF || ferror(f) || fsync(fd) == -1)
		goto fail;
	if (fclose(f) == EOF) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, path) == -1)
		goto fail;
	sync_dir(path);
	free(tmp);
	log_debug("exported the database to \"%s\"", path);
	return 0;
fail:
	log_warn("export to \"%s\" failed; the old file is untouched", path);
	if (f != NULL)
		fclose(f);
	unlink(tmp);
	free(tmp);
	return -1;
}
