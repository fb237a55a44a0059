/* SPDX-License-Identifier: MIT */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch/cache.h"
#include "base/fileio.h"
#include "migstat/json_util.h"
#include "base/sha256.h"
#include "base/timefmt.h"

#define CACHE_META_MAX_BYTES (64u * 1024)

void ms_cache_meta_done(ms_cache_meta *m) {
        free(m->url);
        free(m->etag);
        free(m->last_modified);
        m->url = m->etag = m->last_modified = NULL;
}

static int cache_path(char *out, size_t n, const char *state_dir, const char *id, const char *suffix) {
        if (snprintf(out, n, "%s/cache/%s%s", state_dir, id, suffix) >= (int) n)
                return -ENAMETOOLONG;
        return 0;
}

static char *cache_strdup_or_null(const char *s) {
        return s ? strdup(s) : NULL;
}

/* An ETag or Last-Modified goes back into a request header: only visible
 * ASCII and spaces (RFC 9110 field values; no CR, LF, NUL or other
 * control byte that would end the header or smuggle another). */
static bool cache_header_value_ok(const char *s) {
        if (!s)
                return true;
        size_t n = strlen(s);
        if (n > 1024)
                return false;
        for (size_t i = 0; i < n; i++)
                if ((unsigned char) s[i] < 0x20 || (unsigned char) s[i] >= 0x7f)
                        return false;
        return true;
}

static int cache_meta_from_json(const cJSON *j, ms_cache_meta *m, ms_error *err) {
        const char *url = ms_json_string(j, "url"), *sha = ms_json_string(j, "sha256");
        const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(j, "bytes"),
                    *ft = cJSON_GetObjectItemCaseSensitive(j, "fetch_time_unix"),
                    *st = cJSON_GetObjectItemCaseSensitive(j, "status");
        if (!url || !sha || strlen(sha) != 64 || !cJSON_IsNumber(bytes) || !cJSON_IsNumber(ft) ||
            !cJSON_IsNumber(st))
                return ms_error_set(err, -EBADMSG, "",
                                    "expected url, sha256, bytes, fetch_time_unix and status");
        if (!cache_header_value_ok(ms_json_string(j, "etag")) ||
            !cache_header_value_ok(ms_json_string(j, "last_modified")))
                return ms_error_set(
                        err, -EBADMSG, "",
                        "etag and last_modified: expected at most 1024 bytes of visible ASCII (a header "
                        "value), got a control byte or more");
        *m = (ms_cache_meta){.url = strdup(url),
                             .etag = cache_strdup_or_null(ms_json_string(j, "etag")),
                             .last_modified = cache_strdup_or_null(ms_json_string(j, "last_modified")),
                             .bytes = (size_t) bytes->valuedouble,
                             .fetch_time = (int64_t) ft->valuedouble,
                             .status = (long) st->valuedouble};
        memcpy(m->sha256, sha, 65);
        if (!m->url) {
                ms_cache_meta_done(m);
                return -ENOMEM;
        }
        return 0;
}

int ms_cache_load_meta(const char *state_dir, const char *id, ms_cache_meta *ret, ms_error *err) {
        char path[PATH_MAX];
        ms_buf text = {0};
        int r = cache_path(path, sizeof(path), state_dir, id, ".meta");
        if (r < 0)
                return ms_error_set(err, r, "", "cache path too long");
        if (access(path, F_OK) < 0 && errno == ENOENT)
                return -ENOENT;
        r = ms_read_file(path, CACHE_META_MAX_BYTES, &text, err);
        _cleanup_(cJSON_Deletep) cJSON *j = NULL;
        if (r >= 0)
                r = ms_json_parse(text.data ? text.data : "", text.len, &j, err);
        ms_buf_done(&text);
        if (r >= 0 && (r = cache_meta_from_json(j, ret, err)) < 0) {
                char msg[sizeof(err->msg)];
                snprintf(msg, sizeof(msg), "%s", err->msg);
                ms_error_set(err, r, "", "%s: %s", path, msg);
        }
        return r;
}

