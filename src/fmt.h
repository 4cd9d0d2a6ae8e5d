/* fmt.h: pure formatters for figures shown to people (no curses). */
#ifndef FMT_H
#define FMT_H

#include <stdint.h>

#define FMT_LEN	32

enum fmt_units {
	UNITS_BYTES,	/* bytes, binary prefixes: 1.5K = 1536 bytes */
	UNITS_BYTES_SI,	/* bytes, decimal prefixes: 1.5kB = 1500 bytes */
	UNITS_BITS,	/* bits, decimal prefixes: 1.5kb = 1500 bits */
	UNITS_COUNT
};

extern const char *const fmt_units_name[UNITS_COUNT];

const char	*fmt_bytes(char buf[FMT_LEN], uint64_t bytes, enum fmt_units);
const char	*fmt_rate(char buf[FMT_LEN], double bytes_per_s, enum fmt_units);
/* 1234567 -> "1,234,567" */
const char	*fmt_count(char buf[FMT_LEN], uint64_t);
/* Seconds as the largest unit: "0s", "59s", "3m", "5h", "2d". */
const char	*fmt_ago(char buf[FMT_LEN], int64_t secs);
/* Seconds as "2d 04:11:05" or "04:11:05". */
const char	*fmt_uptime(char buf[FMT_LEN], int64_t secs);

#endif
