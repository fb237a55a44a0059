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

/* c with one more category, code, appended to dimension d (its cells NaN):
 * the shape a derived series is written into. */
static int with_code_appended(const ms_cube *c, int d, const char *code, ms_cube **ret) {
        ms_dimension nd;
        int r = measure_dim_copy(&c->dims[d], &nd);
        if (r >= 0)
                r = measure_cat_add(&nd, code, NULL, NULL);
        if (r >= 0)
                r = measure_shape(c, (size_t) d, &nd, false, ret);
        ms_dimension_done(&nd);
        return r;
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
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = with_code_appended(c, d, code, &out);
        if (r < 0)
                return r;
        size_t pos[MS_CUBE_MAX_DIMS], m = src->n_categories;
        if (c->n_dims > MS_CUBE_MAX_DIMS)
                return -ENOMEM;
        for (size_t o = 0; o < out->n_cells; o++) {
                ms_cube_positions(out, o, pos);
                if (pos[d] < m) {
                        size_t off = ms_cube_offset(c, pos);
                        out->values[o] = c->values[off];
                        continue;
                }
                pos[d] = (size_t) ka;
                double va = c->values[ms_cube_offset(c, pos)];
                pos[d] = (size_t) kb;
                double vb = c->values[ms_cube_offset(c, pos)];
                out->values[o] = isnan(va) || isnan(vb) ? NAN : va - vb;
        }
        *ret = TAKE_PTR(out);
        return 0;
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
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = with_code_appended(c, d, code, &out);
        if (r < 0)
                return r;
        size_t pos[MS_CUBE_MAX_DIMS], m = src->n_categories;
        if (c->n_dims > MS_CUBE_MAX_DIMS)
                return -ENOMEM;
        for (size_t o = 0; o < out->n_cells; o++) {
                ms_cube_positions(out, o, pos);
                if (pos[d] < m) {
                        out->values[o] = c->values[ms_cube_offset(c, pos)];
                        continue;
                }
                double sum = NAN;
                for (size_t i = 0; i < n_parts; i++) {
                        pos[d] = (size_t) k[i];
                        double v = c->values[ms_cube_offset(c, pos)];
                        if (!isnan(v))
                                sum = isnan(sum) ? v : sum + v;
                }
                out->values[o] = sum;
        }
        *ret = TAKE_PTR(out);
        return 0;
}
