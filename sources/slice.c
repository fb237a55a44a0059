/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/slice.h"

ms_series *ms_series_free(ms_series *s) {
        if (!s)
                return NULL;
        for (size_t i = 0; i < s->n; i++) {
                if (s->codes)
                        free(s->codes[i]);
                if (s->labels)
                        free(s->labels[i]);
                if (s->status)
                        free(s->status[i]);
        }
        free(s->codes);
        free(s->labels);
        free(s->status);
        free(s->values);
        free(s->dim);
        free(s);
        return NULL;
}

/* "DE, FR, IT, ... (34 codes)": enough for an editor to fix a chart spec
 * without flooding the message with a thousand product codes. */
static void list_codes(const ms_dimension *d, char *buf, size_t n) {
        size_t k = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < d->n_categories && i < 5 && k < n; i++) {
                int w = snprintf(buf + k, n - k, "%s%s", i ? ", " : "", d->categories[i].code);
                if (w > 0)
                        k += (size_t) w;
        }
        if (d->n_categories > 5 && k < n)
                snprintf(buf + k, n - k, ", ... (%zu codes)", d->n_categories);
}

static void list_dims(const ms_cube *c, char *buf, size_t n) {
        size_t k = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < c->n_dims && k < n; i++) {
                int w = snprintf(buf + k, n - k, "%s%s", i ? ", " : "", c->dims[i].id);
                if (w > 0)
                        k += (size_t) w;
        }
}

static int find_free_dim(const ms_cube *c, const ms_slice_request *req, size_t *ret, ms_error *err) {
        char list[200];
        int r;
        if (req->free_dim) {
                r = ms_cube_dim_index(c, req->free_dim);
                if (r < 0) {
                        list_dims(c, list, sizeof(list));
                        return ms_error_set(err, -ENOENT, "free_dim",
                                            "unknown dimension \"%s\"; the cube has: %s", req->free_dim,
                                            list);
                }
        } else {
                r = ms_cube_dim_by_role(c, MS_ROLE_TIME);
                if (r < 0) {
                        list_dims(c, list, sizeof(list));
                        return ms_error_set(err, -ENOENT, "free_dim",
                                            "no free dimension given and the cube has no time dimension; "
                                            "pick one of: %s",
                                            list);
                }
        }
        *ret = (size_t) r;
        return 0;
}

/* Position of every dimension but the free one, from the filters or, for a
 * dimension of one category, implicitly. */
static int fix_positions(const ms_cube *c, const ms_slice_request *req, size_t free_dim, size_t *pos,
                         ms_error *err) {
        char list[200], where[160];
        _cleanup_free_ bool *set = calloc(c->n_dims, sizeof(bool));
        if (!set)
                return -ENOMEM;

        for (size_t i = 0; i < req->n_filters; i++) {
                const ms_filter *f = &req->filters[i];
                snprintf(where, sizeof(where), "filter.%s", f->dim);
                int d = ms_cube_dim_index(c, f->dim);
                if (d < 0) {
                        list_dims(c, list, sizeof(list));
                        return ms_error_set(err, -ENOENT, where, "unknown dimension \"%s\"; the cube has: %s",
                                            f->dim, list);
                }
                if ((size_t) d == free_dim)
                        return ms_error_set(err, -EINVAL, where,
                                            "\"%s\" is the free dimension and cannot be fixed", f->dim);
                if (set[d])
                        return ms_error_set(err, -EINVAL, where, "dimension \"%s\" filtered twice", f->dim);
                int p = ms_dimension_find(&c->dims[d], f->code);
                if (p < 0) {
                        list_codes(&c->dims[d], list, sizeof(list));
                        return ms_error_set(err, -ENOENT, where, "unknown code \"%s\"; valid codes: %s",
                                            f->code, list);
                }
                pos[d] = (size_t) p;
                set[d] = true;
        }
        for (size_t d = 0; d < c->n_dims; d++) {
                if (d == free_dim || set[d])
                        continue;
                const ms_dimension *dim = &c->dims[d];
                snprintf(where, sizeof(where), "filter.%s", dim->id);
                if (dim->n_categories == 0)
                        return ms_error_set(err, -ENODATA, where,
                                            "dimension \"%s\" has no categories: the source returned no data",
                                            dim->id);
                if (dim->n_categories > 1) {
                        list_codes(dim, list, sizeof(list));
                        return ms_error_set(
                                err, -EINVAL, where,
                                "dimension \"%s\" has %zu categories and no filter; pick one of: %s", dim->id,
                                dim->n_categories, list);
                }
                pos[d] = 0;
        }
        return 0;
}

static int series_alloc(const ms_dimension *d, size_t n, ms_series **ret) {
        _cleanup_(ms_series_freep) ms_series *s = calloc(1, sizeof(ms_series));
        if (!s)
                return -ENOMEM;
        s->dim = strdup(d->id);
        size_t m = n ? n : 1;
        s->codes = calloc(m, sizeof(char *));
        s->labels = calloc(m, sizeof(char *));
        s->status = calloc(m, sizeof(char *));
        s->values = calloc(m, sizeof(double));
        if (!s->dim || !s->codes || !s->labels || !s->status || !s->values)
                return -ENOMEM;
        s->n = n;
        *ret = TAKE_PTR(s);
        return 0;
}

/*
 * The free dimension runs in source order; `window` keeps its last N
 * categories (the latest periods, as sources list time ascending).
 */
int ms_cube_slice(const ms_cube *c, const ms_slice_request *req, ms_series **ret, ms_error *err) {
        _cleanup_(ms_series_freep) ms_series *s = NULL;
        _cleanup_free_ size_t *pos = NULL;
        size_t free_dim = 0;
        int r;

        assert(c && req && ret);
        ms_error_clear(err);
        r = find_free_dim(c, req, &free_dim, err);
        if (r < 0)
                return r;
        pos = calloc(c->n_dims, sizeof(size_t));
        if (!pos)
                return -ENOMEM;
        r = fix_positions(c, req, free_dim, pos, err);
        if (r < 0)
                return r;

        const ms_dimension *fd = &c->dims[free_dim];
        size_t first = req->window > 0 && fd->n_categories > req->window ? fd->n_categories - req->window : 0;
        r = series_alloc(fd, fd->n_categories - first, &s);
        if (r < 0)
                return r;

        for (size_t i = 0; i < s->n; i++) {
                pos[free_dim] = first + i;
                size_t off = ms_cube_offset(c, pos);
                const char *st = ms_cube_status(c, off);
                s->codes[i] = strdup(fd->categories[first + i].code);
                s->labels[i] = strdup(fd->categories[first + i].label);
                s->status[i] = st ? strdup(st) : NULL;
                if (!s->codes[i] || !s->labels[i] || (st && !s->status[i]))
                        return -ENOMEM;
                s->values[i] = c->values[off];
        }
        *ret = TAKE_PTR(s);
        return 0;
}
