/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch/fetch_loop.h"
#include "base/fileio.h"
#include "migstat/source.h"
#include "migstat/json_util.h"
#include "base/sha256.h"
#include "base/timefmt.h"
#include "base/log.h"
#include "fetch/source_fetch.h"
#include "fetch/source_pages.h"

static bool source_is_file(const ms_source_config *s) {
        return strncmp(s->url, "file://", 7) == 0;
}

/* Log "source ID: ..." with the MIGSTAT_SOURCE= field for the journal. */
_printf_(3, 4) static void source_log(int priority, const ms_source_config *s, const char *fmt, ...) {
        char field[128], msg[1024];
        va_list ap;
        va_start(ap, fmt);
        (void) vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", s->id);
        const char *const fields[] = {field, NULL};
        (void) ms_log_full(priority, 0, fields, "source %s: %s", s->id, msg);
}

/* The cache entry is only ours if it was fetched from the URL configured now. */
static void source_fetch_read_meta(const ms_config *c, ms_source_fetch *sf) {
        ms_error err = {.offset = -1};
        if (source_is_file(sf->source))
                return;
        int r = ms_cache_load_meta(c->state_dir, sf->source->id, &sf->cache_meta, &err);
        if (r < 0) {
                if (r != -ENOENT)
                        source_log(LOG_WARNING, sf->source, "cache unusable, fetching without it: %s",
                                   err.msg);
                /* Forgotten, so that the next good response replaces it;
                 * the other sources' caches are theirs. */
                if (r == -EBADMSG || r == -EBADFD)
                        (void) ms_cache_forget(c->state_dir, sf->source->id);
                return;
        }
        if (strcmp(sf->cache_meta.url, sf->source->url) != 0) {
                ms_cache_meta_done(&sf->cache_meta);
                return;
        }
        sf->have_cache = true;
}

/* Replace sf->body by the cached body; -ENOENT if there is none. */
static int source_fetch_use_cache(const ms_config *c, ms_source_fetch *sf) {
        ms_error err = {.offset = -1};
        ms_cache_meta m = {0};
        if (!sf->have_cache)
                return -ENOENT;
        int r = ms_cache_load(c->state_dir, sf->source->id, sf->source->max_bytes, &m, &sf->body, &err);
        if (r < 0) {
                source_log(LOG_WARNING, sf->source, "cached response unusable: %s", err.msg);
                return r;
        }
        ms_cache_meta_done(&m);
        sf->fresh = false;
        sf->from_cache = true;
        return 0;
}

static ms_fetch_request source_fetch_request(const ms_config *c, const ms_source_fetch *sf);

/* Never fetched (nothing cached) and the fetch failed: the bundled
 * snapshot stands in, as what the publisher last released that we know. */
static void source_fetch_use_seed(ms_source_fetch *sf) {
        ms_error err = {.offset = -1};
        if (!sf->source->seed)
                return;
        ms_buf_done(&sf->body);
        int r = ms_read_file(sf->source->seed, sf->source->max_bytes, &sf->body, &err);
        if (r < 0) {
                ms_buf_done(&sf->body);
                source_log(LOG_ERR, sf->source, "%s; its seed is unusable too: %s", sf->reason, err.msg);
                return;
        }
        sf->fresh = false;
        sf->from_seed = true;
        source_log(LOG_WARNING, sf->source, "%s; nothing cached yet: publishing its seed %s", sf->reason,
                   sf->source->seed);
}

/* Eurostat refuses an extraction over its size limit (HTTP 413,
 * EXTRACTION_TOO_BIG): the same request fails again, so the reason starts
 * with what to change and where ("" for any other failure). */
static const char *source_fetch_hint(const ms_source_config *s, const char *reason, char *buf, size_t n) {
        if (!strstr(reason, "EXTRACTION_TOO_BIG"))
                return "";
        snprintf(
                buf, n,
                "asks for more cells than Eurostat extracts at once: narrow %s in %s "
                "(one code for each dimension its charts do not split by, e.g. sex T, age TOTAL, citizen TOTAL; "
                "a sinceTimePeriod); ",
                s->url_built ? "\"eurostat.filters\"" : "the filters of its \"url\"",
                s->file ? s->file : "its sources.d file");
        return buf;
}

