/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Eurostat's bulk-download TSV (kind `eurostat-tsv`):
 *
 *   freq,unit,citizen,geo\TIME_PERIOD<TAB>2023-01 <TAB>2023-02 
 *   M,PER,TOTAL,DE<TAB>1234 <TAB>1300 p
 *
 * The first header cell names the row dimensions (comma-separated) and,
 * after a backslash, the time dimension ("time" or "TIME_PERIOD"); the other
 * header cells are periods (any order: "2016M02", "2016-02", "2016"); they
 * are sorted in the cube.  A cell is a number, optionally followed by a
 * space and flags ("1234 p", "5 e"), or ":" for not available, optionally
 * with flags (": c" = confidential).  Flags become the cell's status; a
 * bare ":" gets the status ":".  Pure: no I/O, no clock.
 *
 * Errors name line:col and what was expected: a header without the
 * backslash, a period that is not one, a row with the wrong number of codes
 * or cells, a cell that is not a number, the same row twice, over the cell
 * or dimension limit.
 */
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_eurostat_tsv_options {
        size_t max_cells; /* 0 = default (50,000,000) */
        size_t max_dims; /* time included; 0 = MS_CUBE_MAX_DIMS; never more */
} ms_eurostat_tsv_options;

int ms_eurostat_tsv_parse(const char *buf, size_t len, const ms_eurostat_tsv_options *opts, ms_cube **ret,
                          ms_error *err);
