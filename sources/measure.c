/* SPDX-License-Identifier: MIT */
/* Measures that regroup a dimension: filter, sum, window, top N, annual, quarterly. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure_internal.h"

int measure_dim(const ms_cube *c, const char *dim, ms_error *err) {
        int d = dim ? ms_cube_dim_index(c, dim) : -ENOENT;
        if (d < 0) {
                char ids[200] = "";
                for (size_t i = 0; i < c->n_dims; i++)
                        snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), "%s%s", i ? ", " : "",
                                 c->dims[i].id);
                return ms_error_set(err, -EINVAL, "", "no dimension \"%s\" (the cube has %s)", dim ? dim : "",
                                    ids);
        }
        return d;
}

int measure_time_dim(const ms_cube *c, ms_error *err) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0)
                return ms_error_set(err, -EINVAL, "", "expected a time dimension");
        if (!c->dims[t].periods)
                return ms_error_set(err, -EINVAL, "",
                                    "expected the codes of time dimension \"%s\" to be periods",
                                    c->dims[t].id);
        return t;
}

int measure_cat_add(ms_dimension *d, const char *code, const char *label, const ms_period *p) {
        size_t n = d->n_categories;
        ms_category *cats = reallocarray(d->categories, n + 1, sizeof(*cats));
        if (!cats)
                return -ENOMEM;
        d->categories = cats;
        if (p) {
                ms_period *ps = reallocarray(d->periods, n + 1, sizeof(*ps));
                if (!ps)
                        return -ENOMEM;
                d->periods = ps;
                ps[n] = *p;
        }
        cats[n].code = strdup(code);
        cats[n].label = strdup(label ? label : code);
        d->n_categories++;
        return cats[n].code && cats[n].label ? 0 : -ENOMEM;
}

int measure_dim_copy(const ms_dimension *src, ms_dimension *dst) {
        *dst = (ms_dimension){.role = src->role};
        if (!(dst->id = strdup(src->id)) || !(dst->label = strdup(src->label ? src->label : src->id)))
                return -ENOMEM;
        for (size_t k = 0; k < src->n_categories; k++) {
                int r = measure_cat_add(dst, src->categories[k].code, src->categories[k].label,
                                        src->periods ? &src->periods[k] : NULL);
                if (r < 0)
                        return r;
        }
        return 0;
}

int measure_shape(const ms_cube *c, size_t d, ms_dimension *repl, bool remove, ms_cube **ret) {
        _cleanup_(ms_dimensions_freep) ms_dimension *dims = calloc(c->n_dims + 1, sizeof(*dims));
        size_t n = 0;
        if (!dims)
                return -ENOMEM;
        for (size_t i = 0; i < c->n_dims; i++) {
                if (i == d && repl) {
                        dims[n++] = *repl;
                        *repl = (ms_dimension){0};
                        continue;
                }
                if (i == d && remove)
                        continue;
                int r = measure_dim_copy(&c->dims[i], &dims[n++]);
                if (r < 0)
                        return r;
        }
        return ms_cube_new(TAKE_PTR(dims), n, ret);
}

int measure_reduce(const ms_cube *c, size_t d, const ssize_t *map, const size_t *need, ms_cube *out) {
        /* The cells of c are [outer][category of d][inner] and out's the same
         * with d mapped (or removed): walk them by strides, not by dividing
         * each offset into positions.  For every target cell the sources are
         * added in c's order, as a walk over c's offsets would add them. */
        size_t inner = 1, outer = 1, n = c->dims[d].n_categories;
        bool keep = out->n_dims == c->n_dims;
        size_t m = keep ? out->dims[d].n_categories : 1;
        for (size_t i = d + 1; i < c->n_dims; i++)
                inner *= c->dims[i].n_categories;
        for (size_t i = 0; i < d; i++)
                outer *= c->dims[i].n_categories;
        _cleanup_free_ size_t *count = calloc(out->n_cells ? out->n_cells : 1, sizeof(size_t));
        if (!count)
                return -ENOMEM;
        for (size_t a = 0; a < outer; a++)
                for (size_t k = 0; k < n; k++) {
                        if (map[k] < 0)
                                continue;
                        const double *src = c->values + (a * n + k) * inner;
                        size_t o = (a * m + (keep ? (size_t) map[k] : 0)) * inner;
                        for (size_t i = 0; i < inner; i++) {
                                double v = src[i];
                                if (isnan(v))
                                        continue;
                                out->values[o + i] = count[o + i]++ ? out->values[o + i] + v : v;
                        }
                }
        if (!need)
                return 0;
        for (size_t o = 0; o < out->n_cells; o++)
                if (count[o] != need[keep ? (o / inner) % m : 0])
                        out->values[o] = NAN;
        return 0;
}