static void on_source_fetched(ms_fetcher *f, ms_fetch_response *resp, void *userdata) {
        ms_source_fetch *sf = userdata;
        sf->error = resp->error;
        sf->attempts = resp->attempts;
        if (resp->error < 0) {
                char hint[400];
                snprintf(sf->reason, sizeof(sf->reason), "%s%s",
                         source_fetch_hint(sf->source, resp->reason, hint, sizeof(hint)), resp->reason);
                return;
        }
        if (resp->result.not_modified) {
                sf->not_modified = true;
                return;
        }
        sf->fresh = true;
        sf->body = resp->body;
        resp->body = (ms_buf){0};
        sf->fresh_meta = (ms_cache_meta){
                .url = strdup(sf->source->url),
                .etag = TAKE_PTR(resp->result.etag),
                .last_modified = TAKE_PTR(resp->result.last_modified),
                .fetch_time = (int64_t) time(NULL),
                .status = resp->result.status,
        };
        ms_fetch_request base = source_fetch_request(sf->config, sf);
        int r = ms_source_pages_start(f, &base, sf);
        if (r < 0 && sf->error >= 0) {
                sf->error = r;
                snprintf(sf->reason, sizeof(sf->reason), "fetching the pages of %s: %s", sf->source->url,
                         strerror(-r));
        }
}

/* The kinds whose documents are JSON (the others are CSV/TSV text). */
static bool source_kind_is_json(const char *kind) {
        const ms_source_kind *k = ms_source_kind_find(kind);
        return k && k->json;
}

static ms_fetch_request source_fetch_request(const ms_config *c, const ms_source_fetch *sf) {
        const ms_source_config *s = sf->source;
        return (ms_fetch_request){
                .url = s->url,
                .name = s->id,
                .opts = {.max_bytes = s->max_bytes,
                         .timeout_sec = s->timeout_sec,
                         .low_speed_sec = c->fetch_low_speed_sec,
                         .allow_file = c->allow_file_urls,
                         .expect_json = source_kind_is_json(s->kind),
                         .ca_file = c->fetch_ca_file,
                         .if_none_match = sf->have_cache ? sf->cache_meta.etag : NULL,
                         .if_modified_since = sf->have_cache ? sf->cache_meta.last_modified : NULL},
                .retry = {.max_retries = c->fetch_max_retries,
                          .base_usec = (uint64_t) c->fetch_retry_base_msec * 1000ULL,
                          .max_usec = MS_RETRY_DEFAULT_MAX_USEC,
                          .max_retry_after_sec = c->fetch_max_retry_after_sec,
                          .unreachable_is_final = !sf->have_cache && s->seed},
        };
}

/* After the loop: a failure with a cache entry yields the cache; a 304 will
 * (ms_source_fetch_load()). */
static void source_fetch_settle(const ms_config *c, ms_source_fetch *sf) {
        ms_source_pages_join(sf);
        if (sf->error < 0 && sf->fresh) { /* a page failed after page 1 came */
                sf->fresh = false;
                ms_buf_done(&sf->body);
        }
        if (sf->not_modified) {
                sf->body_pending = sf->from_cache = true;
                return;
        }
        char when[32];
        if (sf->error < 0 && source_fetch_use_cache(c, sf) >= 0) {
                ms_format_utc(sf->cache_meta.fetch_time, when, sizeof(when), "an earlier poll");
                source_log(LOG_WARNING, sf->source, "%s; using the cached response fetched %s", sf->reason,
                           when);
        } else if (sf->error < 0)
                source_fetch_use_seed(sf);
}

int ms_source_fetch_load(const ms_config *c, ms_source_fetch *sf) {
        if (!sf->body_pending)
                return 0;
        sf->body_pending = false;
        int r = source_fetch_use_cache(c, sf);
        if (r < 0) {
                sf->error = r;
                sf->from_cache = false;
                snprintf(sf->reason, sizeof(sf->reason),
                         "fetching %s: 304 Not Modified, but the cached response is unusable; "
                         "the next request will be unconditional",
                         sf->source->url);
                (void) ms_cache_forget(c->state_dir, sf->source->id);
        }
        return r;
}

int ms_source_fetch_all(const ms_config *c, const bool *due, ms_source_fetch **ret) {
        _cleanup_(sd_event_unrefp) sd_event *e = NULL;
        _cleanup_(ms_fetcher_freep) ms_fetcher *f = NULL;
        ms_source_fetch *a = calloc(c->n_sources ? c->n_sources : 1, sizeof(*a));
        int r = a ? sd_event_new(&e) : -ENOMEM;
        if (r >= 0)
                r = ms_fetcher_new(e, c->fetch_max_host_connections, &f);
        for (size_t i = 0; r >= 0 && i < c->n_sources; i++) {
                a[i].config = c;
                a[i].source = &c->sources[i];
                source_fetch_read_meta(c, &a[i]);
                if (due && !due[i] && a[i].have_cache && !source_is_file(a[i].source)) {
                        a[i].not_modified = true; /* not asked: its cached response stands in */
                        continue;
                }
                ms_fetch_request req = source_fetch_request(c, &a[i]);
                r = ms_fetcher_start(f, &req, on_source_fetched, &a[i]);
        }
        if (r >= 0)
                r = ms_fetcher_wait(f);
        f = ms_fetcher_free(f); /* before `a`: no callback may run on freed entries */
        if (r < 0) {
                ms_source_fetch_free_all(a, c->n_sources);
                return log_error_errno(r, "cannot fetch the sources: %m");
        }
        for (size_t i = 0; i < c->n_sources; i++)
                source_fetch_settle(c, &a[i]);
        *ret = a;
        return 0;
}

