/* report.h: --report text|csv|json: the tables for scripts and tests. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "opt.h"

struct conn;
struct graphs;
struct host;
struct tables;

void	report_write(FILE *, const struct options *, const struct tables *);

/*
 * The pieces of the JSON report, shared with the web interface's API so
 * that both speak the same field names.
 */
void	report_json_string(FILE *, const char *);
/* An object; with tables set, also its protocols and four port tables. */
void	report_json_host(FILE *, const struct options *, const struct host *,
	    int tables);
/* The same without the braces, to add fields of one's own. */
void	report_json_host_fields(FILE *, const struct options *,
	    const struct host *, int tables);
void	report_json_conn(FILE *, const struct conn *);
/* Fields, each followed by ",\n": "graphs". */
void	report_json_graphs(FILE *, const struct graphs *);
/*
 * Fields, each followed by ",\n": "sources", "totals", "skipped",
 * "malformed", "decoded", "sizes", "ifaces", "alarm",
 * "connections_tracked", "connections_evicted".
 */
void	report_json_status(FILE *, const struct tables *);

#endif
