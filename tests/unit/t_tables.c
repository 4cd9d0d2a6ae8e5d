/*
 * t_tables.c: the eviction threshold, port/host tables and their eviction,
 * graph rotation and address parsing, against values worked out by hand
 * from darkstat's documented rules (docs/darkstat-behaviour.md 4.3, 5.2);
 * and that the hosts table's pool asks for huge pages (the kernel's
 * /proc/self/smaps says which mappings it marked).
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "cutoff.h"
#include "graph.h"
#include "hosts.h"
#include "pool.h"
#include "ports.h"
#include "unit.h"
#include "xmalloc.h"

static int
cmp_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y) - (x > y);
}

/* cutoff_value against a full sort, on random data with many ties. */
static void
test_cutoff(void)
{
	uint64_t v[500], s[500];
	int round, bad = 0;

	srand(7);
	for (round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)rand() % 500, keep = (size_t)rand() % n;
		size_t i;

		for (i = 0; i < n; i++)
			v[i] = s[i] = (uint64_t)(rand() % (round % 3 ? 50 : 5));
		qsort(s, n, sizeof s[0], cmp_desc);
		if (cutoff_value(v, n, keep) != s[keep])
			bad++;
	}
	CHECK_U64(bad, 0, "cutoff_value equals the (keep+1)-th largest");
}

static uint64_t
port_total(struct ports *p, uint16_t port)
{
	size_t i;

	for (i = 0; i < ports_count(p); i++)
		if (ports_at(p, i)->port == port)
			return ports_at(p, i)->in + ports_at(p, i)->out;
	return 0;
}

/*
 * darkstat's worked example: totals 200,100,100,100,100 with keep 2: the
 * cutoff is the 3rd largest (100), so every 100 goes and one entry stays.
 */
static void
test_ports_reduce(void)
{
	struct pool *pool = pool_new();
	struct ports *p = NULL;
	uint64_t v[] = { 200, 100, 100, 100, 100 };
	unsigned int i;

	for (i = 0; i < 5; i++)
		ports_get(&p, (uint16_t)(i + 1), 5, 2, pool)->in = v[i];
	CHECK_U64(ports_count(p), 5, "five ports below --ports-max 5");
	ports_get(&p, 6, 5, 2, pool)->in = 1;	/* the 6th insertion reduces first */
	CHECK_U64(ports_count(p), 2, "ties at the cutoff all go: 1 kept + new");
	CHECK_U64(port_total(p, 1), 200, "the largest survives with its bytes");
	CHECK_U64(port_total(p, 6), 1, "the new port is inserted after");
	ports_get(&p, 1, 5, 2, pool)->out += 5;
	CHECK_U64(ports_count(p), 2, "finding an existing port never reduces");
	CHECK_U64(port_total(p, 1), 205, "existing entry updated in place");

	/* Growth past the index's small sizes keeps every entry findable. */
	p = NULL;
	for (i = 0; i < 65536; i++)
		ports_get(&p, (uint16_t)i, 65536, 65535, pool)->in = i + 1;
	CHECK_U64(ports_count(p), 65536, "65536 ports in one table");
	CHECK_U64(port_total(p, 65535), 65536, "last port found");
	CHECK_U64(port_total(p, 4097), 4098, "middle port found");
	pool_free(pool);
}

static struct addr
a4(const char *s)
{
	struct addr a;

	addr_parse(s, &a);
	return a;
}

static void
test_hosts(void)
{
	struct hosts *h = hosts_new();
	struct addr a;
	char buf[32];
	int i;

	for (i = 0; i < 1000; i++) {
		snprintf(buf, sizeof buf, "10.0.%d.%d", i / 256, i % 256);
		a = a4(buf);
		hosts_get(h, &a)->in = (uint64_t)i;
	}
	CHECK_U64(hosts_count(h), 1000, "1000 hosts inserted");
	a = a4("10.0.3.231");
	CHECK(hosts_find(h, &a) && hosts_find(h, &a)->in == 999,
	    "host 10.0.3.231 found with its bytes");
	/* Totals 0..999, keep 500: cutoff is 499, hosts 500..999 stay. */
	CHECK_U64(hosts_reduce(h, 500), 500, "reduce removes 500 hosts");
	CHECK_U64(hosts_count(h), 500, "500 hosts left");
	a = a4("10.0.1.243");	/* 499 */
	CHECK(hosts_find(h, &a) == NULL, "host at the cutoff is gone");
	a = a4("10.0.1.244");	/* 500 */
	CHECK(hosts_find(h, &a) != NULL, "host above the cutoff stays");
	a = a4("10.0.3.231");
	CHECK(hosts_find(h, &a) != NULL, "largest host still found after rebuild");
	hosts_clear(h);
	CHECK_U64(hosts_count(h), 0, "clear empties the table");
	hosts_free(h);
}

static int64_t
at(int y, int mon, int d, int hh, int mm, int ss)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d,
	    .tm_hour = hh, .tm_min = mm, .tm_sec = ss };

	return (int64_t)timegm(&tm);
}

