/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_text.h"
#include "migstat/json_util.h"
#include "migstat/jsonstat.h"

/* Defaults of ms_jsonstat_options: Eurostat refuses extractions over 5e6
 * rows (413 EXTRACTION_TOO_BIG), so ten times that is a generous ceiling. */
#define DEFAULT_MAX_CELLS ((size_t) 50000000)

/* "dimension.geo.category.index" */
static const char *dim_path(char *buf, size_t n, const char *dim, const char *rest) {
        snprintf(buf, n, "dimension.%s%s%s", dim, rest[0] ? "." : "", rest);
        return buf;
}

/* id and size: 2.0 keeps them on the dataset, 1.x inside "dimension". */
static const cJSON *get_meta(const cJSON *ds, const char *key, char *where, size_t n) {
        const cJSON *v = ms_json_get(ds, key);
        snprintf(where, n, "%s", key);
        if (!v && (v = ms_json_get(ms_json_get(ds, "dimension"), key)))
                snprintf(where, n, "dimension.%s", key);
        return v;
}

static int parse_ids(ms_jsonstat_ctx *ctx, const cJSON *ds, ms_dimension *dims, size_t n) {
        char where[64], d[64];
        const cJSON *ids = get_meta(ds, "id", where, sizeof(where));
        size_t i = 0;
        for (const cJSON *e = ms_json_elements(ids); e; e = e->next, i++) {
                if (!cJSON_IsString(e) || !e->valuestring[0]) {
                        char w[96];
                        snprintf(w, sizeof(w), "%s[%zu]", where, i);
                        return ms_jsonstat_fail(ctx, -EBADMSG, w, "expected a dimension id string, got %s",
                                                ms_json_describe(e, d, sizeof(d)));
                }
                for (size_t j = 0; j < i; j++)
                        if (strcmp(dims[j].id, e->valuestring) == 0)
                                return ms_jsonstat_fail(ctx, -EBADMSG, where, "dimension \"%s\" listed twice",
                                                        e->valuestring);
                dims[i].id = strdup(e->valuestring);
                if (!dims[i].id)
                        return -ENOMEM;
        }
        assert(i == n);
        (void) n; /* only asserted */
        return 0;
}

/* Sizes into sizes[], their product (checked for overflow and the limit)
 * into *ret_cells. */
static int parse_sizes(ms_jsonstat_ctx *ctx, const cJSON *ds, size_t n, size_t *sizes, size_t *ret_cells) {
        char where[64], d[64];
        const cJSON *sz = get_meta(ds, "size", where, sizeof(where));
        if (!cJSON_IsArray(sz))
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected an array of %zu sizes, got %s", n,
                                        ms_json_describe(sz, d, sizeof(d)));
        if (ms_json_count(sz) != n)
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected %zu sizes (one per id), got %zu", n,
                                        ms_json_count(sz));
        size_t cells = 1, i = 0;
        bool overflow = false;
        for (const cJSON *e = ms_json_elements(sz); e; e = e->next, i++) {
                if (ms_json_get_uint(e, SIZE_MAX, &sizes[i]) < 0) {
                        char w[96];
                        snprintf(w, sizeof(w), "%s[%zu]", where, i);
                        return ms_jsonstat_fail(ctx, -EBADMSG, w, "expected a non-negative integer, got %s",
                                                ms_json_describe(e, d, sizeof(d)));
                }
                if (sizes[i] != 0 && cells > SIZE_MAX / sizes[i])
                        overflow = true;
                else
                        cells *= sizes[i];
        }
        for (i = 0; i < n; i++)
                if (sizes[i] == 0) { /* an empty cube, however big the other sizes */
                        cells = 0;
                        overflow = false;
                }
        if (overflow || cells > ctx->max_cells)
                return ms_jsonstat_fail(ctx, -E2BIG, where,
                                        "the product of the sizes exceeds the limit of %zu cells",
                                        ctx->max_cells);
        *ret_cells = cells;
        return 0;
}

static int code_cmp(const void *a, const void *b) {
        const ms_category *x = *(const ms_category *const *) a, *y = *(const ms_category *const *) b;
        return strcmp(x->code, y->code);
}

