/* SPDX-License-Identifier: MIT */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch.h"
#include "migstat/json_util.h"

#define FETCH_MAX_REDIRECTS 5L
#define FETCH_CONNECT_TIMEOUT_SEC 15L
/* Abort a transfer slower than 100 bytes/s for 30 s: a stuck server. */
#define FETCH_LOW_SPEED_BYTES 100L
#define FETCH_LOW_SPEED_SEC 30L
/* Validators longer than this are not worth keeping (RFC 9110 sets no limit). */
#define FETCH_MAX_HEADER_VALUE 512

struct ms_fetch_transfer {
        CURL *handle;
        struct curl_slist *headers;
        const ms_fetch_options *opts;
        char *url;
        ms_buf body;
        bool too_big;
        char *etag, *last_modified;
        char errbuf[CURL_ERROR_SIZE];
};

/* Returning less than asked makes curl abort with CURLE_WRITE_ERROR: that
 * is how the byte limit stops a transfer as soon as it is passed (also for
 * a gzip body whose decoded size passes it). */
static size_t fetch_write(char *data, size_t size, size_t nmemb, void *userdata) {
        ms_fetch_transfer *t = userdata;
        size_t n = size * nmemb;
        if (t->body.len + n > t->opts->max_bytes) {
                t->too_big = true;
                return 0;
        }
        return ms_buf_append(&t->body, data, n) < 0 ? 0 : n;
}

static int fetch_set_header(char **field, const char *value, size_t len) {
        char *s = strndup(value, len);
        if (!s)
                return -ENOMEM;
        free(*field);
        *field = s;
        return 0;
}

/* Keep ETag and Last-Modified of the final response: a redirect's status
 * line starts a new response and forgets those of the previous one. */
static size_t fetch_header(char *data, size_t size, size_t nmemb, void *userdata) {
        ms_fetch_transfer *t = userdata;
        size_t n = size * nmemb, name_len;
        if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
                t->etag = (free(t->etag), NULL);
                t->last_modified = (free(t->last_modified), NULL);
                return n;
        }
        const char *colon = memchr(data, ':', n);
        if (!colon)
                return n;
        name_len = (size_t) (colon - data);
        const char *v = colon + 1, *end = data + n;
        while (v < end && (*v == ' ' || *v == '\t'))
                v++;
        while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
                end--;
        size_t vlen = (size_t) (end - v);
        if (vlen == 0 || vlen > FETCH_MAX_HEADER_VALUE)
                return n;
        int r = 0;
        if (name_len == 4 && strncasecmp(data, "ETag", 4) == 0)
                r = fetch_set_header(&t->etag, v, vlen);
        else if (name_len == 13 && strncasecmp(data, "Last-Modified", 13) == 0)
                r = fetch_set_header(&t->last_modified, v, vlen);
        return r < 0 ? 0 : n;
}

int ms_fetch_init(void) {
        return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -EIO;
}

void ms_fetch_cleanup(void) {
        curl_global_cleanup();
}

static int fetch_add_header(ms_fetch_transfer *t, const char *name, const char *value) {
        char line[FETCH_MAX_HEADER_VALUE + 64];
        if (!value)
                return 0;
        if (strpbrk(value, "\r\n") ||
            snprintf(line, sizeof(line), "%s: %s", name, value) >= (int) sizeof(line))
                return -EINVAL;
        struct curl_slist *l = curl_slist_append(t->headers, line);
        if (!l)
                return -ENOMEM;
        t->headers = l;
        return 0;
}

/* Every limit of the issue in one place, for the easy and the multi path. */
static int fetch_setup(ms_fetch_transfer *t) {
        const ms_fetch_options *o = t->opts;
        CURL *h = t->handle;
        CURLcode c = CURLE_OK;
        int r = fetch_add_header(t, "If-None-Match", o->if_none_match);
        if (r >= 0)
                r = fetch_add_header(t, "If-Modified-Since", o->if_modified_since);
        if (r < 0)
                return r;
#define SET(opt, val) \
        if (c == CURLE_OK) \
        c = curl_easy_setopt(h, opt, val)
        SET(CURLOPT_URL, t->url);
        SET(CURLOPT_PROTOCOLS_STR, o->allow_file ? "https,http,file" : "https,http");
        SET(CURLOPT_REDIR_PROTOCOLS_STR, "https,http");
        SET(CURLOPT_FOLLOWLOCATION, 1L);
        SET(CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
        SET(CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT_SEC);
        SET(CURLOPT_TIMEOUT, (long) o->timeout_sec);
        SET(CURLOPT_LOW_SPEED_LIMIT, FETCH_LOW_SPEED_BYTES);
        SET(CURLOPT_LOW_SPEED_TIME, o->low_speed_sec ? (long) o->low_speed_sec : FETCH_LOW_SPEED_SEC);
        SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) o->max_bytes);
        SET(CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
        SET(CURLOPT_USERAGENT, "migstat/" MIGSTAT_VERSION);
        SET(CURLOPT_SSL_VERIFYPEER, 1L);
        SET(CURLOPT_SSL_VERIFYHOST, 2L);
        if (o->ca_file)
                SET(CURLOPT_CAINFO, o->ca_file);
        SET(CURLOPT_NOSIGNAL, 1L);
        SET(CURLOPT_WRITEFUNCTION, fetch_write);
        SET(CURLOPT_WRITEDATA, t);
        SET(CURLOPT_HEADERFUNCTION, fetch_header);
        SET(CURLOPT_HEADERDATA, t);
        SET(CURLOPT_HTTPHEADER, t->headers);
        SET(CURLOPT_ERRORBUFFER, t->errbuf);
        SET(CURLOPT_PRIVATE, t);
#undef SET
        return c == CURLE_OK ? 0 : -EINVAL;
}

