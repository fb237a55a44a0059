/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The `table` kind: tidy CSV that editors keep for figures no API publishes
 * (deportations per year, BAMF monthly figures).  Read with libcsv (RFC 4180
 * quoting).  Pure: no I/O, no clock, no logging.
 *
 * Layout: a header row, then one row per cell.  The column `value` holds the
 * number (empty or ":" = not available), the optional column `status` a flag
 * such as "p".  A column whose name contains "_label" labels a dimension:
 * the column named by the part before "_label" or, if there is none, the one
 * column whose name starts with that part and "_" (so `citizenship_label_de`
 * labels `citizenship_bamf_code`); a row whose code is empty but whose label
 * is not uses the label as the code.  Every other column is a dimension; its
 * categories keep the order of first appearance, except the time dimension
 * (`period`, `time`, `year`, `month`), whose codes must be periods and are
 * sorted.  `geo` gets the geo role.
 *
 * Accepted: UTF-8 with or without a byte-order mark; `,` or `;` as the
 * delimiter (whichever the header uses more; a tab is not accepted); a
 * decimal point, or with `;` a decimal comma (then `.` may group thousands:
 * "1.234,5").  Refused with file:line:col and what was expected: invalid
 * UTF-8, broken quoting, rows of the wrong width, a dimension code that is
 * empty, a value that is not a number, a negative count (unless allowed),
 * the same cell twice, over max_cells cells or max_dims dimensions.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_table_options {
        bool allow_negative; /* values may be < 0 (changes, balances) */
        size_t max_cells; /* 0 = default (10,000,000) */
        size_t max_dims; /* 0 = MS_CUBE_MAX_DIMS; never more */
} ms_table_options;

int ms_table_parse(const char *buf, size_t len, const ms_table_options *opts, ms_cube **ret, ms_error *err);

/* The delimiter the header line uses: ',' or ';'. */
char ms_table_detect_delimiter(const char *buf, size_t len);
