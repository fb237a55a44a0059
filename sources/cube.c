/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube.h"

void ms_dimension_done(ms_dimension *d) {
        if (!d)
                return;
        for (size_t i = 0; i < d->n_categories; i++) {
                free(d->categories[i].code);
                free(d->categories[i].label);
        }
        free(d->categories);
        free(d->periods);
        free(d->id);
        free(d->label);
        *d = (ms_dimension){0};
}

void ms_dimensions_freep(ms_dimension **p) {
        for (ms_dimension *d = *p; d && d->id; d++)
                ms_dimension_done(d);
        free(*p);
}

static void dims_free(ms_dimension *dims, size_t n) {
        for (size_t i = 0; dims && i < n; i++)
                ms_dimension_done(&dims[i]);
        free(dims);
}

/*
 * The cube owns dims from the moment of the call, on failure too: callers
 * build dims in a cleanup local and hand it over with TAKE_PTR, so there is
 * never a question of who frees a half-built array.  -E2BIG when the product
 * of the sizes does not fit in size_t (or its bytes do not).
 */
int ms_cube_new(ms_dimension *dims, size_t n_dims, ms_cube **ret) {
        assert(ret);
        assert(dims || n_dims == 0);

        if (n_dims > MS_CUBE_MAX_DIMS) {
                dims_free(dims, n_dims);
                return -E2BIG;
        }
        size_t n_cells = 1;
        for (size_t i = 0; i < n_dims; i++) {
                size_t s = dims[i].n_categories;
                if (s != 0 && n_cells > SIZE_MAX / s) {
                        dims_free(dims, n_dims);
                        return -E2BIG;
                }
                n_cells *= s;
        }
        if (n_cells > SIZE_MAX / sizeof(double)) {
                dims_free(dims, n_dims);
                return -E2BIG;
        }

        ms_cube *c = calloc(1, sizeof(*c));
        if (!c) {
                dims_free(dims, n_dims);
                return -ENOMEM;
        }
        c->dims = dims;
        c->n_dims = n_dims;
        c->n_cells = n_cells;
        if (n_cells > 0) {
                c->values = malloc(n_cells * sizeof(double));
                if (!c->values) {
                        ms_cube_free(c);
                        return -ENOMEM;
                }
                for (size_t i = 0; i < n_cells; i++)
                        c->values[i] = NAN;
        }
        *ret = c;
        return 0;
}

ms_cube *ms_cube_free(ms_cube *c) {
        if (!c)
                return NULL;
        free(c->label);
        free(c->source);
        free(c->updated);
        free(c->dataset_id);
        dims_free(c->dims, c->n_dims);
        free(c->values);
        free(c->status);
        for (size_t i = 0; i < c->n_status_codes; i++)
                free(c->status_codes[i]);
        free(c->status_codes);
        free(c->text_kind);
        free(c->text_off);
        free(c->text);
        free(c);
        return NULL;
}

int ms_cube_dim_index(const ms_cube *c, const char *id) {
        for (size_t i = 0; i < c->n_dims; i++)
                if (strcmp(c->dims[i].id, id) == 0)
                        return (int) i;
        return -ENOENT;
}

int ms_dimension_find(const ms_dimension *d, const char *code) {
        for (size_t i = 0; i < d->n_categories; i++)
                if (strcmp(d->categories[i].code, code) == 0)
                        return i <= INT32_MAX ? (int) i : -ERANGE;
        return -ENOENT;
}

int ms_cube_dim_by_role(const ms_cube *c, ms_role role) {
        for (size_t i = 0; i < c->n_dims; i++)
                if (c->dims[i].role == role)
                        return (int) i;
        return -ENOENT;
}

size_t ms_cube_offset(const ms_cube *c, const size_t *pos) {
        size_t off = 0;
        for (size_t i = 0; i < c->n_dims; i++) {
                assert(pos[i] < c->dims[i].n_categories);
                off = off * c->dims[i].n_categories + pos[i];
        }
        return off;
}

void ms_cube_positions(const ms_cube *c, size_t off, size_t *ret_pos) {
        assert(off < c->n_cells);
        for (size_t i = c->n_dims; i > 0; i--) {
                size_t s = c->dims[i - 1].n_categories;
                ret_pos[i - 1] = off % s;
                off /= s;
        }
}

double ms_cube_value_along(const ms_cube *c, size_t *pos, size_t d, size_t k) {
        size_t keep = pos[d];
        pos[d] = k;
        double v = c->values[ms_cube_offset(c, pos)];
        pos[d] = keep;
        return v;
}

/* Status codes are few (Eurostat uses about a dozen), so a linear search
 * over the table is cheaper than a hash; the last hit is tried first because
 * documents tend to repeat one code over long runs of cells. */