static int key_cmp(const void *key, const void *elem) {
        return strcmp(key, (*(const ms_category *const *) elem)->code);
}

/*
 * Reject duplicate codes and attach labels.  Both need a lookup by code;
 * a sorted array of pointers does it in n log n, where a scan per label
 * would be quadratic on dimensions of thousands of categories (Comext).
 */
static int attach_labels(ms_jsonstat_ctx *ctx, const cJSON *cat, ms_dimension *dim) {
        char where[160], d[64];
        size_t n = dim->n_categories;
        if (n == 0)
                return 0;
        _cleanup_free_ ms_category **sorted = calloc(n, sizeof(ms_category *));
        if (!sorted)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++)
                sorted[i] = &dim->categories[i];
        qsort(sorted, n, sizeof(ms_category *), code_cmp);
        for (size_t i = 1; i < n; i++)
                if (strcmp(sorted[i - 1]->code, sorted[i]->code) == 0)
                        return ms_jsonstat_fail(ctx, -EBADMSG,
                                                dim_path(where, sizeof(where), dim->id, "category.index"),
                                                "category \"%s\" listed twice", sorted[i]->code);

        const cJSON *labels = ms_json_get(cat, "label");
        if (labels && !cJSON_IsObject(labels))
                return ms_jsonstat_fail(ctx, -EBADMSG,
                                        dim_path(where, sizeof(where), dim->id, "category.label"),
                                        "expected an object, got %s", ms_json_describe(labels, d, sizeof(d)));
        for (const cJSON *l = ms_json_members(labels); l; l = l->next) {
                if (!cJSON_IsString(l))
                        continue; /* a label is decoration: don't reject data over it */
                ms_category **hit = bsearch(l->string, sorted, n, sizeof(ms_category *), key_cmp);
                if (!hit || (*hit)->label)
                        continue; /* labels of codes not in the index are harmless */
                (*hit)->label = strdup(l->valuestring);
                if (!(*hit)->label)
                        return -ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
                if (!dim->categories[i].label) {
                        dim->categories[i].label = strdup(dim->categories[i].code);
                        if (!dim->categories[i].label)
                                return -ENOMEM;
                }
        return 0;
}

/* category.index as an array, an object {code: position} or absent. */
static int parse_index(ms_jsonstat_ctx *ctx, const cJSON *cat, ms_dimension *dim) {
        char where[160], d[64];
        size_t n = dim->n_categories;
        const cJSON *idx = ms_json_get(cat, "index");
        dim_path(where, sizeof(where), dim->id, "category.index");

        if (!idx) {
                /* Allowed for a single category only: its code is label's one key. */
                const cJSON *labels = ms_json_get(cat, "label");
                if (n != 1 || ms_json_count(labels) != 1 || !cJSON_IsObject(labels))
                        return ms_jsonstat_fail(
                                ctx, -EBADMSG, where,
                                "expected an index (it may be left out only for a single category "
                                "named by label), got nothing for size %zu",
                                n);
                dim->categories[0].code = strdup(ms_json_members(labels)->string);
                return dim->categories[0].code ? 0 : -ENOMEM;
        }
        if (!cJSON_IsArray(idx) && !cJSON_IsObject(idx))
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected an array or an object, got %s",
                                        ms_json_describe(idx, d, sizeof(d)));
        if (ms_json_count(idx) != n)
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected %zu categories (its size), got %zu",
                                        n, ms_json_count(idx));

        size_t i = 0;
        const cJSON *first = cJSON_IsArray(idx) ? ms_json_elements(idx) : ms_json_members(idx);
        for (const cJSON *e = first; e; e = e->next, i++) {
                const char *code;
                size_t pos = i;
                if (cJSON_IsArray(idx)) {
                        if (!cJSON_IsString(e)) {
                                char w[200];
                                snprintf(w, sizeof(w), "%s[%zu]", where, i);
                                return ms_jsonstat_fail(ctx, -EBADMSG, w,
                                                        "expected a category id string, got %s",
                                                        ms_json_describe(e, d, sizeof(d)));
                        }
                        code = e->valuestring;
                } else {
                        code = e->string;
                        int r = ms_json_get_uint(e, n ? n - 1 : 0, &pos);
                        if (r == -ERANGE)
                                return ms_jsonstat_fail(ctx, -EBADMSG, where,
                                                        "position %s out of range 0..%zu (category \"%s\")",
                                                        ms_json_describe(e, d, sizeof(d)), n - 1, code);
                        if (r < 0)
                                return ms_jsonstat_fail(ctx, -EBADMSG, where,
                                                        "\"%s\": expected a position, got %s", code,
                                                        ms_json_describe(e, d, sizeof(d)));
                        if (dim->categories[pos].code)
                                return ms_jsonstat_fail(ctx, -EBADMSG, where,
                                                        "position %zu given to both \"%s\" and \"%s\"", pos,
                                                        dim->categories[pos].code, code);
                }
                dim->categories[pos].code = strdup(code);
                if (!dim->categories[pos].code)
                        return -ENOMEM;
        }
        return 0;
}

