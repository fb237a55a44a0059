/* SPDX-License-Identifier: MIT */
/*
 * A derived category: difference:DIM:A:B appends to DIM the category
 * "A-B" whose cells are A - B (NaN when either is missing).  It splits a
 * total into the part a source counts and the rest, e.g. Eurostat's all
 * applicants (ASY_APP) minus first-time applicants (FRST): the applicants
 * that are not first-time, which the stacked column chart draws on top.
 * combine:DIM:CODE=A+B appends the sum of categories (codes a source renamed).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure_internal.h"

/* The value of the new category at one cell: pos is the cell's positions in
 * c (pos[d] free for the function to move); ctx is the measure's arguments. */
typedef double (*derived_value_fn)(const ms_cube *c, size_t *pos, size_t d, const void *ctx);

/* c with one more category, code, appended to dimension d: the old cells
 * copied, the new ones fn of their row. */
static int with_code_appended(const ms_cube *c, int d, const char *code, derived_value_fn fn, const void *ctx,
                              ms_cube **ret) {
        ms_dimension nd;
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = measure_dim_copy(&c->dims[d], &nd);
        if (r >= 0)
                r = measure_cat_add(&nd, code, NULL, NULL);
        if (r >= 0)
                r = measure_shape(c, (size_t) d, &nd, false, &out);
        ms_dimension_done(&nd);
        if (r < 0)
                return r;
        size_t pos[MS_CUBE_MAX_DIMS], m = c->dims[d].n_categories;
        for (size_t o = 0; o < out->n_cells; o++) {
                ms_cube_positions(out, o, pos);
                out->values[o] = pos[d] < m ? c->values[ms_cube_offset(c, pos)] : fn(c, pos, (size_t) d, ctx);
        }
        *ret = TAKE_PTR(out);
        return 0;
}

struct difference_args {
        size_t a, b;
};

static double difference_value(const ms_cube *c, size_t *pos, size_t d, const void *ctx) {
        const struct difference_args *x = ctx;
        double va = ms_cube_value_along(c, pos, d, x->a), vb = ms_cube_value_along(c, pos, d, x->b);
        return isnan(va) || isnan(vb) ? NAN : va - vb;
}

int ms_measure_difference(const ms_cube *c, const char *dim, const char *a, const char *b, ms_cube **ret,
                          ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        const ms_dimension *src = &c->dims[d];
        int ka = ms_dimension_find(src, a), kb = ms_dimension_find(src, b);
        if (ka < 0 || kb < 0)
                return ms_error_set(err, -EINVAL, "", "no code \"%s\" in dimension \"%s\"", ka < 0 ? a : b,
                                    dim);
        if (src->periods)
                return ms_error_set(err, -EINVAL, "", "difference: \"%s\" is the time dimension", dim);
        char code[128];
        if ((size_t) snprintf(code, sizeof(code), "%s-%s", a, b) >= sizeof(code))
                return ms_error_set(err, -EINVAL, "", "difference: codes too long");
        if (ms_dimension_find(src, code) >= 0)
                return ms_error_set(err, -EINVAL, "",
                                    "difference: dimension \"%s\" has a code \"%s\" already", dim, code);
        return with_code_appended(c, d, code, difference_value,
                                  &(struct difference_args){.a = (size_t) ka, .b = (size_t) kb}, ret);
}

struct combine_args {
        const int *k;
        size_t n;
};

static double combine_value(const ms_cube *c, size_t *pos, size_t d, const void *ctx) {
        const struct combine_args *x = ctx;
        double sum = NAN;
        for (size_t i = 0; i < x->n; i++) {
                double v = ms_cube_value_along(c, pos, d, (size_t) x->k[i]);
                if (!isnan(v))
                        sum = isnan(sum) ? v : sum + v;
        }
        return sum;
}

/* combine:DIM:CODE=A+B+...: a category CODE appended to DIM, the sum of the
 * listed categories that have a value.  A source that renamed a code keeps
 * one series (UNHCR's dec_level NA, "new applications", until 2020 and FI,
 * "first instance", since 2021: never both in one year). */
int ms_measure_combine(const ms_cube *c, const char *dim, const char *code, const char *const *parts,
                       size_t n_parts, ms_cube **ret, ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        const ms_dimension *src = &c->dims[d];
        if (src->periods)
                return ms_error_set(err, -EINVAL, "", "combine: \"%s\" is the time dimension", dim);
        bool all = !parts;
        if (all)
                n_parts = src->n_categories;
        else if (n_parts == 0 || n_parts > 16)
                return ms_error_set(err, -EINVAL, "", "combine: expected 1 to 16 codes to add up, got %zu",
                                    n_parts);
        if (ms_dimension_find(src, code) >= 0)
                return ms_error_set(err, -EINVAL, "", "combine: dimension \"%s\" has a code \"%s\" already",
                                    dim, code);
        _cleanup_free_ int *k = calloc(n_parts ? n_parts : 1, sizeof(int));
        if (!k)
                return -ENOMEM;
        for (size_t i = 0; i < n_parts; i++)
                if ((k[i] = all ? (int) i : ms_dimension_find(src, parts[i])) < 0)
                        return ms_error_set(err, -EINVAL, "", "no code \"%s\" in dimension \"%s\"", parts[i],
                                            dim);
        return with_code_appended(c, d, code, combine_value, &(struct combine_args){.k = k, .n = n_parts},
                                  ret);
}
