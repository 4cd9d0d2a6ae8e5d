/*
 * graph.h: darkstat's four round-robin graphs of local traffic: 60 seconds,
 * 60 minutes, 24 hours and 31 days, each bar indexed by the local-time
 * second, minute, hour and day of month. Driven by packet time.
 */
#ifndef GRAPH_H
#define GRAPH_H

#include <stdint.h>

enum { GRAPH_SECS, GRAPH_MINS, GRAPH_HOURS, GRAPH_DAYS, GRAPHS };

struct graph_bar {
	uint64_t	in;	/* remote -> local bytes */
	uint64_t	out;	/* local -> remote bytes */
};

struct graph {
	uint8_t			nbars;
	uint8_t			pos;	/* the current bar */
	struct graph_bar	bar[60];
};

struct graphs {
	int64_t		last;	/* time of the last rotation; 0 = none */
	struct graph	g[GRAPHS];
};

extern const char *const graph_names[GRAPHS];

void	graphs_init(struct graphs *);
/* Move the current bars to time t, clearing the bars passed over. */
void	graphs_rotate(struct graphs *, int64_t t);
void	graphs_add(struct graphs *, uint64_t in, uint64_t out);

#endif