static int parse_dimension(ms_jsonstat_ctx *ctx, const cJSON *ds, size_t size, ms_dimension *dim) {
        char where[160], d[64];
        const cJSON *node = ms_json_get(ms_json_get(ds, "dimension"), dim->id);
        if (!node)
                return ms_jsonstat_fail(ctx, -EBADMSG, dim_path(where, sizeof(where), dim->id, ""),
                                        "dimension listed in \"id\" is missing");
        if (!cJSON_IsObject(node))
                return ms_jsonstat_fail(ctx, -EBADMSG, dim_path(where, sizeof(where), dim->id, ""),
                                        "expected an object, got %s", ms_json_describe(node, d, sizeof(d)));
        const cJSON *cat = ms_json_get(node, "category");
        if (!cJSON_IsObject(cat))
                return ms_jsonstat_fail(ctx, -EBADMSG, dim_path(where, sizeof(where), dim->id, "category"),
                                        "expected an object, got %s", ms_json_describe(cat, d, sizeof(d)));

        const char *label = ms_json_string(node, "label");
        dim->label = strdup(label ? label : dim->id);
        if (!dim->label)
                return -ENOMEM;
        if (size > 0) {
                dim->categories = calloc(size, sizeof(ms_category));
                if (!dim->categories)
                        return -ENOMEM;
        }
        dim->n_categories = size; /* before filling: ms_dimension_done() frees what is set */
        int r = parse_index(ctx, cat, dim);
        if (r < 0)
                return r;
        return attach_labels(ctx, cat, dim);
}

/*
 * role: {time: [ids], geo: [ids], metric: [ids]} on a 2.0 dataset, inside
 * "dimension" in 1.x.  Roles are hints for charts, so an id that is not a
 * dimension is ignored rather than rejected.  Without any role (Eurostat
 * sends none) the usual ids are recognized.
 */
static void apply_roles(const cJSON *ds, ms_dimension *dims, size_t n) {
        static const struct {
                const char *key;
                ms_role role;
        } table[] = {
                {"time", MS_ROLE_TIME},
                {"geo", MS_ROLE_GEO},
                {"metric", MS_ROLE_METRIC},
        };
        const cJSON *role = ms_json_get(ds, "role");
        if (!role)
                role = ms_json_get(ms_json_get(ds, "dimension"), "role");
        if (cJSON_IsObject(role)) {
                for (size_t t = 0; t < ELEMENTSOF(table); t++) {
                        const cJSON *ids = ms_json_get(role, table[t].key);
                        for (const cJSON *e = ms_json_elements(ids); e; e = e->next)
                                for (size_t i = 0; cJSON_IsString(e) && i < n; i++)
                                        if (strcmp(dims[i].id, e->valuestring) == 0)
                                                dims[i].role = table[t].role;
                }
                return;
        }
        for (size_t i = 0; i < n; i++) {
                if (strcasecmp(dims[i].id, "time") == 0 || strcasecmp(dims[i].id, "time_period") == 0)
                        dims[i].role = MS_ROLE_TIME;
                else if (strcasecmp(dims[i].id, "geo") == 0)
                        dims[i].role = MS_ROLE_GEO;
        }
}

/* The k-th number token of the text must be the number cJSON parsed;
 * checking it costs one strtod and catches the scan and the walk going
 * out of step. */
