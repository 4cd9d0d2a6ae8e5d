/*
 * t_history.c: the --history pieces that need no database: the retention
 * schema parser, bucket starts in three time zones (worked out by hand
 * from the zones' rules), and the engine's per-minute records through
 * minute changes, interfaces, an eviction and a reset.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct.h"
#include "histacct.h"
#include "history.h"
#include "hosts.h"
#include "tables.h"
#include "unit.h"

static void
test_parse(void)
{
	struct history_keep k;
	const char *why = NULL;
	static const char *const bad[] = { "", "minute", ":5", "minute:",
	    "minute:x", "minute:+1", "minute:-1", "minutes:1", "week:1",
	    "hour:1,hour:2", "minute:1,", ",minute:1", "minute:1 ",
	    "day:100000001", "day:99999999999999999999", NULL };
	int i;

	CHECK(history_keep_parse(HISTORY_KEEP_DEFAULT, &k, &why) == 0,
	    "the default schema parses");
	CHECK(k.n[HISTORY_MINUTE] == 1440 && k.n[HISTORY_HOUR] == 2160 &&
	    k.n[HISTORY_DAY] == 1095, "default: 1440 minutes, 2160 hours, "
	    "1095 days");
	CHECK(history_keep_parse("day:7,minute:0", &k, &why) == 0 &&
	    k.n[HISTORY_MINUTE] == 0 && k.n[HISTORY_HOUR] == 2160 &&
	    k.n[HISTORY_DAY] == 7, "any order; names left out keep their value");
	CHECK(history_keep_parse("hour:100000000", &k, &why) == 0 &&
	    k.n[HISTORY_HOUR] == 100000000, "the largest count");
	for (i = 0; bad[i] != NULL; i++) {
		struct history_keep before = k;

		why = NULL;
		CHECK(history_keep_parse(bad[i], &k, &why) == -1 && why != NULL &&
		    memcmp(&before, &k, sizeof k) == 0,
		    "\"%s\" is refused with a reason, k unchanged", bad[i]);
	}
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_buckets(void)
{
	/* 2023-11-14 22:13:20 UTC */
	const int64_t t = 1700000000;

	zone("UTC");
	CHECK_U64(history_bucket(HISTORY_MINUTE, t), 1699999980, "UTC minute");
	CHECK_U64(history_bucket(HISTORY_HOUR, t), 1699999200, "UTC hour");
	CHECK_U64(history_bucket(HISTORY_DAY, t), 1699920000, "UTC day");
	/* 2023-11-15 03:43:20 +0530: the local hour began at 21:30 UTC... */
	zone("Asia/Kolkata");
	CHECK_U64(history_bucket(HISTORY_HOUR, t), 1699997400,
	    "Kolkata: 03:00 local is 21:30 UTC");
	/* ...and the day at 2023-11-14 18:30 UTC */
	CHECK_U64(history_bucket(HISTORY_DAY, t), 1699986600,
	    "Kolkata: the local day began 18:30 UTC the day before");
	/*
	 * Paris, 2023-03-26: 23 hours (CET to CEST at 02:00). Noon that day
	 * is 10:00 UTC, 1679824800; the day began at 2023-03-25 23:00 UTC.
	 */
	zone("Europe/Paris");
	CHECK_U64(history_bucket(HISTORY_DAY, 1679824800), 1679785200,
	    "Paris: the short day begins at local midnight (CET)");
	CHECK_U64(history_bucket(HISTORY_DAY, 1679785200 + 23 * 3600),
	    1679785200 + 23 * 3600, "Paris: the next day 23 hours later");
	CHECK_U64(history_bucket(HISTORY_DAY, 1679785200 + 23 * 3600 - 1),
	    1679785200, "Paris: the last second of the short day");
	zone("UTC");
}

static struct pkt
packet(const char *src, const char *dst, int64_t ts, uint32_t len, int iface)
{
	struct pkt k;

	memset(&k, 0, sizeof k);
	addr_parse(src, &k.src);
	addr_parse(dst, &k.dst);
	k.ts = ts;
	k.len = len;
	k.iface = (uint8_t)iface;
	k.flags = PKT_SRC_LOCAL;	/* src local, dst remote: "out" */
	return k;
}