static int status_intern(ms_cube *c, const char *code, uint16_t *ret) {
        for (size_t i = c->n_status_codes; i > 1; i--)
                if (strcmp(c->status_codes[i - 1], code) == 0) {
                        *ret = (uint16_t) (i - 1);
                        return 0;
                }
        if (c->n_status_codes > UINT16_MAX)
                return -E2BIG;
        size_t n = c->n_status_codes == 0 ? 2 : c->n_status_codes + 1;
        char **codes = realloc(c->status_codes, n * sizeof(char *));
        if (!codes)
                return -ENOMEM;
        c->status_codes = codes;
        codes[0] = NULL;
        codes[n - 1] = strdup(code);
        if (!codes[n - 1])
                return -ENOMEM;
        c->n_status_codes = n;
        *ret = (uint16_t) (n - 1);
        return 0;
}

int ms_cube_set_status(ms_cube *c, size_t off, const char *code) {
        if (off >= c->n_cells)
                return -ERANGE;
        if (!code) {
                if (c->status)
                        c->status[off] = 0;
                return 0;
        }
        uint16_t idx;
        if (c->status && c->status[off] != 0 && strcmp(c->status_codes[c->status[off]], code) == 0)
                return 0;
        if (!c->status) {
                c->status = calloc(c->n_cells, sizeof(uint16_t));
                if (!c->status)
                        return -ENOMEM;
        }
        /* Fast path: the same code as the previous cell. */
        if (off > 0 && c->status[off - 1] != 0 && strcmp(c->status_codes[c->status[off - 1]], code) == 0)
                idx = c->status[off - 1];
        else {
                int r = status_intern(c, code, &idx);
                if (r < 0)
                        return r;
        }
        c->status[off] = idx;
        return 0;
}

const char *ms_cube_status(const ms_cube *c, size_t off) {
        if (!c->status || off >= c->n_cells || c->status[off] == 0)
                return NULL;
        return c->status_codes[c->status[off]];
}

static int text_reserve(ms_cube *c, size_t extra) {
        if (extra > UINT32_MAX - c->text_len)
                return -E2BIG; /* offsets are 32-bit: 4 GiB of text per cube */
        size_t need = c->text_len + extra;
        if (need <= c->text_cap)
                return 0;
        size_t cap = c->text_cap ? c->text_cap : 4096;
        while (cap < need)
                cap *= 2;
        char *p = realloc(c->text, cap);
        if (!p)
                return -ENOMEM;
        c->text = p;
        c->text_cap = cap;
        return 0;
}

int ms_cube_set_text(ms_cube *c, size_t off, int kind, const char *text, size_t len) {
        if (off >= c->n_cells)
                return -ERANGE;
        if (kind != MS_CELL_TEXT_NONE && kind != MS_CELL_TEXT_NUMBER && kind != MS_CELL_TEXT_STRING)
                return -EINVAL;
        if (!c->text_kind) {
                if (kind == MS_CELL_TEXT_NONE)
                        return 0;
                c->text_kind = calloc(c->n_cells, sizeof(uint8_t));
                c->text_off = calloc(c->n_cells, sizeof(uint32_t));
                if (!c->text_kind || !c->text_off) {
                        free(c->text_kind);
                        free(c->text_off);
                        c->text_kind = NULL;
                        c->text_off = NULL;
                        return -ENOMEM;
                }
        }
        if (kind == MS_CELL_TEXT_NONE) {
                c->text_kind[off] = MS_CELL_TEXT_NONE;
                return 0;
        }
        if (len == SIZE_MAX)
                return -E2BIG;
        int r = text_reserve(c, len + 1);
        if (r < 0)
                return r;
        if (len > 0)
                memcpy(c->text + c->text_len, text, len);
        c->text[c->text_len + len] = '\0';
        c->text_off[off] = (uint32_t) c->text_len;
        c->text_kind[off] = (uint8_t) kind;
        c->text_len += len + 1;
        return 0;
}

int ms_cube_text(const ms_cube *c, size_t off, const char **ret_text) {
        int kind = MS_CELL_TEXT_NONE;
        if (c->text_kind && off < c->n_cells)
                kind = c->text_kind[off];
        if (ret_text)
                *ret_text = kind != MS_CELL_TEXT_NONE ? c->text + c->text_off[off] : NULL;
        return kind;
}

size_t ms_cube_count_nonnull(const ms_cube *c) {
        size_t n = 0;
        for (size_t i = 0; i < c->n_cells; i++)
                if (!isnan(c->values[i]) || (c->text_kind && c->text_kind[i] == MS_CELL_TEXT_STRING))
                        n++;
        return n;
}
