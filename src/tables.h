/*
 * tables.h: everything the engine counts, as one value that stats.c keeps
 * under its lock and hands out as deep copies (snapshots).
 */
#ifndef TABLES_H
#define TABLES_H

#include <stdint.h>

#include "decode.h"
#include "graph.h"

struct hosts;

struct totals {
	uint64_t	frames;		/* every frame handed to decode */
	uint64_t	packets;	/* accounted packets */
	uint64_t	bytes;		/* their IP lengths */
	uint64_t	cut;		/* accounted but cut by the snaplen */
	uint64_t	local_in_bytes;	/* graph direction: remote -> local */
	uint64_t	local_out_bytes; /* local -> remote */
	uint64_t	local_in_pkts;
	uint64_t	local_out_pkts;
	uint64_t	hosts_evicted;
	uint64_t	reasons[REASON_COUNT];	/* skipped or malformed */
	uint64_t	notes[NOTE_COUNT];
	int64_t		first_ts;	/* first and last packet time */
	int64_t		last_ts;
};

struct tables {
	struct hosts	*hosts;
	struct graphs	 graphs;
	struct totals	 totals;
};

void		 tables_init(struct tables *);
void		 tables_destroy(struct tables *);
struct tables	*tables_copy(const struct tables *);
void		 tables_free(struct tables *);
uint64_t	 tables_malformed(const struct totals *);

#endif