int ms_cache_load(const char *state_dir, const char *id, size_t max_bytes, ms_cache_meta *ret_meta,
                  ms_buf *ret_body, ms_error *err) {
        char path[PATH_MAX], sum[65];
        ms_cache_meta m = {0};
        ms_buf body = {0};
        int r = ms_cache_load_meta(state_dir, id, &m, err);
        if (r < 0)
                return r;
        r = cache_path(path, sizeof(path), state_dir, id, ".body");
        if (r >= 0)
                r = ms_read_file(path, max_bytes, &body, err);
        if (r >= 0) {
                ms_sha256_hex(body.data ? body.data : "", body.len, sum);
                if (strcmp(sum, m.sha256) != 0)
                        r = ms_error_set(err, -EBADMSG, "",
                                         "%s: expected SHA-256 %s from the meta file, got %s", path, m.sha256,
                                         sum);
        }
        if (r < 0) {
                ms_cache_meta_done(&m);
                ms_buf_done(&body);
                return r;
        }
        *ret_meta = m;
        ms_buf_done(ret_body);
        *ret_body = body;
        return 0;
}

static char *cache_meta_to_json(const ms_cache_meta *m, const char *sha, size_t len) {
        _cleanup_(cJSON_Deletep) cJSON *j = cJSON_CreateObject();
        char when[32];
        ms_format_utc(m->fetch_time, when, sizeof(when), "");
        if (!j || !cJSON_AddStringToObject(j, "url", m->url) ||
            (m->etag && !cJSON_AddStringToObject(j, "etag", m->etag)) ||
            (m->last_modified && !cJSON_AddStringToObject(j, "last_modified", m->last_modified)) ||
            !cJSON_AddStringToObject(j, "sha256", sha) ||
            !cJSON_AddNumberToObject(j, "bytes", (double) len) ||
            !cJSON_AddStringToObject(j, "fetch_time", when) ||
            !cJSON_AddNumberToObject(j, "fetch_time_unix", (double) m->fetch_time) ||
            !cJSON_AddNumberToObject(j, "status", (double) m->status))
                return NULL;
        return cJSON_Print(j);
}

int ms_cache_store(const char *state_dir, const char *id, const ms_cache_meta *meta, const void *body,
                   size_t len, ms_error *err) {
        char dir[PATH_MAX], name[NAME_MAX + 1], sha[65];
        if (snprintf(dir, sizeof(dir), "%s/cache", state_dir) >= (int) sizeof(dir))
                return ms_error_set(err, -ENAMETOOLONG, "", "cache path too long");
        int r = ms_mkdir_p(dir);
        if (r < 0)
                return ms_error_set(err, r, "", "%s: cannot create the cache directory: %s", dir,
                                    strerror(-r));
        _cleanup_close_ int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                return ms_error_set(err, -errno, "", "%s: cannot open: %m", dir);
        ms_sha256_hex(body, len, sha);
        _cleanup_free_ char *json = cache_meta_to_json(meta, sha, len);
        if (!json)
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        snprintf(name, sizeof(name), "%s.body", id);
        r = ms_replace_file_at(dfd, name, body, len);
        if (r >= 0) {
                snprintf(name, sizeof(name), "%s.meta", id);
                r = ms_replace_file_at(dfd, name, json, strlen(json));
        }
        if (r >= 0)
                r = ms_fsync_dir(dfd);
        if (r < 0)
                return ms_error_set(err, r, "", "%s/%s: cannot write: %s", dir, name, strerror(-r));
        return 0;
}

int ms_cache_forget(const char *state_dir, const char *id) {
        char path[PATH_MAX];
        int r = cache_path(path, sizeof(path), state_dir, id, ".meta");
        if (r < 0)
                return r;
        return unlink(path) < 0 ? -errno : 0;
}
