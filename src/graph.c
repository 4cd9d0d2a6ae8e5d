/*
 * graph.c: rotation follows darkstat's graph_rotate(): stepping forward
 * clears each bar stepped onto, a gap longer than a graph's span clears it
 * all, and a clock that goes back moves the bars to the new position
 * without losing data.
 */
#include <string.h>
#include <time.h>

#include "graph.h"

const char *const graph_names[GRAPHS] = { "seconds", "minutes", "hours",
    "days" };

static const uint8_t nbars[GRAPHS] = { 60, 60, 24, 31 };
static const int64_t width[GRAPHS] = { 1, 60, 3600, 86400 };

/*
 * Packet timestamps of one interface may run a little behind the main
 * loop's clock tick; a step back this small is not a clock change.
 */
#define JITTER	10

void
graphs_init(struct graphs *gs)
{
	int i;

	memset(gs, 0, sizeof *gs);
	for (i = 0; i < GRAPHS; i++)
		gs->g[i].nbars = nbars[i];
}

static void
positions(int64_t t, uint8_t pos[GRAPHS])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	pos[GRAPH_SECS] = (uint8_t)(tm.tm_sec % 60);	/* leap second */
	pos[GRAPH_MINS] = (uint8_t)tm.tm_min;
	pos[GRAPH_HOURS] = (uint8_t)tm.tm_hour;
	pos[GRAPH_DAYS] = (uint8_t)(tm.tm_mday - 1);
}

/* Rotate g's data so that the current bar lands on newpos. */
static void
resync(struct graph *g, uint8_t newpos)
{
	struct graph_bar tmp[60];
	int i, shift = (newpos - g->pos + g->nbars) % g->nbars;

	for (i = 0; i < g->nbars; i++)
		tmp[(i + shift) % g->nbars] = g->bar[i];
	memcpy(g->bar, tmp, sizeof tmp);
	g->pos = newpos;
}

void
graphs_rotate(struct graphs *gs, int64_t t)
{
	uint8_t pos[GRAPHS];
	int64_t td;
	int i;

	if (t == gs->last || t <= 0)
		return;
	if (gs->last != 0 && t < gs->last && gs->last - t <= JITTER)
		return;
	positions(t, pos);
	if (gs->last == 0 || t < gs->last) {
		for (i = 0; i < GRAPHS; i++) {
			if (gs->last == 0)
				gs->g[i].pos = pos[i];
			else
				resync(&gs->g[i], pos[i]);
		}
		gs->last = t;
		return;
	}
	td = t - gs->last;
	gs->last = t;
	for (i = 0; i < GRAPHS; i++) {
		struct graph *g = &gs->g[i];

		if (td >= g->nbars * width[i])
			memset(g->bar, 0, sizeof g->bar);
		while (g->pos != pos[i]) {
			g->pos = (uint8_t)((g->pos + 1) % g->nbars);
			memset(&g->bar[g->pos], 0, sizeof g->bar[0]);
		}
	}
}

void
graphs_add(struct graphs *gs, uint64_t in, uint64_t out)
{
	int i;

	for (i = 0; i < GRAPHS; i++) {
		gs->g[i].bar[gs->g[i].pos].in += in;
		gs->g[i].bar[gs->g[i].pos].out += out;
	}
}