/* The bytes records say a host sent (out) or received in minute m. */
static uint64_t
host_sum(const struct hist_host *v, size_t n, const char *a, int64_t m,
    int out)
{
	struct addr x;
	uint64_t sum = 0;
	size_t i;

	addr_parse(a, &x);
	for (i = 0; i < n; i++)
		if (addr_eq(&v[i].addr, &x) && v[i].minute == m)
			sum += out ? v[i].out : v[i].in;
	return sum;
}

static void
test_records(void)
{
	struct acct_limits l = { 4, 2, 0, 0, 65535, 0, { 0, 0, 0 }, 1 };
	struct hist_host *hv;
	struct hist_iface *iv;
	struct tables t;
	struct pkt k;
	size_t nh, ni, i;
	uint64_t a = 0, b = 0;
	char s[32];

	tables_init(&t, NULL);
	/* Minute 100: 10.0.0.1 sends 100 + 50; minute 101: 30 more. */
	k = packet("10.0.0.1", "192.0.2.1", 6000, 100, 0);
	acct_packet(&t, &l, &k);
	k = packet("10.0.0.1", "192.0.2.1", 6059, 50, 1);
	acct_packet(&t, &l, &k);
	k = packet("10.0.0.1", "192.0.2.2", 6060, 30, 0);
	acct_packet(&t, &l, &k);
	CHECK_U64(histacct_pending(&t.hist), 2, "a new minute emits the last "
	    "one: 10.0.0.1 and interface 0");
	/* Six more hosts: the table of 4 evicts, the history keeps them. */
	for (i = 0; i < 6; i++) {
		snprintf(s, sizeof s, "198.51.100.%zu", i + 1);
		k = packet("10.0.0.9", s, 6061, (uint32_t)(1000 + i), 0);
		acct_packet(&t, &l, &k);
	}
	CHECK(t.totals.hosts_evicted > 0, "hosts were evicted");
	histacct_drain(&t.hist, t.hosts);
	histacct_take(&t.hist, &hv, &nh, &iv, &ni);
	CHECK_U64(host_sum(hv, nh, "10.0.0.1", 100, 1), 150, "minute 100: "
	    "150 bytes out of 10.0.0.1");
	CHECK_U64(host_sum(hv, nh, "10.0.0.1", 101, 1), 30, "minute 101: 30");
	CHECK_U64(host_sum(hv, nh, "192.0.2.1", 100, 0), 150, "minute 100: "
	    "150 bytes into 192.0.2.1");
	for (i = 0; i < 6; i++) {
		snprintf(s, sizeof s, "198.51.100.%zu", i + 1);
		if (host_sum(hv, nh, s, 101, 0) == 1000 + i)
			a++;
	}
	CHECK_U64(a, 6, "every evicted host's minute is in the records");
	CHECK_U64(host_sum(hv, nh, "10.0.0.9", 101, 1), 6015, "the sender's "
	    "minute, across evictions");
	for (i = 0, a = b = 0; i < ni; i++) {
		if (iv[i].iface == 0)
			a += iv[i].bytes;
		else
			b += iv[i].bytes;
		CHECK(iv[i].out == iv[i].bytes && iv[i].in == 0,
		    "interface record %zu: all of it out", i);
	}
	CHECK(a == 100 + 30 + 6015 && b == 50, "interfaces: %llu and %llu "
	    "bytes", (unsigned long long)a, (unsigned long long)b);
	free(hv);
	free(iv);

	/* A reset takes the hosts' current minute away: not the history. */
	k = packet("10.0.0.1", "192.0.2.1", 6200, 77, 0);
	acct_packet(&t, &l, &k);
	hosts_clear(t.hosts);
	histacct_removed(&t.hist, t.hosts);
	histacct_removed(&t.hist, t.hosts);	/* twice: nothing twice */
	histacct_take(&t.hist, &hv, &nh, &iv, &ni);
	CHECK_U64(host_sum(hv, nh, "10.0.0.1", 103, 1), 77, "a reset hands "
	    "over the current minute, once");
	free(hv);
	free(iv);
	tables_destroy(&t);
}

int
main(void)
{
	test_parse();
	test_buckets();
	test_records();
	return unit_done();
}
