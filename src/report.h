/* report.h: --report text|csv|json: the tables for scripts and tests. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "opt.h"

struct tables;

void	report_write(FILE *, const struct options *, const struct tables *);

#endif
