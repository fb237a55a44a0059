/* SPDX-License-Identifier: MIT */
/* A source's numbers: limits, timeouts, its poll schedule. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "config/config_internal.h"
#include "migstat/json_util.h"

/* The worst input the defaults allow must fit under the unit's MemoryMax=
 * (packaging/migstatd.service; figures in README.md, bench/peak_rss_cells.sh). */
#define SOURCE_DEFAULT_MAX_BYTES (64u * 1024 * 1024)
/* Declared cells (the product of a cube's sizes): Eurostat's own API
 * answers at most 5 million; a small file declaring a huge cube is
 * refused before anything is allocated for it. */
#define SOURCE_DEFAULT_MAX_CELLS 5000000u
#define SOURCE_DEFAULT_TIMEOUT_SEC 60u
#define SOURCE_DEFAULT_POLL_INTERVAL_SEC 3600u

static int field_error(ms_error *err, const ms_buf *text, const char *key, const char *expected) {
        ms_json_locate_key(err, text->data, text->len, key);
        return ms_error_set(err, -EINVAL, key, "expected %s", expected);
}

static const struct {
        const char *key, *expected;
        double min, max, def;
        size_t offset;
        bool is_size; /* a size_t field, else unsigned */
} source_limits[] = {
        {"max_bytes", "a byte count 1..10000000000", 1, 1e10, SOURCE_DEFAULT_MAX_BYTES,
         offsetof(ms_source_config, max_bytes), true},
        {"max_cells", "a cell count 1..50000000", 1, 50e6, SOURCE_DEFAULT_MAX_CELLS,
         offsetof(ms_source_config, max_cells), true},
        {"timeout", "seconds 1..3600", 1, 3600, SOURCE_DEFAULT_TIMEOUT_SEC, offsetof(ms_source_config, timeout_sec),
         false},
        {"poll_interval", "seconds 60..2678400", 60, 31 * 86400, SOURCE_DEFAULT_POLL_INTERVAL_SEC,
         offsetof(ms_source_config, poll_interval_sec), false},
};

int config_source_limits_parse(const cJSON *j, const ms_buf *text, ms_source_config *s, ms_error *err) {
        for (size_t i = 0; i < ELEMENTSOF(source_limits); i++) {
                const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, source_limits[i].key);
                if (n && (!cJSON_IsNumber(n) ||
                          !(n->valuedouble >= source_limits[i].min && n->valuedouble <= source_limits[i].max)))
                        return field_error(err, text, source_limits[i].key, source_limits[i].expected);
                double v = n ? n->valuedouble : source_limits[i].def;
                char *field = (char *) s + source_limits[i].offset;
                if (source_limits[i].is_size)
                        *(size_t *) field = (size_t) v;
                else
                        *(unsigned *) field = (unsigned) v;
        }
        return 0;
}

static bool json_uint_in(const cJSON *v, double lo, double hi) {
        return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
               v->valuedouble == (double) (unsigned) v->valuedouble;
}

/* "release_window": {"first_day": 10, "last_day": 20, "poll_interval": 900} */
int config_source_window_parse(const cJSON *j, const ms_buf *text, ms_source_config *s, ms_error *err) {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(j, "release_window");
        if (!w)
                return 0;
        const cJSON *fd = cJSON_GetObjectItemCaseSensitive(w, "first_day"),
                    *ld = cJSON_GetObjectItemCaseSensitive(w, "last_day"),
                    *pi = cJSON_GetObjectItemCaseSensitive(w, "poll_interval");
        if (!cJSON_IsObject(w) || cJSON_GetArraySize(w) != 3 || !json_uint_in(fd, 1, 28) || !json_uint_in(ld, 1, 31) ||
            !json_uint_in(pi, 60, 31 * 86400))
                return field_error(err, text, "release_window",
                                   "{\"first_day\": 1..28, \"last_day\": 1..31, \"poll_interval\": seconds 60..2678400}");
        s->release_first_day = (unsigned) fd->valuedouble;
        s->release_last_day = (unsigned) ld->valuedouble;
        s->release_poll_interval_sec = (unsigned) pi->valuedouble;
        return 0;
}
