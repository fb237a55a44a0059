/* SPDX-License-Identifier: MIT */
/* The time dimension of a cube as periods: parsed once, printable normalized. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube.h"
#include "migstat/error.h"
#include "migstat/period.h"

int ms_cube_parse_periods(ms_cube *c, const char **ret_bad) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0)
                return 0;
        ms_dimension *d = &c->dims[t];
        if (d->periods)
                return 0;
        ms_period *p = calloc(d->n_categories ? d->n_categories : 1, sizeof(*p));
        if (!p)
                return -ENOMEM;
        for (size_t k = 0; k < d->n_categories; k++)
                if (ms_period_parse(d->categories[k].code, &p[k]) < 0) {
                        if (ret_bad)
                                *ret_bad = d->categories[k].code;
                        free(p);
                        return -EINVAL;
                }
        d->periods = p;
        return 0;
}

int ms_cube_normalize_periods(ms_cube *c) {
        int r = ms_cube_parse_periods(c, NULL);
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (r < 0 || t < 0)
                return r;
        ms_dimension *d = &c->dims[t];
        for (size_t k = 0; k < d->n_categories; k++) {
                char buf[32];
                ms_period_format(&d->periods[k], buf, sizeof(buf));
                if (strcmp(buf, d->categories[k].code) == 0)
                        continue;
                bool same_label = strcmp(d->categories[k].label, d->categories[k].code) == 0;
                char *code = strdup(buf), *label = same_label ? strdup(buf) : NULL;
                if (!code || (same_label && !label)) {
                        free(code);
                        free(label);
                        return -ENOMEM;
                }
                free(d->categories[k].code);
                d->categories[k].code = code;
                if (same_label) {
                        free(d->categories[k].label);
                        d->categories[k].label = label;
                }
        }
        return 0;
}

static const char *period_kind_name(ms_period_kind k) {
        return k == MS_PERIOD_MONTH     ? "a month"
               : k == MS_PERIOD_QUARTER ? "a quarter"
               : k == MS_PERIOD_HALF    ? "a half-year"
                                        : "a year";
}

/* perm[new position] = old position: the time categories by period, ties
 * (none once codes are unique) in source order. */
static int period_cmp_index(const void *a, const void *b, void *userdata) {
        const ms_dimension *d = userdata;
        size_t x = *(const size_t *) a, y = *(const size_t *) b;
        int r = ms_period_compare(&d->periods[x], &d->periods[y]);
        return r ? r : (x > y) - (x < y);
}

/* Move each cell to its category's new position along dimension t. */
static int cube_permute(ms_cube *c, size_t t, const size_t *perm) {
        size_t stride = 1, n = c->dims[t].n_categories;
        for (size_t i = t + 1; i < c->n_dims; i++)
                stride *= c->dims[i].n_categories;
        double *values = malloc((c->n_cells ? c->n_cells : 1) * sizeof(*values));
        uint16_t *status = c->status ? malloc(c->n_cells * sizeof(*status)) : NULL;
        uint8_t *kind = c->text_kind ? malloc(c->n_cells * sizeof(*kind)) : NULL;
        uint32_t *toff = c->text_off ? malloc(c->n_cells * sizeof(*toff)) : NULL;
        if (!values || (c->status && !status) || (c->text_kind && !kind) || (c->text_off && !toff)) {
                free(values), free(status), free(kind), free(toff);
                return -ENOMEM;
        }
        for (size_t off = 0; off < c->n_cells; off++) {
                size_t k = (off / stride) % n, from = off - k * stride + perm[k] * stride;
                values[off] = c->values[from];
                if (status)
                        status[off] = c->status[from];
                if (kind)
                        kind[off] = c->text_kind[from];
                if (toff)
                        toff[off] = c->text_off[from];
        }
        free(c->values), free(c->status), free(c->text_kind), free(c->text_off);
        c->values = values, c->status = status, c->text_kind = kind, c->text_off = toff;
        return 0;
}

/* Order the time dimension by period; two codes of one period (2019-03
 * and 2019M03) are an error naming both. */
static int time_sort(ms_cube *c, size_t t, ms_error *err) {
        ms_dimension *d = &c->dims[t];
        _cleanup_free_ size_t *perm = calloc(d->n_categories + 1, sizeof(*perm));
        if (!perm)
                return -ENOMEM;
        bool sorted = true;
        for (size_t k = 0; k < d->n_categories; k++) {
                perm[k] = k;
                sorted = sorted && (k == 0 || ms_period_compare(&d->periods[k - 1], &d->periods[k]) < 0);
        }
        if (!sorted)
                qsort_r(perm, d->n_categories, sizeof(*perm), period_cmp_index, d);
        for (size_t k = 1; k < d->n_categories; k++)
                if (ms_period_compare(&d->periods[perm[k - 1]], &d->periods[perm[k]]) == 0)
                        return ms_error_set(err, -EBADMSG, "",
                                            "time dimension \"%s\": \"%s\" and \"%s\" are the "
                                            "same period",
                                            d->id, d->categories[perm[k - 1]].code,
                                            d->categories[perm[k]].code);
        if (sorted)
                return 0;
        /* Everything allocated before the cells move: no failure after it
         * can leave cells and categories in different orders. */
        _cleanup_free_ ms_category *cats = calloc(d->n_categories + 1, sizeof(*cats));
        _cleanup_free_ ms_period *ps = calloc(d->n_categories + 1, sizeof(*ps));
        if (!cats || !ps)
                return -ENOMEM;
        int r = cube_permute(c, t, perm);
        if (r < 0)
                return r;
        for (size_t k = 0; k < d->n_categories; k++) {
                cats[k] = d->categories[perm[k]];
                ps[k] = d->periods[perm[k]];
        }
        memcpy(d->categories, cats, d->n_categories * sizeof(*cats));
        memcpy(d->periods, ps, d->n_categories * sizeof(*ps));
        return 0;
}

int ms_cube_normalize_time(ms_cube *c, ms_error *err) {
        const char *bad = NULL;
        int r = ms_cube_parse_periods(c, &bad);
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (r == -EINVAL)
                return ms_error_set(
                        err, -EBADMSG, "",
                        "time dimension \"%s\": expected periods (2025, 2025-Q2, 2025-06), got \"%s\"",
                        c->dims[t].id, bad);
        if (r < 0 || t < 0)
                return r;
        ms_dimension *d = &c->dims[t];
        for (size_t k = 1; k < d->n_categories; k++)
                if (d->periods[k].kind != d->periods[0].kind)
                        return ms_error_set(err, -EBADMSG, "",
                                            "time dimension \"%s\": expected one frequency, got %s (\"%s\") "
                                            "and %s (\"%s\")",
                                            d->id, period_kind_name(d->periods[0].kind),
                                            d->categories[0].code, period_kind_name(d->periods[k].kind),
                                            d->categories[k].code);
        r = time_sort(c, (size_t) t, err);
        if (r >= 0)
                r = ms_cube_normalize_periods(c);
        return r;
}