static int next_number_text(ms_jsonstat_ctx *ctx, ms_json_number_scan *scan, double v, const char **ret,
                            size_t *ret_len) {
        const char *start;
        size_t len;
        char tmp[64], *end;
        if (!ms_json_number_scan_next(scan, &start, &len) || len >= sizeof(tmp))
                return ms_jsonstat_fail(ctx, -EBADMSG, "value", "internal error: number text not found");
        memcpy(tmp, start, len);
        tmp[len] = '\0';
        /* strtod() follows the locale; cJSON swaps in its decimal point too. */
        const char *dp = localeconv()->decimal_point;
        char *dot = strchr(tmp, '.');
        if (dot && dp && dp[0] && !dp[1])
                *dot = dp[0];
        double t = strtod(tmp, &end);
        if (!(t == v || (isnan(t) && isnan(v))))
                return ms_jsonstat_fail(ctx, -EBADMSG, "value",
                                        "internal error: number text \"%s\" out of step", tmp);
        *ret = start;
        *ret_len = (size_t) (end - tmp); /* what strtod read, as cJSON did */
        return 0;
}

static int set_cell(ms_jsonstat_ctx *ctx, ms_cube *c, size_t off, const cJSON *e, ms_json_number_scan *scan) {
        char where[64], d[64];
        if (cJSON_IsNull(e))
                return 0;
        if (cJSON_IsNumber(e)) {
                c->values[off] = e->valuedouble;
                if (!scan)
                        return 0;
                const char *t = NULL;
                size_t len = 0;
                int r = next_number_text(ctx, scan, e->valuedouble, &t, &len);
                return r < 0 ? r : ms_cube_set_text(c, off, MS_CELL_TEXT_NUMBER, t, len);
        }
        if (cJSON_IsString(e)) /* order.json, Comext ":C": no number, but keep what was said */
                return ctx->keep_text ? ms_cube_set_text(c, off, MS_CELL_TEXT_STRING, e->valuestring,
                                                         strlen(e->valuestring))
                                      : 0;
        snprintf(where, sizeof(where), "value[%zu]", off);
        return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected a number, a string or null, got %s",
                                ms_json_describe(e, d, sizeof(d)));
}

/* Offset of a sparse value/status key: a decimal string below n_cells. */
static int parse_offset_key(ms_jsonstat_ctx *ctx, const char *what, const ms_cube *c, const char *key,
                            size_t *ret) {
        int r = ms_json_parse_decimal(key, c->n_cells ? c->n_cells - 1 : 0, ret);
        if (r >= 0 && c->n_cells > 0)
                return 0;
        if (c->n_cells == 0)
                return ms_jsonstat_fail(ctx, -EBADMSG, what, "key \"%s\": the cube has no cells", key);
        return ms_jsonstat_fail(ctx, -EBADMSG, what, "expected a cell offset 0..%zu as key, got \"%s\"",
                                c->n_cells - 1, key);
}

