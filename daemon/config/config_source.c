/* SPDX-License-Identifier: MIT */
/* A source's JSON file in sources.d/: its fields, checked by type and range,
 * into an ms_source_config (the Eurostat block and the validation rules have
 * files of their own). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/eurostat_source.h"
#include "config_internal.h"
#include "migstat/json_util.h"
#include "migstat/source.h"

/* The worst input the defaults allow must fit under the unit's MemoryMax=
 * (packaging/migstatd.service; figures in README.md, bench/peak_rss_cells.sh). */
#define SOURCE_DEFAULT_MAX_BYTES (64u * 1024 * 1024)
/* Declared cells (the product of a cube's sizes): Eurostat's own API
 * answers at most 5 million; a small file declaring a huge cube is
 * refused before anything is allocated for it. */
#define SOURCE_DEFAULT_MAX_CELLS ((size_t) 5000000)
#define SOURCE_DEFAULT_TIMEOUT_SEC 60u
#define SOURCE_DEFAULT_POLL_INTERVAL_SEC 3600u

void config_source_done(ms_source_config *s) {
        free(s->id);
        free(s->kind);
        free(s->url);
        free(s->dataset);
        free(s->file);
        free(s->seed);
        ms_source_rules_done(&s->rules);
}

/* Replace every "{datadir}" in url by data_dir. */
static int expand_datadir(const char *url, const char *data_dir, char **ret) {
        static const char token[] = "{datadir}";
        ms_buf b = {0};
        const char *p = url;
        int r = 0;
        for (const char *q; r >= 0 && (q = strstr(p, token)); p = q + sizeof(token) - 1) {
                r = ms_buf_append(&b, p, (size_t) (q - p));
                if (r >= 0)
                        r = ms_buf_puts(&b, data_dir);
        }
        if (r >= 0)
                r = ms_buf_puts(&b, p);
        if (r < 0) {
                ms_buf_done(&b);
                return r;
        }
        *ret = b.data;
        return 0;
}

int config_field_error(ms_error *err, const ms_buf *text, const char *key, const char *fmt, const char *got) {
        ms_json_locate_key(err, text->data, text->len, key);
        return ms_error_set(err, -EINVAL, key, fmt, got);
}

static bool json_uint_in(const cJSON *v, double lo, double hi) {
        return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
               v->valuedouble == (double) (unsigned) v->valuedouble;
}

/* "release_window": {"first_day": 10, "last_day": 20, "poll_interval": 900} */
static int source_release_window_parse(const cJSON *j, const ms_buf *text, ms_source_config *s,
                                       ms_error *err) {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(j, "release_window");
        if (!w)
                return 0;
        const cJSON *fd = cJSON_GetObjectItemCaseSensitive(w, "first_day"),
                    *ld = cJSON_GetObjectItemCaseSensitive(w, "last_day"),
                    *pi = cJSON_GetObjectItemCaseSensitive(w, "poll_interval");
        if (!cJSON_IsObject(w) || cJSON_GetArraySize(w) != 3 || !json_uint_in(fd, 1, 28) ||
            !json_uint_in(ld, 1, 31) || !json_uint_in(pi, 60, 31 * 86400))
                return config_field_error(
                        err, text, "release_window",
                        "expected {\"first_day\": 1..28, \"last_day\": 1..31, \"poll_interval\": "
                        "seconds 60..2678400}%s",
                        "");
        s->release_first_day = (unsigned) fd->valuedouble;
        s->release_last_day = (unsigned) ld->valuedouble;
        s->release_poll_interval_sec = (unsigned) pi->valuedouble;
        return 0;
}

/* "seed": "eurostat_migr_asyappctza.json", a file under DataDirectory: the
 * bundled snapshot that stands in while the source has never been fetched. */