int ms_measure_filter(const ms_cube *c, const char *dim, const char *code, ms_cube **ret, ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        int k = ms_dimension_find(&c->dims[d], code);
        if (k < 0)
                return ms_error_set(err, -EINVAL, "", "no code \"%s\" in dimension \"%s\"", code, dim);
        _cleanup_free_ ssize_t *map = calloc(c->dims[d].n_categories, sizeof(ssize_t));
        ms_dimension nd = {.role = c->dims[d].role};
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        const ms_dimension *src = &c->dims[d];
        int r = map ? 0 : -ENOMEM;
        if (r >= 0 && (!(nd.id = strdup(src->id)) || !(nd.label = strdup(src->label ? src->label : src->id))))
                r = -ENOMEM;
        if (r >= 0)
                r = measure_cat_add(&nd, code, src->categories[k].label,
                                    src->periods ? &src->periods[k] : NULL);
        if (r >= 0)
                r = measure_shape(c, (size_t) d, &nd, false, &out);
        ms_dimension_done(&nd);
        if (r < 0)
                return r;
        for (size_t i = 0; i < src->n_categories; i++)
                map[i] = (ssize_t) i == k ? 0 : -1;
        size_t need[1] = {1};
        r = measure_reduce(c, (size_t) d, map, need, out);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(out);
        return 0;
}

int ms_measure_sum(const ms_cube *c, const char *dim, ms_cube **ret, ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        _cleanup_free_ ssize_t *map = calloc(c->dims[d].n_categories + 1, sizeof(ssize_t));
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = map ? measure_shape(c, (size_t) d, NULL, true, &out) : -ENOMEM;
        if (r >= 0)
                r = measure_reduce(c, (size_t) d, map, NULL, out);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(out);
        return 0;
}

/* A copy of c keeping the categories of d with keep[k] >= 0, at that position. */
int measure_pick(const ms_cube *c, size_t d, const ssize_t *keep, size_t n_keep, ms_cube **ret) {
        const ms_dimension *src = &c->dims[d];
        ms_dimension nd = {.role = src->role};
        _cleanup_free_ size_t *order = calloc(n_keep + 1, sizeof(size_t));
        _cleanup_free_ size_t *need = calloc(n_keep + 1, sizeof(size_t));
        int r = order && need ? 0 : -ENOMEM;
        for (size_t k = 0; r >= 0 && k < src->n_categories; k++)
                if (keep[k] >= 0)
                        order[keep[k]] = k;
        if (r >= 0 && (!(nd.id = strdup(src->id)) || !(nd.label = strdup(src->label ? src->label : src->id))))
                r = -ENOMEM;
        for (size_t j = 0; r >= 0 && j < n_keep; j++) {
                const ms_category *cat = &src->categories[order[j]];
                r = measure_cat_add(&nd, cat->code, cat->label,
                                    src->periods ? &src->periods[order[j]] : NULL);
                need[j] = 1;
        }
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        if (r >= 0)
                r = measure_shape(c, d, &nd, false, &out);
        ms_dimension_done(&nd);
        if (r >= 0)
                r = measure_reduce(c, d, keep, need, out);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(out);
        return 0;
}