static void
test_graphs(void)
{
	struct graphs g;
	int64_t t0 = at(2026, 11, 22, 10, 59, 58);

	setenv("TZ", "UTC", 1);
	tzset();
	graphs_init(&g);
	graphs_rotate(&g, t0);
	CHECK_U64(g.g[GRAPH_SECS].pos, 58, "first rotate: second 58");
	CHECK_U64(g.g[GRAPH_MINS].pos, 59, "first rotate: minute 59");
	CHECK_U64(g.g[GRAPH_HOURS].pos, 10, "first rotate: hour 10");
	CHECK_U64(g.g[GRAPH_DAYS].pos, 21, "first rotate: day 22 is bar 21");
	graphs_add(&g, 100, 7);
	graphs_rotate(&g, t0 + 3);	/* 11:00:01 */
	CHECK_U64(g.g[GRAPH_SECS].pos, 1, "seconds wrap to bar 1");
	CHECK_U64(g.g[GRAPH_SECS].bar[58].in, 100, "old second bar kept");
	CHECK_U64(g.g[GRAPH_HOURS].pos, 11, "hour steps to 11");
	CHECK_U64(g.g[GRAPH_HOURS].bar[10].in, 100, "hour 10 keeps its bytes");
	CHECK_U64(g.g[GRAPH_HOURS].bar[11].in, 0, "new hour bar starts empty");
	CHECK_U64(g.g[GRAPH_DAYS].bar[21].out, 7, "same day: bar unchanged");
	graphs_rotate(&g, t0 + 1);	/* a step back within the jitter */
	CHECK_U64(g.g[GRAPH_SECS].pos, 1, "small step back ignored");
	graphs_rotate(&g, t0 + 3 + 60);	/* a whole minute later */
	CHECK_U64(g.g[GRAPH_SECS].bar[58].in, 0, "60 s gap clears the seconds");
	CHECK_U64(g.g[GRAPH_HOURS].bar[10].in, 100, "but not the hours");
	graphs_rotate(&g, t0 + 3 + 60 - 3600);	/* clock stepped back 1 h */
	CHECK_U64(g.g[GRAPH_HOURS].pos, 10, "resync moves the current hour");
	CHECK_U64(g.g[GRAPH_HOURS].bar[9].in, 100,
	    "resync shifts the data with it");
	graphs_rotate(&g, at(2026, 12, 30, 0, 0, 0));
	CHECK_U64(g.g[GRAPH_DAYS].bar[21].out, 0, "31-day gap clears the days");
}

static void
test_addr(void)
{
	struct net n;
	struct addr a;
	const char *why;
	char buf[ADDR_STRLEN];

	CHECK(net_parse("192.168.1.77/24", &n, &why) == 0, "parse v4 prefix");
	a = a4("192.168.1.200");
	CHECK(net_contains(&n, &a), "192.168.1.200 in 192.168.1.77/24");
	a = a4("192.168.2.1");
	CHECK(!net_contains(&n, &a), "192.168.2.1 not in it");
	CHECK(net_parse("10.0.0.0/255.0.0.0", &n, &why) == 0, "parse v4 mask");
	a = a4("10.200.0.1");
	CHECK(net_contains(&n, &a), "10.200.0.1 in 10/255.0.0.0");
	CHECK(net_parse("2001:db8::/32", &n, &why) == 0, "parse v6 prefix");
	a = a4("2001:db8:ffff::1");
	CHECK(net_contains(&n, &a), "v6 address in its /32");
	a = a4("10.0.0.1");
	CHECK(!net_contains(&n, &a), "v4 address never in a v6 net");
	CHECK(net_parse("10.0.0.0", &n, &why) == -1, "no slash refused");
	CHECK(net_parse("10.0.0.0/33", &n, &why) == -1, "/33 refused");
	CHECK(net_parse("10.0.0.0/ffff::", &n, &why) == -1,
	    "family mismatch refused");
	CHECK(net_parse("bogus/8", &n, &why) == -1, "bad address refused");
	a = a4("2001:db8::10");
	CHECK(strcmp(addr_str(&a, buf), "2001:db8::10") == 0,
	    "v6 formatted canonically");
}

/* Is p in a mapping marked MADV_HUGEPAGE ("hg" in its VmFlags)? */
static int
marked_huge(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, hg = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0)
			hg = strstr(line, " hg") != NULL;
	}
	fclose(f);
	return hg;
}

static void
test_huge(void)
{
	struct pool *p = pool_new();
	char *big = xmalloc_huge((size_t)5 << 20), *small = xmalloc(4096);
	void *b = NULL;
	int i;

	CHECK((uintptr_t)big % ((size_t)2 << 20) == 0,
	    "xmalloc_huge: 5 MiB aligned to a huge page");
	CHECK(marked_huge(big) && marked_huge(big + ((size_t)4 << 20) - 1),
	    "xmalloc_huge: its whole huge pages marked for THP");
	CHECK(!marked_huge(small), "xmalloc: small blocks not marked");
	/* 16 KiB, 32 KiB ... 2 MiB chunks: the last of 8 MiB is huge. */
	for (i = 0; i < 8 * 1024; i++)
		b = pool_alloc(p, 1024);
	CHECK(marked_huge(b), "the hosts pool's 2 MiB chunks are marked");
	pool_free(p);
	free(big);
	free(small);
}

int
main(void)
{
	test_cutoff();
	test_ports_reduce();
	test_hosts();
	test_graphs();
	test_addr();
	if (access("/sys/kernel/mm/transparent_hugepage", F_OK) == 0)
		test_huge();
	else
		printf("# no transparent huge pages in this kernel: the "
		    "huge page checks are skipped\n");
	return unit_done();
}
