/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "cycle/config_check.h"
#include "fetch/cache.h"
#include "migstat/chart_data.h"
#include "migstat/chart_expand.h"
#include "migstat/json_util.h"
#include "migstat/source.h"

#define CHECK_MAX_SPEC_BYTES (4u * 1024 * 1024)

typedef struct check_ctx {
        const ms_config *config;
        ms_cube **cubes; /* per source, NULL when there is no data to check against */
} check_ctx;

static const ms_cube *check_lookup(const char *id, void *userdata) {
        const check_ctx *x = userdata;
        for (size_t i = 0; i < x->config->n_sources; i++)
                if (strcmp(x->config->sources[i].id, id) == 0)
                        return x->cubes[i];
        return NULL;
}

/* The bytes a run would start from: a file:// source's file, else the
 * cached last good response.  -ENOENT when there are none. */
static int check_source_bytes(const ms_config *c, const ms_source_config *s, ms_buf *ret, ms_error *err) {
        if (strncmp(s->url, "file://", 7) == 0) {
                err->file = s->url + 7;
                return ms_read_file(s->url + 7, s->max_bytes, ret, err);
        }
        ms_cache_meta meta = {0};
        ms_error ignored = {.offset = -1};
        int r = ms_cache_load(c->state_dir, s->id, s->max_bytes, &meta, ret, &ignored);
        ms_cache_meta_done(&meta);
        return r < 0 ? -ENOENT : 0;
}

/* "chart x: WHERE", as a run's log names it. */
static void check_name_subject(ms_error *err, const char *kind, const char *id) {
        char where[sizeof(err->where)];
        memcpy(where, err->where, sizeof(where));
        snprintf(err->where, sizeof(err->where), "%s %.60s%s%.80s", kind, id, where[0] ? ": " : "", where);
}

/* Data that cannot be read or parsed is not checked against: that is the
 * run's validation gate's business (it names the source and the place), not
 * a mistake in the configuration. */
static int check_load_source(const ms_config *c, const ms_source_config *s, ms_cube **ret, ms_error *err) {
        ms_buf b = {0};
        *err = (ms_error){.file = s->file, .offset = -1};
        int r = check_source_bytes(c, s, &b, err);
        if (r >= 0) {
                ms_source_options so = ms_source_config_parse_options(s);
                r = ms_source_parse(s->kind, b.data ? b.data : "", b.len, &so, ret, err);
        }
        ms_buf_done(&b);
        if (r < 0)
                *ret = NULL;
        return r == -ENOMEM ? r : 0;
}

/* "DE, AT, BE, ... (27 codes)" */
static void check_codes(const ms_dimension *d, char *out, size_t n) {
        size_t len = 0;
        out[0] = '\0';
        for (size_t k = 0; k < d->n_categories && k < 8 && len < n; k++) {
                int w = snprintf(out + len, n - len, "%s%s", k ? ", " : "", d->categories[k].code);
                len += w > 0 ? (size_t) w : 0;
        }
        if (d->n_categories > 8 && len < n)
                snprintf(out + len, n - len, ", ... (%zu codes)", d->n_categories);
}

/* Each filter names a dimension of the source and one of its codes. */
static int check_filters(const ms_chart_spec *s, const ms_cube *cube, const ms_buf *text, ms_error *err) {
        for (size_t i = 0; i < s->n_filters; i++) {
                char path[200], codes[300];
                snprintf(path, sizeof(path), "select.filters.%s", s->filters[i].dim);
                int d = ms_cube_dim_index(cube, s->filters[i].dim);
                if (d < 0) {
                        (void) ms_json_locate_path(err, text->data, text->len, path, 0);
                        return ms_error_set(err, -EINVAL, path, "source %s has no dimension \"%s\"",
                                            s->source, s->filters[i].dim);
                }
                const ms_dimension *dim = &cube->dims[d];
                bool known = strcmp(s->filters[i].code, "latest") == 0;
                for (size_t k = 0; !known && k < dim->n_categories; k++)
                        known = strcmp(dim->categories[k].code, s->filters[i].code) == 0;
                if (known)
                        continue;
                check_codes(dim, codes, sizeof(codes));
                (void) ms_json_locate_path(err, text->data, text->len, path, 0);
                return ms_error_set(err, -EINVAL, path,
                                    "unknown code \"%s\" in dimension %s of source %s: expected %s",
                                    s->filters[i].code, s->filters[i].dim, s->source, codes);
        }
        return 0;
}

/* Select the data of spec (and of each chart for_each makes of it) as a
 * run would; an error is located at its spec field. */
static int check_select(const check_ctx *x, const ms_chart_spec *s, const ms_buf *text, ms_error *err) {
        ms_chart_spec **v = NULL;
        size_t n = 0;
        int r = 0;
        if (s->for_each) {
                const ms_cube *fc = check_lookup(s->for_each->source, (void *) x);
                if (!fc)
                        return 0;
                r = ms_chart_spec_expand(s, fc, &v, &n, err);
        }
        for (size_t i = 0; r >= 0 && i < (s->for_each ? n : 1); i++) {
                ms_chart_data *d = NULL;
                r = ms_chart_data_select_from(s->for_each ? v[i] : s, check_lookup, (void *) x, &d, err);
                ms_chart_data_free(d);
        }
        for (size_t i = 0; i < n; i++)
                ms_chart_spec_free(v[i]);
        free(v);
        if (r < 0 && r != -ENOMEM) {
                char path[sizeof(err->where)];
                snprintf(path, sizeof(path), "%.*s", (int) strcspn(err->where, ", "), err->where);
                (void) ms_json_locate_path(err, text->data, text->len, path[0] ? path : "select", 0);
        }
        return r;
}

static int check_chart(const check_ctx *x, size_t i, ms_error *err) {
        const ms_chart_spec *s = x->config->charts[i];
        const ms_cube *cube = check_lookup(s->source, (void *) x);
        if (!cube)
                return 0;
        ms_buf text = {0};
        *err = (ms_error){.file = x->config->chart_files[i], .offset = -1};
        int r = ms_read_file(x->config->chart_files[i], CHECK_MAX_SPEC_BYTES, &text, err);
        if (r >= 0)
                r = check_filters(s, cube, &text, err);
        if (r >= 0)
                r = check_select(x, s, &text, err);
        ms_buf_done(&text);
        if (r < 0 && r != -ENOMEM) {
                err->file = x->config->chart_files[i];
                check_name_subject(err, "chart", s->id);
        }
        return r;
}

int ms_config_check(const ms_config *c, ms_error *err) {
        check_ctx x = {.config = c, .cubes = calloc(c->n_sources + 1, sizeof(ms_cube *))};
        int r = x.cubes ? 0 : -ENOMEM;
        for (size_t i = 0; r >= 0 && i < c->n_sources; i++)
                r = check_load_source(c, &c->sources[i], &x.cubes[i], err);
        for (size_t i = 0; r >= 0 && i < c->n_charts; i++)
                r = check_chart(&x, i, err);
        for (size_t i = 0; x.cubes && i < c->n_sources; i++)
                ms_cube_free(x.cubes[i]);
        free(x.cubes);
        if (r == -ENOMEM)
                return ms_error_set(err, r, "", "out of memory");
        return r;
}
