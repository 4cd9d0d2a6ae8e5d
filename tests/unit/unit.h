/*
 * unit.h: a minimal TAP-style harness. Each check prints "ok - NAME" or
 * "not ok - NAME" (with the values that differed); tests/run counts them.
 * main() ends with "return unit_done();".
 */
#ifndef UNIT_H
#define UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(cond, ...) do {						\
	char name_[256];						\
	snprintf(name_, sizeof name_, __VA_ARGS__);			\
	if (cond)							\
		printf("ok - %s\n", name_);				\
	else {								\
		printf("not ok - %s (%s:%d: %s)\n", name_, __FILE__,	\
		    __LINE__, #cond);					\
		unit_failed++;						\
	}								\
} while (0)

#define CHECK_U64(got, want, ...) do {					\
	uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);		\
	char name_[256];						\
	snprintf(name_, sizeof name_, __VA_ARGS__);			\
	if (g_ == w_)							\
		printf("ok - %s\n", name_);				\
	else {								\
		printf("not ok - %s (%s:%d: %s = %" PRIu64		\
		    ", want %" PRIu64 ")\n", name_, __FILE__, __LINE__,	\
		    #got, g_, w_);					\
		unit_failed++;						\
	}								\
} while (0)

static inline int
unit_done(void)
{
	return unit_failed ? 1 : 0;
}

#endif