static int source_seed_parse(const ms_config *c, const cJSON *j, const ms_buf *text, ms_source_config *s,
                             ms_error *err) {
        const cJSON *v = ms_json_get(j, "seed");
        if (!v)
                return 0;
        const char *name = cJSON_GetStringValue(v);
        if (!name || !*name || name[0] == '/' || strstr(name, "..") || strlen(name) > 200 ||
            strpbrk(name, "\\\n\r\t"))
                return config_field_error(
                        err, text, "seed",
                        "expected a file name under DataDirectory (no '/' first, no '..'), got %s",
                        name ? name : "no string");
        if (asprintf(&s->seed, "%s/%s", c->data_dir, name) < 0) {
                s->seed = NULL;
                return -ENOMEM;
        }
        return 0;
}

/* max_bytes, max_cells, timeout, poll_interval: numbers in range, or the defaults. */
static int source_limits_parse(const cJSON *j, const ms_buf *text, ms_source_config *s, ms_error *err) {
        s->max_bytes = SOURCE_DEFAULT_MAX_BYTES;
        s->timeout_sec = SOURCE_DEFAULT_TIMEOUT_SEC;
        s->poll_interval_sec = SOURCE_DEFAULT_POLL_INTERVAL_SEC;
        const cJSON *mb = ms_json_get(j, "max_bytes");
        if (mb && (!cJSON_IsNumber(mb) || mb->valuedouble < 1 || mb->valuedouble > 1e10))
                return config_field_error(err, text, "max_bytes", "expected a byte count 1..10000000000%s",
                                          "");
        if (mb)
                s->max_bytes = (size_t) mb->valuedouble;
        s->max_cells = SOURCE_DEFAULT_MAX_CELLS;
        const cJSON *mc = ms_json_get(j, "max_cells");
        if (mc && (!cJSON_IsNumber(mc) || mc->valuedouble < 1 || mc->valuedouble > 50e6))
                return config_field_error(err, text, "max_cells", "expected a cell count 1..50000000%s", "");
        if (mc)
                s->max_cells = (size_t) mc->valuedouble;
        const cJSON *to = ms_json_get(j, "timeout");
        if (to && !json_uint_in(to, 1, 3600))
                return config_field_error(err, text, "timeout", "expected seconds 1..3600%s", "");
        if (to)
                s->timeout_sec = (unsigned) to->valuedouble;
        const cJSON *pi = ms_json_get(j, "poll_interval");
        if (pi && !json_uint_in(pi, 60, 31 * 86400))
                return config_field_error(err, text, "poll_interval", "expected seconds 60..2678400%s", "");
        if (pi)
                s->poll_interval_sec = (unsigned) pi->valuedouble;
        return 0;
}

/* id, kind, url, dataset: each a string or absent; another type is an
 * error naming it (a number for "dataset" was silently no dataset). */
static int source_string_fields(const cJSON *j, const ms_buf *text, const char **ret[4], ms_error *err) {
        static const char *const keys[4] = {"id", "kind", "url", "dataset"};
        for (size_t i = 0; i < ELEMENTSOF(keys); i++) {
                const cJSON *v = ms_json_get(j, keys[i]);
                if (v && ms_json_expect(v, MS_JSON_STRING, keys[i], "a string", err) < 0) {
                        ms_json_locate_key(err, text->data, text->len, keys[i]);
                        return -EINVAL;
                }
                *ret[i] = v ? v->valuestring : NULL;
        }
        return 0;
}

/* One sources.d file's text into s: the known fields only (an unknown key is
 * an error, a typo more often than intent), id and kind checked, the URL
 * built for the eurostat kind or taken with {datadir} expanded, the limits in
 * range, the validate block parsed.  Errors name the key and its line:col in
 * text; s is left half-filled for the caller's cleanup. */
