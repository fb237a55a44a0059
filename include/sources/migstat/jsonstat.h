/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * JSON-stat reader: bytes -> cube.  Pure: no I/O, no clock, no logging.
 *
 * Accepts a 2.0 dataset, a 2.0 collection whose link.item[] embed datasets,
 * and a 1.x bundle ({name: dataset, ...}).  For a collection or bundle,
 * `dataset` picks one: a name (1.x) or a 0-based position ("1"); NULL picks
 * the first.  Errors fill err with the JSON path or line:col and what was
 * expected, and return -EBADMSG (malformed), -ENOENT (no such dataset),
 * -E2BIG (over a limit) or -ENOMEM.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_jsonstat_options {
        const char *dataset; /* NULL = first */
        bool keep_text; /* keep each value's spelling (inspect) */
        size_t max_cells; /* 0 = default limit (50,000,000) */
        size_t max_dims; /* 0 = MS_CUBE_MAX_DIMS; never more */
} ms_jsonstat_options;

int ms_jsonstat_parse(const char *buf, size_t len, const ms_jsonstat_options *opts, ms_cube **ret,
                      ms_error *err);