int ms_measure_window(const ms_cube *c, size_t n, ms_cube **ret, ms_error *err) {
        int t = measure_time_dim(c, err);
        if (t < 0)
                return t;
        size_t m = c->dims[t].n_categories, first = n < m ? m - n : 0;
        _cleanup_free_ ssize_t *keep = calloc(m + 1, sizeof(ssize_t));
        if (!keep)
                return -ENOMEM;
        for (size_t k = 0; k < m; k++)
                keep[k] = k >= first ? (ssize_t) (k - first) : -1;
        return measure_pick(c, (size_t) t, keep, m - first, ret);
}

typedef struct ranked {
        double total;
        size_t k;
        bool has;
} ranked;

static int ranked_cmp(const void *a, const void *b) {
        const ranked *x = a, *y = b;
        if (x->total != y->total)
                return x->total < y->total ? 1 : -1;
        return x->k < y->k ? -1 : x->k > y->k;
}

/* The position of the last period in which any cell has a value, or -1. */
static ssize_t latest_with_value(const ms_cube *c, size_t t) {
        size_t pos[MS_CUBE_MAX_DIMS];
        ssize_t latest = -1;
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                if (!isnan(c->values[off]) && (ssize_t) pos[t] > latest)
                        latest = (ssize_t) pos[t];
        }
        return latest;
}

/* Ranked by the totals over all other cells, or (latest) over the cells of
 * the latest period with a value only. */
static int measure_top(const ms_cube *c, const char *dim, size_t n, const char *other_code, bool latest,
                       ms_cube **ret, ms_error *err) {
        int d = measure_dim(c, dim, err), t = -1;
        if (d < 0)
                return d;
        if (latest && (t = measure_time_dim(c, err)) < 0)
                return t;
        if (t == d)
                return ms_error_set(err, -EINVAL, "", "top-latest: \"%s\" is the time dimension", dim);
        ssize_t only = latest ? latest_with_value(c, (size_t) t) : -1;
        const ms_dimension *src = &c->dims[d];
        size_t m = src->n_categories, pos[MS_CUBE_MAX_DIMS];
        _cleanup_free_ ranked *rk = calloc(m + 1, sizeof(*rk));
        _cleanup_free_ ssize_t *map = calloc(m + 1, sizeof(ssize_t));
        if (!rk || !map)
                return -ENOMEM;
        for (size_t k = 0; k < m; k++)
                rk[k].k = k;
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                if (!isnan(c->values[off]) && (!latest || (ssize_t) pos[t] == only)) {
                        rk[pos[d]].total += c->values[off];
                        rk[pos[d]].has = true;
                }
        }
        /* By the latest period: a category without a value in it is no
         * "largest" one; it goes to the remainder. */
        size_t ranked_n = 0;
        for (size_t k = 0; k < m; k++) {
                if (latest && !rk[k].has)
                        rk[k].total = -INFINITY;
                ranked_n += !latest || rk[k].has;
        }
        qsort(rk, m, sizeof(*rk), ranked_cmp);
        if (n > ranked_n)
                n = ranked_n;
        ms_dimension nd = {.role = src->role};
        int r = (nd.id = strdup(src->id)) && (nd.label = strdup(src->label ? src->label : src->id)) ? 0
                                                                                                    : -ENOMEM;
        for (size_t j = 0; r >= 0 && j < m; j++) {
                map[rk[j].k] = (ssize_t) (j < n ? j : n);
                if (j < n)
                        r = measure_cat_add(&nd, src->categories[rk[j].k].code,
                                            src->categories[rk[j].k].label, NULL);
        }
        if (r >= 0 && m > n)
                r = measure_cat_add(&nd, other_code ? other_code : "OTHER", NULL, NULL);
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        if (r >= 0)
                r = measure_shape(c, (size_t) d, &nd, false, &out);
        ms_dimension_done(&nd);
        if (r >= 0)
                r = measure_reduce(c, (size_t) d, map, NULL, out);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(out);
        return 0;
}

