/* SPDX-License-Identifier: MIT */
/* Measures that choose categories: drop one, keep the largest N. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure_internal.h"

int ms_measure_drop(const ms_cube *c, const char *dim, const char *code, ms_cube **ret, ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        const ms_dimension *src = &c->dims[d];
        int k0 = ms_dimension_find(src, code);
        if (k0 < 0)
                return ms_error_set(err, -EINVAL, "", "expected a category of \"%s\", got \"%s\"", dim, code);
        if (src->n_categories < 2)
                return ms_error_set(err, -EINVAL, "", "dropping \"%s\" leaves \"%s\" empty", code, dim);
        _cleanup_free_ ssize_t *keep = calloc(src->n_categories, sizeof(ssize_t));
        if (!keep)
                return -ENOMEM;
        ssize_t j = 0;
        for (size_t k = 0; k < src->n_categories; k++)
                keep[k] = (int) k == k0 ? -1 : j++;
        return measure_pick(c, (size_t) d, keep, (size_t) j, ret);
}

/*
 * Rank by the same total as ms_measure_top() (the sum over all other cells,
 * missing cells left out) and keep the first n.  Ties keep source order, so
 * the result does not depend on qsort's stability.
 */
int ms_measure_rank(const ms_cube *c, const char *dim, size_t n, ms_cube **ret, ms_error *err) {
        _cleanup_(ms_cube_freep) ms_cube *top = NULL;
        int r = ms_measure_top(c, dim, n, NULL, &top, err);
        if (r < 0)
                return r;
        int d = measure_dim(top, dim, err);
        if (d < 0)
                return d;
        size_t m = top->dims[d].n_categories;
        if (m <= n) {
                *ret = TAKE_PTR(top);
                return 0;
        }
        /* ms_measure_top() appended the remainder as the last category. */
        _cleanup_free_ ssize_t *keep = calloc(m, sizeof(ssize_t));
        if (!keep)
                return -ENOMEM;
        for (size_t k = 0; k < m; k++)
                keep[k] = k < n ? (ssize_t) k : -1;
        return measure_pick(top, (size_t) d, keep, n, ret);
}
