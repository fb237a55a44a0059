/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The `unhcr` kind: records of the UNHCR population statistics API
 * (https://api.unhcr.org/population/v1/asylum-applications/ and
 * .../asylum-decisions/), pivoted into a cube.  A page is
 *
 *   {"page": 1, "maxPages": 3, "items": [{"year": 2020, "coo_iso": "SYR",
 *     "coo_name": "Syrian Arab Rep.", "coa_iso": "DEU", "coa_name": "Germany",
 *     "procedure_type": "G", "app_type": "N", "dec_level": "FI", "app_pc": "P",
 *     "applied": 1234}, ...]}
 *
 * The parser takes one page or a JSON array of pages (the fetcher follows
 * maxPages and hands over all of them).  Dimensions: year (time), then
 * coo_iso, coa_iso, procedure_type, app_type, dec_level, app_pc, dec_pc as
 * far as the items carry them (coo_name/coa_name become labels), and
 * `measure` for the counts: applied, or dec_recognized, dec_other,
 * dec_rejected, dec_closed, dec_total.  Other fields are ignored.  Errors
 * name the JSON path ("pages[1].items[3].applied") and what was expected:
 * a count that is negative, fractional or a string other than digits or
 * "-" (the API sends "0" and "-" beside numbers; "-" is a missing cell), a missing year, a page
 * number that does not follow, the same record twice.  Pure: no I/O.
 */
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_unhcr_options {
        size_t max_cells; /* 0 = the default of the table builder */
} ms_unhcr_options;

int ms_unhcr_parse(const char *buf, size_t len, const ms_unhcr_options *opts, ms_cube **ret, ms_error *err);

/* The page number and maxPages of one page, for the fetcher's loop. */
int ms_unhcr_page_info(const char *buf, size_t len, unsigned *ret_page, unsigned *ret_max_pages,
                       ms_error *err);