static int parse_values(ms_jsonstat_ctx *ctx, const cJSON *ds, ms_cube *c) {
        char d[64];
        const cJSON *v = ms_json_get(ds, "value");
        ms_json_number_scan scan_buf = {.buf = ctx->buf, .len = ctx->len}, *scan = NULL;
        int r;

        if (ctx->lean_values && ds == ctx->root)
                return ms_jsonstat_lean_values(ctx->lean_values, ctx->lean_len, c);
        if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
                return ms_jsonstat_fail(ctx, -EBADMSG, "value", "expected an array or an object, got %s",
                                        ms_json_describe(v, d, sizeof(d)));
        if (ctx->keep_text) {
                size_t k = 0;
                const char *s;
                size_t l;
                (void) ms_json_count_numbers_before(ctx->root, v, &k);
                for (; k > 0; k--)
                        if (!ms_json_number_scan_next(&scan_buf, &s, &l))
                                return ms_jsonstat_fail(ctx, -EBADMSG, "value",
                                                        "internal error: number text not found");
                scan = &scan_buf;
        }
        if (cJSON_IsArray(v)) {
                size_t n = ms_json_count(v), off = 0;
                if (n != c->n_cells)
                        return ms_jsonstat_fail(ctx, -EBADMSG, "value",
                                                "expected %zu values (product of size), got %zu", c->n_cells,
                                                n);
                for (const cJSON *e = ms_json_elements(v); e; e = e->next, off++) {
                        r = set_cell(ctx, c, off, e, scan);
                        if (r < 0)
                                return r;
                }
                return 0;
        }
        for (const cJSON *e = ms_json_members(v); e; e = e->next) {
                size_t off;
                r = parse_offset_key(ctx, "value", c, e->string, &off);
                if (r >= 0)
                        r = set_cell(ctx, c, off, e, scan);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int set_status(ms_jsonstat_ctx *ctx, ms_cube *c, size_t from, size_t to, const cJSON *e,
                      const char *where) {
        char d[64];
        if (cJSON_IsNull(e) || (cJSON_IsString(e) && !e->valuestring[0]))
                return 0;
        if (!cJSON_IsString(e))
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected a status string, got %s",
                                        ms_json_describe(e, d, sizeof(d)));
        for (size_t off = from; off < to; off++) {
                int r = ms_cube_set_status(c, off, e->valuestring);
                if (r == -E2BIG)
                        return ms_jsonstat_fail(ctx, r, where, "more than 65535 distinct status codes");
                if (r < 0)
                        return r;
        }
        return 0;
}

/* status: a string or one-element array for all cells, an array per cell,
 * or an object keyed by offset. */
static int parse_status(ms_jsonstat_ctx *ctx, const cJSON *ds, ms_cube *c) {
        char where[64], d[64];
        const cJSON *s = ms_json_get(ds, "status");
        int r;

        if (!s || cJSON_IsNull(s))
                return 0;
        if (cJSON_IsString(s))
                return set_status(ctx, c, 0, c->n_cells, s, "status");
        if (cJSON_IsArray(s)) {
                size_t n = ms_json_count(s), off = 0;
                if (n == 1)
                        return set_status(ctx, c, 0, c->n_cells, ms_json_elements(s), "status[0]");
                if (n != c->n_cells)
                        return ms_jsonstat_fail(ctx, -EBADMSG, "status",
                                                "expected 1 or %zu entries (product of size), got %zu",
                                                c->n_cells, n);
                for (const cJSON *e = ms_json_elements(s); e; e = e->next, off++) {
                        snprintf(where, sizeof(where), "status[%zu]", off);
                        r = set_status(ctx, c, off, off + 1, e, where);
                        if (r < 0)
                                return r;
                }
                return 0;
        }
        if (!cJSON_IsObject(s))
                return ms_jsonstat_fail(ctx, -EBADMSG, "status",
                                        "expected a string, an array or an object, got %s",
                                        ms_json_describe(s, d, sizeof(d)));
        for (const cJSON *e = ms_json_members(s); e; e = e->next) {
                size_t off;
                r = parse_offset_key(ctx, "status", c, e->string, &off);
                if (r < 0)
                        return r;
                snprintf(where, sizeof(where), "status.%s", e->string);
                r = set_status(ctx, c, off, off + 1, e, where);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int copy_meta(const cJSON *ds, ms_cube *c) {
        static const char *const keys[] = {"label", "source", "updated"};
        char **fields[] = {&c->label, &c->source, &c->updated};
        for (size_t i = 0; i < ELEMENTSOF(keys); i++) {
                const char *s = ms_json_string(ds, keys[i]);
                if (s && !(*fields[i] = strdup(s)))
                        return -ENOMEM;
        }
        /* Eurostat names the dataset it answered with (upper case). */
        const char *id = ms_json_string(ms_json_get(ds, "extension"), "id");
        if (id && strlen(id) <= 64 && !(c->dataset_id = strdup(id)))
                return -ENOMEM;
        return 0;
}

/* One JSON-stat dataset object (2.0, or a 1.x bundle member) into a cube: the
 * dimensions in `id` order with their categories, labels and roles, then the
 * values and status (array or sparse object), the label, source and updated
 * time.  Errors name the JSON path and what was expected (ctx->err); limits on
 * dimensions and declared cells are checked before anything is allocated. */
static int parse_dataset(ms_jsonstat_ctx *ctx, const cJSON *ds, ms_cube **ret) {
        char where[64], d[64];
        _cleanup_(ms_dimensions_freep) ms_dimension *dims = NULL;
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        _cleanup_free_ size_t *sizes = NULL;
        size_t n_cells;
        int r;

        if (!cJSON_IsObject(ms_json_get(ds, "dimension")))
                return ms_jsonstat_fail(ctx, -EBADMSG, "dimension", "expected an object, got %s",
                                        ms_json_describe(ms_json_get(ds, "dimension"), d, sizeof(d)));
        const cJSON *ids = get_meta(ds, "id", where, sizeof(where));
        if (!ms_json_elements(ids))
                return ms_jsonstat_fail(ctx, -EBADMSG, where, "expected an array of dimension ids, got %s",
                                        cJSON_IsArray(ids) ? "[]" : ms_json_describe(ids, d, sizeof(d)));
        size_t n = ms_json_count(ids);
        if (n > ctx->max_dims)
                return ms_jsonstat_fail(ctx, -E2BIG, where, "%zu dimensions exceed the limit of %zu", n,
                                        ctx->max_dims);

        /* One spare zeroed entry ends the array for ms_dimensions_freep(). */
        dims = calloc(n + 1, sizeof(ms_dimension));
        sizes = calloc(n, sizeof(size_t));
        if (!dims || !sizes)
                return -ENOMEM;
        r = parse_ids(ctx, ds, dims, n);
        if (r < 0)
                return r;
        r = parse_sizes(ctx, ds, n, sizes, &n_cells);
        if (r < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                r = parse_dimension(ctx, ds, sizes[i], &dims[i]);
                if (r < 0)
                        return r;
        }
        apply_roles(ds, dims, n);

        r = ms_cube_new(TAKE_PTR(dims), n, &c);
        if (r < 0)
                return r == -E2BIG ? ms_jsonstat_fail(ctx, r, "size", "the cube does not fit in memory") : r;
        r = copy_meta(ds, c);
        if (r < 0)
                return r;
        r = parse_values(ctx, ds, c);
        if (r < 0)
                return r;
        r = parse_status(ctx, ds, c);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}

/* The lean path: cJSON parses a copy without the root's "value" text,
 * which is read straight into the cube.  -EAGAIN: take the full path. */
static int parse_lean(ms_jsonstat_ctx *ctx, const ms_jsonstat_options *opts, ms_cube **ret) {
        ms_jsonstat_ctx lean = *ctx;
        _cleanup_free_ char *copy = NULL;
        if (ctx->keep_text || opts->dataset || ms_jsonstat_lean_prepare(&lean, &copy) <= 0)
                return -EAGAIN;
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        const cJSON *ds;
        int r = ms_jsonstat_load(&lean, &root);
        lean.root = root;
        if (r >= 0)
                r = ms_jsonstat_select(&lean, root, NULL, &ds);
        if (r >= 0)
                r = parse_dataset(&lean, ds, ret);
        if (r == -ENOMEM || r == -E2BIG) /* the same on the full path, after a big tree */
                return r;
        if (r < 0)
                ms_error_clear(ctx->err);
        return r < 0 ? -EAGAIN : 0;
}

int ms_jsonstat_parse(const char *buf, size_t len, const ms_jsonstat_options *opts, ms_cube **ret,
                      ms_error *err) {
        static const ms_jsonstat_options defaults = {};
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        const cJSON *ds;
        int r;

        assert(buf || len == 0);
        assert(ret);
        if (!opts)
                opts = &defaults;
        ms_error_clear(err);
        ms_jsonstat_ctx ctx = {
                .buf = buf,
                .len = len,
                .max_cells = opts->max_cells ? opts->max_cells : DEFAULT_MAX_CELLS,
                .max_dims = ms_cube_dims_limit(opts->max_dims),
                .keep_text = opts->keep_text,
                .err = err,
        };
        r = parse_lean(&ctx, opts, ret);
        if (r != -EAGAIN)
                return r;
        r = ms_jsonstat_load(&ctx, &root);
        if (r < 0)
                return r;
        ctx.root = root;
        r = ms_jsonstat_select(&ctx, root, opts->dataset, &ds);
        if (r < 0)
                return r;
        return parse_dataset(&ctx, ds, ret);
}
