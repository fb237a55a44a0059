/* SPDX-License-Identifier: MIT */
/*
 * A derived category: difference:DIM:A:B appends to DIM the category
 * "A-B" whose cells are A - B (NaN when either is missing).  It splits a
 * total into the part a source counts and the rest, e.g. Eurostat's all
 * applicants (ASY_APP) minus first-time applicants (FRST): the applicants
 * that are not first-time, which the stacked column chart draws on top.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure_internal.h"

int ms_measure_difference(const ms_cube *c, const char *dim, const char *a, const char *b, ms_cube **ret,
                          ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        const ms_dimension *src = &c->dims[d];
        int ka = ms_dimension_find(src, a), kb = ms_dimension_find(src, b);
        if (ka < 0 || kb < 0)
                return ms_error_set(err, -EINVAL, "", "no code \"%s\" in dimension \"%s\"", ka < 0 ? a : b, dim);
        if (src->periods)
                return ms_error_set(err, -EINVAL, "", "difference: \"%s\" is the time dimension", dim);
        char code[128];
        if ((size_t) snprintf(code, sizeof(code), "%s-%s", a, b) >= sizeof(code))
                return ms_error_set(err, -EINVAL, "", "difference: codes too long");
        if (ms_dimension_find(src, code) >= 0)
                return ms_error_set(err, -EINVAL, "", "difference: dimension \"%s\" has a code \"%s\" already", dim, code);
        ms_dimension nd;
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = measure_dim_copy(src, &nd);
        if (r >= 0)
                r = measure_cat_add(&nd, code, NULL, NULL);
        if (r >= 0)
                r = measure_shape(c, (size_t) d, &nd, false, &out);
        ms_dimension_done(&nd);
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
