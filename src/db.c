/*
 * db.c: the export file, byte for byte in darkstat 3.0.719's format (see
 * docs/darkstat-behaviour.md section 6), so the real darkstat imports it.
 */
#include <endian.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "acct.h"
#include "db.h"
#include "hosts.h"
#include "log.h"
#include "pool.h"
#include "ports.h"
#include "protos.h"
#include "tables.h"
#include "xmalloc.h"

/*
 * The export is formatted into a buffer of its own and written 256 KiB at
 * a time: a byte at a time through stdio was most of its cost (17 MB for
 * 100k hosts: 0.14 -> 0.05 s with the fsync).
 */
#define OUT_BUFFER	(256 << 10)

struct out {
	int		 fd;
	int		 failed;	/* a write failed: the export is lost */
	size_t		 len;
	uint8_t		*buf;		/* OUT_BUFFER bytes */
};

static void
out_flush(struct out *o)
{
	size_t off = 0;
	ssize_t n;

	while (off < o->len && !o->failed) {
		if ((n = write(o->fd, o->buf + off, o->len - off)) > 0)
			off += (size_t)n;
		else if (n == 0 || errno != EINTR)
			o->failed = 1;
	}
	o->len = 0;
}

/* n <= OUT_BUFFER: the records are written a field at a time. */
static void
put_bytes(struct out *o, const void *p, size_t n)
{
	if (o->len + n > OUT_BUFFER)
		out_flush(o);
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void
put8(struct out *o, uint8_t v)
{
	put_bytes(o, &v, 1);
}

static void
put16(struct out *o, uint16_t v)
{
	v = htobe16(v);
	put_bytes(o, &v, 2);
}

static void
put32(struct out *o, uint32_t v)
{
	v = htobe32(v);
	put_bytes(o, &v, 4);
}

static void
put64(struct out *o, uint64_t v)
{
	v = htobe64(v);
	put_bytes(o, &v, 8);
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
put_ports(struct out *o, char tag, const struct ports *p, int tcp)
{
	size_t i, n = ports_count(p);

	if (n > 65535)	/* the count is 16 bits; drop the last entry */
		n = 65535;
	put8(o, (uint8_t)tag);
	put16(o, (uint16_t)n);
	for (i = 0; i < n; i++) {
		const struct port_entry *e = ports_at(p, i);

		put16(o, e->port);
		if (tcp)
			put64(o, e->syn);
		put64(o, e->in);
		put64(o, e->out);
	}
}

static void
put_host(struct out *o, const struct host *h, int64_t boot)
{
	size_t i, n = protos_count(h->protos);

	put_bytes(o, "HST\x04", 4);
	put8(o, h->addr.family);
	put_bytes(o, h->addr.u.b, h->addr.family == 4 ? 4 : 16);
	put64(o, (uint64_t)(h->last_seen ? h->last_seen : boot));
	put_bytes(o, h->mac, 6);
	put8(o, 0);			/* no name resolved */
	put64(o, h->in);
	put64(o, h->out);
	if (n > 255)		/* the count is 8 bits */
		n = 255;
	put8(o, 'P');
	put8(o, (uint8_t)n);
	for (i = 0; i < n; i++) {
		const struct proto_entry *e = protos_at(h->protos, i);

		put8(o, e->proto);
		put64(o, e->in);
		put64(o, e->out);
	}
	put_ports(o, 'T', h->ports[PORTS_TCP], 1);
	put_ports(o, 'U', h->ports[PORTS_UDP], 0);
	put_ports(o, 't', h->ports[PORTS_TCP_REMOTE], 1);
	put_ports(o, 'u', h->ports[PORTS_UDP_REMOTE], 0);
}

static void
put_graphs(struct out *o, const struct graphs *gs)
{
	int i, b;

	put_bytes(o, "\xda" "GR\x01", 4);
	put64(o, (uint64_t)gs->last);
	for (i = 0; i < GRAPHS; i++) {
		put8(o, gs->g[i].nbars);
		put8(o, gs->g[i].pos);
		for (b = 0; b < gs->g[i].nbars; b++) {
			put64(o, gs->g[i].bar[b].in);
			put64(o, gs->g[i].bar[b].out);
		}
	}
}

static void
write_db(struct out *o, const struct tables *t)
{
	struct host **v;
	size_t i, n;
	int64_t boot = boot_time();

	put_bytes(o, "\xda\x31\x41\x59", 4);
	put_bytes(o, "\xda" "HS\x01", 4);
	v = hosts_list(t->hosts, &n);
	put32(o, (uint32_t)n);
	for (i = 0; i < n; i++)
		put_host(o, v[i], boot);
	free(v);
	put_graphs(o, &t->graphs);
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
	struct out o = { -1, 0, 0, NULL };
	int bad;

	snprintf(tmp, len, "%s.tmp.XXXXXX", path);
	if ((o.fd = mkstemp(tmp)) == -1) {
		log_warn("export: can't create a temporary file for \"%s\"",
		    path);
		free(tmp);
		return -1;
	}
	o.buf = xmalloc(OUT_BUFFER);
	write_db(&o, t);
	out_flush(&o);
	free(o.buf);
	bad = o.failed || fsync(o.fd) == -1;
	if (close(o.fd) == -1)
		bad = 1;
	if (bad || rename(tmp, path) == -1)
		goto fail;
	sync_dir(path);
	free(tmp);
	log_debug("exported the database to \"%s\"", path);
	return 0;
fail:
	log_warn("export to \"%s\" failed; the old file is untouched", path);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* ---------------------------------------------------------------- import */

/*
 * A bounds-checked reader over the whole file. The first failure records
 * the offset and the reason; every later read fails too, so the parser
 * can check once per record.
 */
struct rd {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
	char		*err;	/* caller's buffer, empty while all is well */
	size_t		 errlen;
};

static int
rd_fail(struct rd *r, const char *what)
{
	if (r->err[0] == '\0')
		snprintf(r->err, r->errlen, "at offset %zu: %s", r->off, what);
	r->off = r->len;
	return -1;
}

static int
rd_bytes(struct rd *r, void *dst, size_t n, const char *what)
{
	char why[96];

	if (r->err[0] != '\0')
		return -1;
	if (r->len - r->off < n) {
		snprintf(why, sizeof why, "file ends inside %s", what);
		return rd_fail(r, why);
	}
	memcpy(dst, r->p + r->off, n);
	r->off += n;
	return 0;
}

static uint64_t
rd_be(struct rd *r, size_t n, const char *what)
{
	uint8_t b[8];
	uint64_t v = 0;
	size_t i;

	if (rd_bytes(r, b, n, what) == -1)
		return 0;
	for (i = 0; i < n; i++)
		v = v << 8 | b[i];
	return v;
}

/* Read a tag of n bytes and check it. */
static int
rd_expect(struct rd *r, const char *tag, size_t n, const char *what)
{
	uint8_t b[4];
	char why[96];

	if (rd_bytes(r, b, n, what) == -1)
		return -1;
	if (memcmp(b, tag, n) != 0) {
		r->off -= n;
		snprintf(why, sizeof why, "expecting %s", what);
		return rd_fail(r, why);
	}
	return 0;
}

static void
rd_ports(struct rd *r, struct pool *pool, struct host *h, int table,
    char tag, int tcp, const struct acct_limits *l)
{
	char t[2] = { tag, 0 }, what[40];
	uint64_t n, i;

	snprintf(what, sizeof what, "port table '%c'", tag);
	if (rd_expect(r, t, 1, what) == -1)
		return;
	n = rd_be(r, 2, what);
	for (i = 0; i < n && r->err[0] == '\0'; i++) {
		uint16_t port = (uint16_t)rd_be(r, 2, "a port");
		uint64_t syn = tcp ? rd_be(r, 8, "a port") : 0;
		uint64_t in = rd_be(r, 8, "a port");
		uint64_t out = rd_be(r, 8, "a port");
		struct port_entry *e;

		if (r->err[0] != '\0' || l->ports_max == 0)
			continue;
		e = ports_get(&h->ports[table], port, l->ports_max,
		    l->ports_keep, pool);
		e->syn += syn;
		e->in += in;
		e->out += out;
	}
}

/*
 * One host record, versions 1 to 4 (darkstat 3.0.719 writes 4): v1 has an
 * IPv4 address and no last-seen time, v2 adds the time, v3 the address
 * family, v4 the remote port tables. A host already in the table (a file
 * naming it twice) has the counts added.
 */
static void
rd_host(struct rd *r, struct tables *t, const struct acct_limits *l)
{
	struct pool *pool = hosts_pool(t->hosts);
	struct host *h;
	struct addr a;
	uint8_t tag[4], mac[6], name[255];
	uint64_t last = 0, in, out, n, i;
	int ver;

	if (rd_bytes(r, tag, 4, "a host record") == -1)
		return;
	if (memcmp(tag, "HST", 3) != 0 || tag[3] < 1 || tag[3] > 4) {
		r->off -= 4;
		rd_fail(r, "bad host record header");
		return;
	}
	ver = tag[3];
	memset(&a, 0, sizeof a);
	a.family = ver >= 3 ? (uint8_t)rd_be(r, 1, "an address family") : 4;
	if (a.family != 4 && a.family != 6) {
		r->off--;
		rd_fail(r, "bad address family");
		return;
	}
	rd_bytes(r, a.u.b, a.family == 4 ? 4 : 16, "an address");
	if (ver >= 2)
		last = rd_be(r, 8, "a last-seen time");
	rd_bytes(r, mac, 6, "a MAC address");
	n = rd_be(r, 1, "a host name");
	rd_bytes(r, name, (size_t)n, "a host name");
	in = rd_be(r, 8, "host bytes");
	out = rd_be(r, 8, "host bytes");
	if (r->err[0] != '\0')
		return;
	h = hosts_get(t->hosts, &a);
	h->in += in;
	h->out += out;
	memcpy(h->mac, mac, 6);
	if ((int64_t)last > h->last_seen)
		h->last_seen = (int64_t)last;
	if (rd_expect(r, "P", 1, "protocol table 'P'") == -1)
		return;
	n = rd_be(r, 1, "protocol table 'P'");
	for (i = 0; i < n && r->err[0] == '\0'; i++) {
		uint8_t proto = (uint8_t)rd_be(r, 1, "a protocol");
		uint64_t pin = rd_be(r, 8, "a protocol");
		uint64_t pout = rd_be(r, 8, "a protocol");
		struct proto_entry *e;

		if (r->err[0] != '\0')
			break;
		e = protos_get(&h->protos, proto, pool);
		e->in += pin;
		e->out += pout;
	}
	rd_ports(r, pool, h, PORTS_TCP, 'T', 1, l);
	rd_ports(r, pool, h, PORTS_UDP, 'U', 0, l);
	if (ver < 4)
		return;
	rd_ports(r, pool, h, PORTS_TCP_REMOTE, 't', 1, l);
	rd_ports(r, pool, h, PORTS_UDP_REMOTE, 'u', 0, l);
}

static void
rd_graphs(struct rd *r, struct graphs *gs)
{
	static const uint8_t want[GRAPHS] = { 60, 60, 24, 31 };
	int i, b;

	if (rd_expect(r, "\xda" "GR\x01", 4, "the graphs section") == -1)
		return;
	gs->last = (int64_t)rd_be(r, 8, "the graphs section");
	for (i = 0; i < GRAPHS && r->err[0] == '\0'; i++) {
		struct graph *g = &gs->g[i];
		uint8_t nbars = (uint8_t)rd_be(r, 1, "a graph");

		g->pos = (uint8_t)rd_be(r, 1, "a graph");
		if (r->err[0] == '\0' && (nbars != want[i] || g->pos >= nbars)) {
			r->off -= 2;
			rd_fail(r, "bad graph size or position");
			return;
		}
		for (b = 0; b < nbars; b++) {
			g->bar[b].in = rd_be(r, 8, "a graph bar");
			g->bar[b].out = rd_be(r, 8, "a graph bar");
		}
	}
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	*len = 0;
	do {
		if (*len == cap)
			buf = xreallocarray(buf, cap = cap ? cap * 2 : 65536, 1);
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int
db_import(struct tables *t, const char *path, const struct acct_limits *l,
    char *err, size_t errlen)
{
	struct rd r;
	char *buf;
	uint64_t n, i;

	err[0] = '\0';
	if ((buf = read_file(path, &r.len)) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return errno == ENOENT ? DB_MISSING : DB_UNREADABLE;
	}
	r.p = (const uint8_t *)buf;
	r.off = 0;
	r.err = err;
	r.errlen = errlen;
	rd_expect(&r, "\xda\x31\x41\x59", 4, "the file header da314159");
	rd_expect(&r, "\xda" "HS\x01", 4, "the hosts section");
	n = rd_be(&r, 4, "the host count");
	for (i = 0; i < n && err[0] == '\0'; i++)
		rd_host(&r, t, l);
	rd_graphs(&r, &t->graphs);
	free(buf);
	return err[0] == '\0' ? DB_OK : DB_CORRUPT;
}