ms_source_fetch *ms_source_fetch_free_all(ms_source_fetch *a, size_t n) {
        for (size_t i = 0; a && i < n; i++) {
                ms_buf_done(&a[i].body);
                ms_source_pages_free(&a[i]);
                ms_cache_meta_done(&a[i].cache_meta);
                ms_cache_meta_done(&a[i].fresh_meta);
        }
        free(a);
        return NULL;
}

int ms_source_fetch_fall_back(const ms_config *c, ms_source_fetch *sf) {
        if (!sf->fresh)
                return -ENOENT;
        return source_fetch_use_cache(c, sf); /* the caller's warning says why and that it does */
}

void ms_source_fetch_commit(const ms_config *c, ms_source_fetch *sf) {
        ms_error err = {.offset = -1};
        if (!sf->fresh || source_is_file(sf->source))
                return;
        int r = ms_cache_store(c->state_dir, sf->source->id, &sf->fresh_meta,
                               sf->body.data ? sf->body.data : "", sf->body.len, &err);
        if (r < 0)
                source_log(LOG_WARNING, sf->source, "cannot cache the response, ignoring: %s", err.msg);
        sf->fresh = false;
}

#define SOURCE_FETCH_MANIFEST_MAX_BYTES (16u * 1024 * 1024)

/* The manifest names a remote source by its URL and a local one only by its
 * file name (it publishes no server paths). */
static bool source_fetch_same_origin(const cJSON *e, const ms_source_config *s) {
        const char *url = ms_json_string(e, "url"), *file = ms_json_string(e, "file");
        if (strncmp(s->url, "file://", 7) != 0)
                return url && strcmp(url, s->url) == 0;
        const char *slash = strrchr(s->url, '/');
        return file && strcmp(file, slash ? slash + 1 : s->url) == 0;
}

static const char *source_fetch_released_sha(const cJSON *sources, const ms_source_config *s) {
        const cJSON *e;
        cJSON_ArrayForEach(e, sources) {
                const char *id = ms_json_string(e, "id");
                if (id && strcmp(id, s->id) == 0 && source_fetch_same_origin(e, s))
                        return ms_json_string(e, "sha256");
        }
        return NULL;
}

bool ms_source_fetch_unchanged(const ms_config *c, ms_source_fetch *a, const char *publish_dir) {
        char path[PATH_MAX], sum[65];
        ms_error err = {.offset = -1};
        ms_buf text = {0};
        _cleanup_(cJSON_Deletep) cJSON *j = NULL;
        if (snprintf(path, sizeof(path), "%s/current/index.json", publish_dir) >= (int) sizeof(path))
                return false;
        int r = ms_read_file(path, SOURCE_FETCH_MANIFEST_MAX_BYTES, &text, &err);
        if (r >= 0)
                r = ms_json_parse(text.data ? text.data : "", text.len, &j, &err);
        ms_buf_done(&text);
        const cJSON *sources = r >= 0 ? cJSON_GetObjectItemCaseSensitive(j, "sources") : NULL;
        if (!cJSON_IsArray(sources) || (size_t) cJSON_GetArraySize(sources) != c->n_sources)
                return false;
        for (size_t i = 0; i < c->n_sources; i++) {
                const char *released = source_fetch_released_sha(sources, &c->sources[i]);
                if (a[i].error < 0 && !a[i].from_cache && !a[i].from_seed)
                        return false;
                /* A cached body was checked against its meta's SHA-256 when loaded. */
                if (a[i].from_cache)
                        memcpy(sum, a[i].cache_meta.sha256, sizeof(sum));
                else
                        ms_sha256_hex(a[i].body.data ? a[i].body.data : "", a[i].body.len, sum);
                if (!released || strcmp(released, sum) != 0)
                        return false;
        }
        for (size_t i = 0; i < c->n_sources; i++)
                ms_source_fetch_commit(c, &a[i]);
        return true;
}