int ms_measure_top(const ms_cube *c, const char *dim, size_t n, const char *other_code, ms_cube **ret,
                   ms_error *err) {
        return measure_top(c, dim, n, other_code, false, ret, err);
}

int ms_measure_top_latest(const ms_cube *c, const char *dim, size_t n, const char *other_code, ms_cube **ret,
                          ms_error *err) {
        return measure_top(c, dim, n, other_code, true, ret, err);
}

static size_t periods_per_year(ms_period_kind k) {
        return k == MS_PERIOD_MONTH ? 12 : k == MS_PERIOD_QUARTER ? 4 : k == MS_PERIOD_HALF ? 2 : 1;
}

/* The period of kind `to` (year or quarter) that p lies in, and how many
 * periods of p's kind it holds; -EINVAL when p is longer than a quarter. */
static int regroup_period(const ms_period *p, ms_period_kind to, ms_period *ret, size_t *need) {
        if (to == MS_PERIOD_YEAR) {
                *ret = (ms_period){.year = p->year, .kind = MS_PERIOD_YEAR};
                *need = periods_per_year(p->kind);
                return 0;
        }
        if (p->kind != MS_PERIOD_MONTH && p->kind != MS_PERIOD_QUARTER)
                return -EINVAL;
        bool month = p->kind == MS_PERIOD_MONTH;
        *ret = (ms_period){
                .year = p->year, .kind = MS_PERIOD_QUARTER, .sub = month ? (p->sub - 1) / 3 + 1 : p->sub};
        *need = month ? 3 : 1;
        return 0;
}

/* Months (quarters, halves) -> years or quarters: each longer period is the
 * sum of its parts, NaN unless every part has a value. */
static int measure_regroup(const ms_cube *c, ms_period_kind to, ms_cube **ret, ms_error *err) {
        int t = measure_time_dim(c, err);
        if (t < 0)
                return t;
        const ms_dimension *src = &c->dims[t];
        size_t m = src->n_categories;
        _cleanup_free_ ssize_t *map = calloc(m + 1, sizeof(ssize_t));
        _cleanup_free_ size_t *need = calloc(m + 1, sizeof(size_t));
        if (!map || !need)
                return -ENOMEM;
        ms_dimension nd = {.role = MS_ROLE_TIME};
        int r = (nd.id = strdup(src->id)) && (nd.label = strdup(src->label ? src->label : src->id)) ? 0
                                                                                                    : -ENOMEM;
        for (size_t k = 0; r >= 0 && k < m; k++) {
                ms_period g;
                size_t parts, y = 0;
                if (regroup_period(&src->periods[k], to, &g, &parts) < 0) {
                        r = ms_error_set(err, -EINVAL, src->id,
                                         "quarterly: period \"%s\" is longer than a quarter",
                                         src->categories[k].code);
                        break;
                }
                while (y < nd.n_categories && ms_period_compare(&nd.periods[y], &g) != 0)
                        y++;
                if (y == nd.n_categories) {
                        char code[16];
                        ms_period_format(&g, code, sizeof(code));
                        r = measure_cat_add(&nd, code, NULL, &g);
                }
                map[k] = (ssize_t) y;
                need[y] = parts;
        }
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        if (r >= 0)
                r = measure_shape(c, (size_t) t, &nd, false, &out);
        ms_dimension_done(&nd);
        if (r >= 0)
                r = measure_reduce(c, (size_t) t, map, need, out);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(out);
        return 0;
}

int ms_measure_annual(const ms_cube *c, ms_cube **ret, ms_error *err) {
        return measure_regroup(c, MS_PERIOD_YEAR, ret, err);
}

int ms_measure_quarterly(const ms_cube *c, ms_cube **ret, ms_error *err) {
        return measure_regroup(c, MS_PERIOD_QUARTER, ret, err);
}