static int source_config_parse(const ms_config *c, const ms_buf *text, ms_source_config *s, ms_error *err) {
        static const char *const known[] = {
                "id",        "kind",    "url",           "dataset",        "eurostat", "max_bytes",
                "max_cells", "timeout", "poll_interval", "release_window", "validate", "seed"};
        _cleanup_(cJSON_Deletep) cJSON *j = NULL;
        int r = ms_json_parse(text->data, text->len, &j, err);
        if (r < 0)
                return r;
        if (!cJSON_IsObject(j))
                return ms_error_set(err, -EINVAL, "", "expected a JSON object");
        for (const cJSON *m = ms_json_members(j); m; m = m->next) {
                size_t i = 0;
                while (i < ELEMENTSOF(known) && strcmp(known[i], m->string) != 0)
                        i++;
                if (i == ELEMENTSOF(known))
                        return config_field_error(
                                err, text, m->string,
                                "unknown field \"%s\" (expected id, kind, url, dataset, eurostat, max_bytes, max_cells, timeout, poll_interval, release_window, validate, seed)",
                                m->string);
        }
        const char *id, *kind, *url, *dataset;
        r = source_string_fields(j, text, (const char **[4]){&id, &kind, &url, &dataset}, err);
        if (r < 0)
                return r;
        if (!id || !ms_id_is_valid(id))
                return config_field_error(err, text, "id", "expected a string of a-z, 0-9 and '-', got %s",
                                          id ? id : "nothing");
        if (!ms_source_kind_is_known(kind)) {
                char fmt[160];
                snprintf(fmt, sizeof(fmt), "expected a kind (%s), got %%s", ms_source_kinds_list());
                return config_field_error(err, text, "kind", fmt, kind ? kind : "nothing");
        }
        _cleanup_free_ char *built = NULL;
        const cJSON *eu = cJSON_GetObjectItemCaseSensitive(j, "eurostat");
        if (eu && strcmp(kind, "eurostat") != 0)
                return config_field_error(err, text, "eurostat",
                                          "expected \"eurostat\" only with kind eurostat, got kind %s", kind);
        if (eu && url)
                return config_field_error(err, text, "url", "expected either url or eurostat, got %s",
                                          "both");
        if (eu) {
                r = ms_eurostat_source_url(eu, &built, err);
                if (r < 0)
                        return ms_json_locate_key(err, text->data, text->len, "eurostat"), r;
                url = built;
        }
        if (!url)
                return config_field_error(
                        err, text, "url",
                        "expected a URL string (or, for kind eurostat, a \"eurostat\" object), got %s",
                        "nothing");
        /* A dataset names a member of a bundle; never a path (issue 10). */
        if (dataset && (!*dataset || strlen(dataset) > 128 || strchr(dataset, '/') || strstr(dataset, "..") ||
                        strpbrk(dataset, "\\\n\r\t")))
                return config_field_error(
                        err, text, "dataset",
                        "expected a dataset name of 1-128 bytes without '/', '..' or control characters, got \"%.128s\"",
                        dataset);
        r = source_limits_parse(j, text, s, err);
        if (r < 0)
                return r;
        r = source_release_window_parse(j, text, s, err);
        if (r >= 0)
                r = source_seed_parse(c, j, text, s, err);
        if (r < 0)
                return r;
        r = ms_source_rules_parse(cJSON_GetObjectItemCaseSensitive(j, "validate"), text->data, text->len,
                                  &s->rules, err);
        if (r < 0)
                return r;

        s->id = strdup(id);
        s->kind = strdup(kind);
        s->dataset = dataset ? strdup(dataset) : NULL;
        r = expand_datadir(url, c->data_dir, &s->url);
        s->url_built = built != NULL;
        if (r < 0 || !s->id || !s->kind || (dataset && !s->dataset))
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        return 0;
}

int config_load_source_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err) {
        ms_source_config s = {0};
        int r = source_config_parse(c, text, &s, err);
        if (r >= 0 && ms_config_find_source(c, s.id))
                r = config_field_error(err, text, "id", "expected a unique source id, \"%s\" is used twice",
                                       s.id);
        if (r >= 0 && !(s.file = strdup(path)))
                r = -ENOMEM;
        if (r >= 0)
                r = MS_GROW(c->sources, c->sources_cap, c->n_sources + 1);
        if (r < 0) {
                config_source_done(&s);
                return r;
        }
        c->sources[c->n_sources++] = s;
        return 0;
}

int ms_config_parse_source_text(ms_config *c, const char *name, const char *text, size_t len, ms_error *err) {
        const ms_buf b = {.data = (char *) text, .len = len};
        ms_error_set_file(err, name);
        return config_load_source_file(c, name, &b, err);
}
