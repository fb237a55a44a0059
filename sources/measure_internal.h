/* SPDX-License-Identifier: MIT */
#pragma once

/* Helpers shared by the measure files.  Internal to sources/. */
#include <sys/types.h>

#include "migstat/measure.h"
#include "migstat/period.h"

/* Index of dimension `dim` or -EINVAL with err. */
int measure_dim(const ms_cube *c, const char *dim, ms_error *err);
/* Index of the time dimension, which must carry periods, or -EINVAL. */
int measure_time_dim(const ms_cube *c, ms_error *err);
/* Deep copy of a dimension. */
int measure_dim_copy(const ms_dimension *src, ms_dimension *dst);
/* A cube shaped like c with dimension d replaced by *repl (moved in) or,
 * when repl is NULL and remove is true, removed.  d = SIZE_MAX: same shape.
 * Values NaN. */
int measure_shape(const ms_cube *c, size_t d, ms_dimension *repl, bool remove, ms_cube **ret);
/* Sum the cells of c into out, whose dimension d is c's d mapped by map[]
 * (-1 = dropped; out has d removed when remove).  With need (per target
 * category), a target is NaN unless exactly need[k] categories with values
 * fed it (strict completeness). */
int measure_reduce(const ms_cube *c, size_t d, const ssize_t *map, const size_t *need, ms_cube *out);
/* Add a category to a dimension under construction. */
int measure_cat_add(ms_dimension *d, const char *code, const char *label, const ms_period *p);
/* A copy of c keeping the categories of d with keep[k] >= 0, at position
 * keep[k] (n_keep of them). */
int measure_pick(const ms_cube *c, size_t d, const ssize_t *keep, size_t n_keep, ms_cube **ret);