int ms_fetch_transfer_new(const char *url, const ms_fetch_options *opts, ms_fetch_transfer **ret) {
        _cleanup_(ms_fetch_transfer_freep) ms_fetch_transfer *t = calloc(1, sizeof(*t));
        if (!t)
                return -ENOMEM;
        t->opts = opts;
        if (!(t->url = strdup(url)) || !(t->handle = curl_easy_init()))
                return -ENOMEM;
        int r = fetch_setup(t);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(t);
        return 0;
}

ms_fetch_transfer *ms_fetch_transfer_free(ms_fetch_transfer *t) {
        if (!t)
                return NULL;
        if (t->handle)
                curl_easy_cleanup(t->handle);
        curl_slist_free_all(t->headers);
        ms_buf_done(&t->body);
        free(t->etag);
        free(t->last_modified);
        free(t->url);
        free(t);
        return NULL;
}

CURL *ms_fetch_transfer_handle(ms_fetch_transfer *t) {
        return t->handle;
}

/* A URL as messages name it: a long query (Eurostat's with every
 * citizenship listed is ~2.7 kB) is cut, so that what follows it (the
 * server's error message) is not lost. */
static const char *fetch_url_for_message(const char *url, char *buf, size_t n) {
        size_t len = strlen(url);
        if (len < 200)
                return url;
        snprintf(buf, n, "%.150s... (%zu bytes)", url, len);
        return buf;
}

static int fetch_map_error(const ms_fetch_transfer *t, CURLcode c, ms_error *err) {
        char ub[200];
        const char *why = t->errbuf[0] ? t->errbuf : curl_easy_strerror(c),
                   *url = fetch_url_for_message(t->url, ub, sizeof(ub));
        switch (c) {
        case CURLE_OPERATION_TIMEDOUT: return ms_error_set(err, -ETIMEDOUT, "", "fetching %s: %s", url, why);
        case CURLE_FILESIZE_EXCEEDED:
                return ms_error_set(err, -EFBIG, "",
                                    "fetching %s: expected at most %zu bytes, the body is larger", url,
                                    t->opts->max_bytes);
        case CURLE_WRITE_ERROR:
                if (t->too_big)
                        return ms_error_set(err, -EFBIG, "",
                                            "fetching %s: expected at most %zu bytes, the body is larger",
                                            url, t->opts->max_bytes);
                return ms_error_set(err, -ENOMEM, "", "fetching %s: out of memory", url);
        case CURLE_TOO_MANY_REDIRECTS:
                return ms_error_set(err, -ELOOP, "", "fetching %s: too many redirects (%s)", url, why);
        case CURLE_BAD_CONTENT_ENCODING:
                return ms_error_set(err, -EBADMSG, "", "fetching %s: bad content encoding (%s)", url, why);
        case CURLE_UNSUPPORTED_PROTOCOL:
                return ms_error_set(err, -EPERM, "", "fetching %s: protocol not allowed (%s)", url, why);
        case CURLE_FILE_COULDNT_READ_FILE: return ms_error_set(err, -ENOENT, "", "fetching %s: %s", url, why);
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
                /* Not transient: the same certificate fails again. */
                return ms_error_set(err, -EKEYREJECTED, "", "fetching %s: TLS verification failed: %s", url,
                                    why);
        case CURLE_COULDNT_CONNECT: return ms_error_set(err, -ECONNREFUSED, "", "fetching %s: %s", url, why);
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
                return ms_error_set(err, -EHOSTUNREACH, "", "fetching %s: %s", url, why);
        default: return ms_error_set(err, -EIO, "", "fetching %s: %s", url, why);
        }
}

/* "application/json", "application/vnd.x+json; charset=utf-8", "text/json". */
static bool fetch_type_is_json(const char *ctype) {
        size_t n = strcspn(ctype, "; \t");
        return (n >= 4 && strncasecmp(ctype + n - 4, "json", 4) == 0 &&
                (n == 4 || ctype[n - 5] == '/' || ctype[n - 5] == '+'));
}

