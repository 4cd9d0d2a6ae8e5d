/* fmt.c: numbers for people: prefixes, separators, ages. */
#include <stdio.h>

#include "fmt.h"

/*
 * Divide v by base until it fits, then print it with one decimal below
 * 10 and none above. prefixes[i] names base^i (prefixes[0] is unused).
 */
static const char *
scaled(char buf[FMT_LEN], double v, double base, const char *prefixes,
    const char *suffix)
{
	int i = 0;

	while (v >= base && prefixes[i + 1] != '\0') {
		v /= base;
		i++;
	}
	if (i == 0)
		snprintf(buf, FMT_LEN, "%.0f%s", v, suffix);
	else
		snprintf(buf, FMT_LEN, v < 10 ? "%.1f%c%s" : "%.0f%c%s", v,
		    prefixes[i], suffix);
	return buf;
}

const char *const fmt_units_name[UNITS_COUNT] = { "bytes (K = 1024)",
    "bytes (kB = 1000)", "bits (kb = 1000)" };

const char *
fmt_bytes(char buf[FMT_LEN], uint64_t bytes, enum fmt_units u)
{
	switch (u) {
	case UNITS_BITS:
		return scaled(buf, (double)bytes * 8, 1000, " kMGTPE", "b");
	case UNITS_BYTES_SI:
		return scaled(buf, (double)bytes, 1000, " kMGTPE", "B");
	default:
		return scaled(buf, (double)bytes, 1024, " KMGTPE", "");
	}
}

const char *
fmt_rate(char buf[FMT_LEN], double bytes_per_s, enum fmt_units u)
{
	switch (u) {
	case UNITS_BITS:
		return scaled(buf, bytes_per_s * 8, 1000, " kMGTPE", "b/s");
	case UNITS_BYTES_SI:
		return scaled(buf, bytes_per_s, 1000, " kMGTPE", "B/s");
	default:
		return scaled(buf, bytes_per_s, 1024, " KMGTPE", "/s");
	}
}

const char *
fmt_count(char buf[FMT_LEN], uint64_t v)
{
	char tmp[FMT_LEN];
	int n, i, j = 0;

	n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = tmp[i];
	}
	buf[j] = '\0';
	return buf;
}

const char *
fmt_ago(char buf[FMT_LEN], int64_t s)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, FMT_LEN, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, FMT_LEN, "%lldm", (long long)(s / 60));
	else if (s < 86400)
		snprintf(buf, FMT_LEN, "%lldh", (long long)(s / 3600));
	else
		snprintf(buf, FMT_LEN, "%lldd", (long long)(s / 86400));
	return buf;
}

const char *
fmt_uptime(char buf[FMT_LEN], int64_t s)
{
	if (s < 0)
		s = 0;
	if (s >= 86400)
		snprintf(buf, FMT_LEN, "%lldd %02lld:%02lld:%02lld",
		    (long long)(s / 86400), (long long)(s % 86400 / 3600),
		    (long long)(s % 3600 / 60), (long long)(s % 60));
	else
		snprintf(buf, FMT_LEN, "%02lld:%02lld:%02lld",
		    (long long)(s / 3600), (long long)(s % 3600 / 60),
		    (long long)(s % 60));
	return buf;
}
