/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A slice: what a chart plots.  Fix every dimension but one to a code, keep
 * the free one (usually time) in source order, optionally keep only the last
 * `window` categories.  Dimensions of size 1 need no filter.
 */
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_filter {
        char *dim;
        char *code;
} ms_filter;

typedef struct ms_slice_request {
        const ms_filter *filters;
        size_t n_filters;
        const char *free_dim; /* NULL = the time dimension */
        size_t window; /* keep the last N categories; 0 = all */
} ms_slice_request;

typedef struct ms_series {
        char *dim; /* id of the free dimension */
        size_t n;
        char **codes; /* category codes along the free dimension */
        char **labels; /* their labels */
        double *values; /* NaN = missing */
        char **status; /* status code per point or NULL */
} ms_series;

int ms_cube_slice(const ms_cube *c, const ms_slice_request *req, ms_series **ret, ms_error *err);
ms_series *ms_series_free(ms_series *s);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_series *, ms_series_free);