/* The message of an error document, as Eurostat's API sends with a 4xx or
 * 5xx ({"error": [{"status", "id", "label"}]}; the older single-object form
 * too; its SDMX and bulk endpoints a SOAP fault, <faultstring>...) or
 * UNHCR's and the World Bank's ({"message": ...}); NULL if the body is none
 * of these.  Bounded: an error document is small. */
static char *fetch_error_document_label(const ms_buf *body) {
        if (!body->data || body->len == 0 || body->len > 65536)
                return NULL;
        const char *fs = memmem(body->data, body->len, "<faultstring>", 13);
        const char *fe = fs ? memmem(fs, body->len - (size_t) (fs - body->data), "</faultstring>", 14) : NULL;
        if (fe) {
                fs += 13;
                return strndup(fs, (size_t) (fe - fs) < 400 ? (size_t) (fe - fs) : 400);
        }
        _cleanup_(cJSON_Deletep) cJSON *j = cJSON_ParseWithLength(body->data, body->len);
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
        if (!e) /* a queued request answered with 200 says so in "warning" */
                e = cJSON_GetObjectItemCaseSensitive(j, "warning");
        if (cJSON_IsArray(e))
                e = cJSON_GetArrayItem(e, 0);
        const char *label = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "label"));
        if (!label)
                label = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "message"));
        return label && *label ? strndup(label, 400) : NULL;
}

int ms_fetch_transfer_finish(ms_fetch_transfer *t, CURLcode c, ms_buf *body, ms_fetch_result *out,
                             ms_error *err) {
        char ub[200];
        long status = 0;
        char *ctype = NULL;
        curl_off_t retry_after = -1;
        (void) curl_easy_getinfo(t->handle, CURLINFO_RESPONSE_CODE, &status);
        (void) curl_easy_getinfo(t->handle, CURLINFO_CONTENT_TYPE, &ctype);
        /* curl parses both forms of Retry-After (RFC 9110 10.2.3: delay-seconds
         * or an HTTP-date, turned into seconds from now); 0 means none. */
        if (curl_easy_getinfo(t->handle, CURLINFO_RETRY_AFTER, &retry_after) != CURLE_OK || retry_after <= 0)
                retry_after = -1;
        ms_fetch_result_done(out);
        *out = (ms_fetch_result){
                .status = status,
                .not_modified = status == 304,
                .retry_after_sec = (long) retry_after,
                .content_type = ctype ? strdup(ctype) : NULL,
                .etag = TAKE_PTR(t->etag),
                .last_modified = TAKE_PTR(t->last_modified),
        };
        ms_buf_done(body);
        *body = t->body;
        t->body = (ms_buf){0};
        if (c != CURLE_OK)
                return fetch_map_error(t, c, err);
        /* Eurostat queues a costly request and may say so with 200 and a
         * small document that is not the data. */
        _cleanup_free_ char *label = status >= 400 || (status == 200 && body->len <= 4096)
                                             ? fetch_error_document_label(body)
                                             : NULL;
        if (status == 200 && label && strncmp(label, "ASYNCHRONOUS_RESPONSE", 21) == 0) {
                out->queued = true;
                return ms_error_set(err, -EPROTO, "", "fetching %s: HTTP status 200: %s",
                                    fetch_url_for_message(t->url, ub, sizeof(ub)), label);
        }
        if (status >= 400) {
                /* Eurostat queues a costly request (413 or 200 with
                 * ASYNCHRONOUS_RESPONSE): ask again later.  EXTRACTION_TOO_BIG
                 * is final: the same filters ask for too much again. */
                out->queued = label && strncmp(label, "ASYNCHRONOUS_RESPONSE", 21) == 0;
                if (label)
                        return ms_error_set(err, -EPROTO, "", "fetching %s: HTTP status %ld: %s",
                                            fetch_url_for_message(t->url, ub, sizeof(ub)), status, label);
                return ms_error_set(err, -EPROTO, "", "fetching %s: HTTP status %ld",
                                    fetch_url_for_message(t->url, ub, sizeof(ub)), status);
        }
        if (t->opts->expect_json && status == 200 && ctype && !fetch_type_is_json(ctype))
                return ms_error_set(err, -EMEDIUMTYPE, "",
                                    "fetching %s: expected a JSON content type, got \"%s\"",
                                    fetch_url_for_message(t->url, ub, sizeof(ub)), ctype);
        /* An HTML page is never a data file: an error page or a captive portal. */
        if (status == 200 && ctype && strncasecmp(ctype, "text/html", 9) == 0)
                return ms_error_set(err, -EMEDIUMTYPE, "", "fetching %s: expected a data file, got \"%s\"",
                                    fetch_url_for_message(t->url, ub, sizeof(ub)), ctype);
        return 0;
}

void ms_fetch_result_done(ms_fetch_result *r) {
        free(r->content_type);
        free(r->etag);
        free(r->last_modified);
        r->content_type = r->etag = r->last_modified = NULL;
}
