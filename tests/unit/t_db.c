/*
 * t_db.c: the export/import round trip, and import of every truncation
 * and of random corruptions of an export file: never a crash or an
 * over-read (run under ASan too), a damaged file always reported.
 */
#include <stdlib.h>
#include <unistd.h>

#include "acct.h"
#include "db.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"
#include "tables.h"
#include "unit.h"

static const struct acct_limits limits = { 1000, 500, 60, 30, 65535, 0,
    { 0, 0, 0 }, 0 };

static struct pkt
packet(const char *src, const char *dst, uint8_t proto, uint16_t sp,
    uint16_t dp, uint32_t len, int64_t ts)
{
	struct pkt k;

	memset(&k, 0, sizeof k);
	addr_parse(src, &k.src);
	addr_parse(dst, &k.dst);
	k.proto = proto;
	k.sport = sp;
	k.dport = dp;
	k.len = len;
	k.ts = ts;
	k.tcp_flags = 0x02;
	k.flags = PKT_PROTO | PKT_PORTS | PKT_DST_LOCAL;
	return k;
}

static void
fill(struct tables *t)
{
	struct pkt k;
	int i;

	for (i = 0; i < 20; i++) {
		char a[32];

		snprintf(a, sizeof a, "10.0.0.%d", i);
		k = packet(a, "192.0.2.1", 6, (uint16_t)(40000 + i), 443,
		    (uint32_t)(60 + i), 1700000000 + i);
		acct_packet(t, &limits, &k);
		k = packet("2001:db8::1", a, 17, 53, (uint16_t)(1000 + i),
		    (uint32_t)(100 + i), 1700000100 + i);
		acct_packet(t, &limits, &k);
	}
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);

	*len = f ? fread(buf, 1, 1 << 20, f) : 0;
	if (f)
		fclose(f);
	return buf;
}

static void
spit(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	fwrite(buf, 1, len, f);
	fclose(f);
}

/* Sum of every counter of the tables, as a cheap equality witness. */
static uint64_t
checksum(const struct tables *t)
{
	struct host **v;
	size_t i, j, n;
	uint64_t sum = 0;
	int p;

	v = hosts_list(t->hosts, &n);
	for (i = 0; i < n; i++) {
		sum += v[i]->in * 3 + v[i]->out * 5 + v[i]->addr.u.b[3];
		for (j = 0; j < protos_count(v[i]->protos); j++)
			sum += protos_at(v[i]->protos, j)->in * 7 +
			    protos_at(v[i]->protos, j)->proto;
		for (p = 0; p < PORTS_TABLES; p++)
			for (j = 0; j < ports_count(v[i]->ports[p]); j++) {
				const struct port_entry *e =
				    ports_at(v[i]->ports[p], j);

				sum += e->port * 11 + e->in * 13 + e->out * 17 +
				    e->syn * 19 + (uint64_t)p;
			}
	}
	free(v);
	for (p = 0; p < GRAPHS; p++)
		for (j = 0; j < t->graphs.g[p].nbars; j++)
			sum += t->graphs.g[p].bar[j].in * 23 +
			    t->graphs.g[p].bar[j].out * 29;
	return sum;
}

int
main(void)
{
	char dir[] = "/tmp/t_db.XXXXXX", path[64], cut[64], err[256];
	struct tables t, u;
	size_t len, i, reported = 0, crashed = 0;
	char *file;
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/db", dir);
	snprintf(cut, sizeof cut, "%s/cut", dir);
	tables_init(&t, NULL);
	fill(&t);
	CHECK(db_export(&t, path) == 0, "export");
	tables_init(&u, NULL);
	rc = db_import(&u, path, &limits, err, sizeof err);
	CHECK(rc == DB_OK, "import of our own export");
	CHECK_U64(hosts_count(u.hosts), hosts_count(t.hosts), "same hosts");
	CHECK_U64(checksum(&u), checksum(&t), "same counters and graphs");
	CHECK_U64(u.graphs.last, t.graphs.last, "same graph time");
	tables_destroy(&u);

	file = slurp(path, &len);
	/* Every strict prefix is damaged: the graphs end the file. */
	for (i = 0; i < len; i++) {
		spit(cut, file, i);
		tables_init(&u, NULL);
		if (db_import(&u, cut, &limits, err, sizeof err) == DB_CORRUPT &&
		    strstr(err, "offset") != NULL)
			reported++;
		tables_destroy(&u);
	}
	CHECK_U64(reported, len, "every one of %zu truncations reported "
	    "with its offset", len);
	/* Random corruption: reported or imported, never a crash. */
	srand(1);
	for (i = 0; i < 3000; i++) {
		char *bad = malloc(len);
		int flips = 1 + rand() % 4, f;

		memcpy(bad, file, len);
		for (f = 0; f < flips; f++)
			bad[(size_t)rand() % len] = (char)rand();
		spit(cut, bad, len);
		tables_init(&u, NULL);
		rc = db_import(&u, cut, &limits, err, sizeof err);
		if (rc != DB_OK && rc != DB_CORRUPT)
			crashed++;
		tables_destroy(&u);
		free(bad);
	}
	CHECK_U64(crashed, 0, "3000 random corruptions imported or reported");
	snprintf(cut, sizeof cut, "%s/missing", dir);
	CHECK(db_import(&u, cut, &limits, err, sizeof err) == DB_MISSING,
	    "a missing file is DB_MISSING");
	free(file);
	tables_destroy(&t);
	unlink(path);
	snprintf(cut, sizeof cut, "%s/cut", dir);
	unlink(cut);
	rmdir(dir);
	return unit_done();
}
