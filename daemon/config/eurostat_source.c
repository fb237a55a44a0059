/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/buf.h"
#include "migstat/eurostat.h"
#include "config/eurostat_source.h"
#include "migstat/json_util.h"

#define EUROSTAT_MAX_FILTERS 512 /* every citizenship of a dataset, listed (about 210) */

static int eurostat_bad(ms_error *err, const char *path, const char *expected) {
        return ms_error_set(err, -EINVAL, path, "expected %s", expected);
}

/* Flatten {"geo": ["DE", "FR"], "unit": "PER"} into filters (borrowed strings). */
static int eurostat_filters(const cJSON *f, ms_filter *out, size_t *n, ms_error *err) {
        *n = 0;
        if (!f)
                return 0;
        if (!cJSON_IsObject(f))
                return eurostat_bad(err, "eurostat.filters", "an object of dimension: code or [codes]");
        for (const cJSON *d = ms_json_members(f); d; d = d->next) {
                const cJSON *codes = cJSON_IsArray(d) ? ms_json_elements(d) : d;
                size_t k = 0;
                for (const cJSON *c = codes; c; c = cJSON_IsArray(d) ? c->next : NULL, k++) {
                        char path[sizeof(err->where)], at[sizeof(err->where)];
                        ms_json_path_key(path, sizeof(path), "eurostat.filters", d->string);
                        if (cJSON_IsArray(d))
                                ms_json_path_index(at, sizeof(at), path, k);
                        int r = ms_json_expect(c, MS_JSON_STRING, cJSON_IsArray(d) ? at : path,
                                               "a code string", err);
                        if (r < 0)
                                return -EINVAL;
                        if (*n == EUROSTAT_MAX_FILTERS)
                                return eurostat_bad(err, "eurostat.filters", "at most 512 filter codes");
                        out[(*n)++] = (ms_filter){.dim = d->string, .code = c->valuestring};
                }
        }
        return 0;
}

int ms_eurostat_source_url(const cJSON *eu, char **ret, ms_error *err) {
        if (!cJSON_IsObject(eu))
                return eurostat_bad(err, "eurostat", "an object with dataset, filters, lang and api");
        static const char *const known[] = {"dataset", "filters", "lang", "api"};
        for (const cJSON *m = ms_json_members(eu); m; m = m->next) {
                size_t i = 0;
                while (i < sizeof(known) / sizeof(known[0]) && strcmp(known[i], m->string) != 0)
                        i++;
                if (i == sizeof(known) / sizeof(known[0]))
                        return ms_error_set(err, -EINVAL, "eurostat",
                                            "unknown field \"%s\" (expected dataset, filters, lang, api)",
                                            m->string);
        }
        for (const cJSON *m = ms_json_members(eu); m; m = m->next) {
                char path[sizeof(err->where)];
                if (strcmp(m->string, "filters") != 0 &&
                    ms_json_expect(m, MS_JSON_STRING,
                                   ms_json_path_key(path, sizeof(path), "eurostat", m->string), "a string",
                                   err) < 0)
                        return -EINVAL;
        }
        const char *lang = ms_json_string(eu, "lang"), *api = ms_json_string(eu, "api");
        if (cJSON_HasObjectItem(eu, "api") &&
            (!api || (strncmp(api, "https://", 8) != 0 && strncmp(api, "http://", 7) != 0)))
                return eurostat_bad(err, "eurostat.api", "an http:// or https:// base URL");
        ms_filter filters[EUROSTAT_MAX_FILTERS];
        size_t n = 0;
        int r = eurostat_filters(cJSON_GetObjectItemCaseSensitive(eu, "filters"), filters, &n, err);
        ms_buf url = {0};
        if (r >= 0 && (r = ms_eurostat_url(ms_json_string(eu, "dataset"), filters, n, lang ? lang : "en",
                                           &url, err)) < 0) {
                /* "dataset" -> "eurostat.dataset": the path in the source file. */
                size_t l = strnlen(err->where, sizeof(err->where) - 10);
                memmove(err->where + 9, err->where, l);
                memcpy(err->where, "eurostat.", 9);
                err->where[9 + l] = '\0';
        }
        if (r < 0)
                return r;
        /* Another base: the part after the API prefix goes onto it. */
        const char *rest = url.data + strlen(MS_EUROSTAT_API);
        ms_buf out = {0};
        if (api)
                r = ms_buf_printf(&out, "%s%s%s", api, api[strlen(api) - 1] == '/' ? "" : "/", rest);
        else
                r = ms_buf_append(&out, url.data, url.len + 1);
        ms_buf_done(&url);
        if (r < 0)
                return ms_buf_done(&out), -ENOMEM;
        *ret = out.data;
        return 0;
}
