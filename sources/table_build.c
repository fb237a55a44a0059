/* SPDX-License-Identifier: MIT */
/* The `table` kind: rows -> cube (periods sorted, each cell once). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/period.h"
#include "table_internal.h"

typedef struct period_sort {
        ms_period p;
        uint32_t idx;
} period_sort;

static int period_sort_cmp(const void *a, const void *b) {
        const period_sort *x = a, *y = b;
        return ms_period_compare(&x->p, &y->p);
}

/* perm[old] = new position of each time category, sorted by period. */
static int sort_time(table_ctx *t, size_t d, uint32_t *perm) {
        size_t n = t->codes[d].n;
        _cleanup_free_ period_sort *ps = calloc(n ? n : 1, sizeof(*ps));
        if (!ps)
                return -ENOMEM;
        for (size_t k = 0; k < n; k++) {
                if (ms_period_parse(t->codes[d].keys[k], &ps[k].p) < 0)
                        return table_fail_at(
                                t, t->first_off[d][k], t->dim_col[d], -EBADMSG,
                                "expected a period such as 2016, 2016-02, 2016M02, 2016-Q1 or 2016-S1, got \"%.40s\"",
                                t->codes[d].keys[k]);
                if (k > 0 && ps[k].p.kind != ps[0].p.kind)
                        return table_fail_at(t, t->first_off[d][k], t->dim_col[d], -EBADMSG,
                                             "expected periods of one frequency like \"%s\", got \"%s\"",
                                             t->codes[d].keys[0], t->codes[d].keys[k]);
                ps[k].idx = (uint32_t) k;
        }
        qsort(ps, n, sizeof(*ps), period_sort_cmp);
        for (size_t k = 0; k < n; k++)
                perm[ps[k].idx] = (uint32_t) k;
        return 0;
}

/* The dimensions with categories in their final order; perms[d][old] = new. */
static int make_dims(table_ctx *t, uint32_t **perms, ms_dimension **ret) {
        _cleanup_(ms_dimensions_freep) ms_dimension *dims = calloc(t->n_dims + 1, sizeof(*dims));
        if (!dims)
                return -ENOMEM;
        for (size_t d = 0; d < t->n_dims; d++) {
                size_t n = t->codes[d].n;
                ms_dimension *dim = &dims[d];
                if (!(perms[d] = calloc(n ? n : 1, sizeof(uint32_t))) ||
                    !(dim->id = strdup(t->col_names[t->dim_col[d]])) || !(dim->label = strdup(dim->id)))
                        return -ENOMEM;
                dim->role = (int) d == t->time_dim  ? MS_ROLE_TIME
                            : (int) d == t->geo_dim ? MS_ROLE_GEO
                                                    : MS_ROLE_NONE;
                for (size_t k = 0; k < n; k++)
                        perms[d][k] = (uint32_t) k;
                if ((int) d == t->time_dim) {
                        int r = sort_time(t, d, perms[d]);
                        if (r < 0)
                                return r;
                }
                if (!(dim->categories = calloc(n ? n : 1, sizeof(ms_category))))
                        return -ENOMEM;
                dim->n_categories = n;
                for (size_t k = 0; k < n; k++) {
                        ms_category *cat = &dim->categories[perms[d][k]];
                        const char *label =
                                t->labels[d] && t->labels[d][k] ? t->labels[d][k] : t->codes[d].keys[k];
                        if (!(cat->code = strdup(t->codes[d].keys[k])) || !(cat->label = strdup(label)))
                                return -ENOMEM;
                }
        }
        *ret = TAKE_PTR(dims);
        return 0;
}

static int fill(table_ctx *t, ms_cube *c, uint32_t **perms) {
        _cleanup_free_ uint32_t *seen = calloc(c->n_cells ? c->n_cells : 1, sizeof(uint32_t));
        _cleanup_free_ size_t *pos = calloc(t->n_dims ? t->n_dims : 1, sizeof(size_t));
        if (!seen || !pos)
                return -ENOMEM;
        for (size_t i = 0; i < t->n_rows; i++) {
                const uint32_t *cats = t->rows + i * t->n_dims;
                for (size_t d = 0; d < t->n_dims; d++)
                        pos[d] = perms[d][cats[d]];
                size_t off = ms_cube_offset(c, pos);
                if (seen[off]) {
                        ms_error e = {.offset = -1};
                        ms_error_locate(&e, t->buf, t->len, t->row_offs[seen[off] - 1]);
                        return table_fail_at(
                                t, t->row_offs[i], SIZE_MAX, -EBADMSG,
                                "expected each combination of codes once, this one is also on line %u",
                                e.line);
                }
                seen[off] = (uint32_t) i + 1;
                c->values[off] = t->row_values[i];
                if (t->row_status[i]) {
                        int r = ms_cube_set_status(c, off, t->statuses.keys[t->row_status[i] - 1]);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

int table_build(table_ctx *t, ms_cube **ret) {
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        ms_dimension *dims = NULL;
        uint32_t **perms = calloc(t->n_dims + 1, sizeof(uint32_t *));
        int r = perms ? make_dims(t, perms, &dims) : -ENOMEM;
        size_t cells = 1;
        for (size_t d = 0; r >= 0 && d < t->n_dims; d++) {
                size_t n = dims[d].n_categories;
                if (n != 0 && cells > t->max_cells / n)
                        r = ms_error_set(t->err, -E2BIG, "",
                                         "expected at most %zu cells, the table spans more", t->max_cells);
                cells *= n;
        }
        if (r >= 0) {
                r = ms_cube_new(dims, t->n_dims, &c); /* takes dims */
                dims = NULL;
        }
        if (r >= 0)
                r = fill(t, c, perms);
        if (r >= 0)
                r = ms_cube_parse_periods(c, NULL); /* sort_time() checked every code */
        for (size_t d = 0; perms && d < t->n_dims; d++)
                free(perms[d]);
        free(perms);
        if (dims) {
                ms_dimension *p = dims;
                ms_dimensions_freep(&p);
        }
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}
