/* SPDX-License-Identifier: MIT */
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/fetch.h"

#define FETCH_MAX_REDIRECTS 5L
#define FETCH_CONNECT_TIMEOUT_SEC 15L
/* Abort a transfer slower than 100 bytes/s for 30 s: a stuck server. */
#define FETCH_LOW_SPEED_BYTES 100L
#define FETCH_LOW_SPEED_SEC 30L

typedef struct fetch_sink {
        ms_buf *body;
        size_t max_bytes;
        bool too_big;
} fetch_sink;

/* Returning less than asked makes curl abort with CURLE_WRITE_ERROR: that
 * is how the byte limit stops a transfer as soon as it is passed. */
static size_t fetch_write(char *data, size_t size, size_t nmemb, void *userdata) {
        fetch_sink *s = userdata;
        size_t n = size * nmemb;
        if (s->body->len + n > s->max_bytes) {
                s->too_big = true;
                return 0;
        }
        return ms_buf_append(s->body, data, n) < 0 ? 0 : n;
}

int ms_fetch_init(void) {
        return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -EIO;
}

void ms_fetch_cleanup(void) {
        curl_global_cleanup();
}

static int fetch_setup(CURL *h, const char *url, const ms_fetch_options *opts, fetch_sink *sink,
                       char *errbuf) {
        const char *protocols = opts->allow_file ? "https,http,file" : "https,http";
        CURLcode c = CURLE_OK;
#define SET(opt, val)                                                                              \
        if (c == CURLE_OK)                                                                         \
        c = curl_easy_setopt(h, opt, val)
        SET(CURLOPT_URL, url);
        SET(CURLOPT_PROTOCOLS_STR, protocols);
        SET(CURLOPT_REDIR_PROTOCOLS_STR, "https,http");
        SET(CURLOPT_FOLLOWLOCATION, 1L);
        SET(CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
        SET(CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT_SEC);
        SET(CURLOPT_TIMEOUT, (long) opts->timeout_sec);
        SET(CURLOPT_LOW_SPEED_LIMIT, FETCH_LOW_SPEED_BYTES);
        SET(CURLOPT_LOW_SPEED_TIME, FETCH_LOW_SPEED_SEC);
        SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) opts->max_bytes);
        SET(CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
        SET(CURLOPT_USERAGENT, "migstat/" MIGSTAT_VERSION);
        SET(CURLOPT_SSL_VERIFYPEER, 1L);
        SET(CURLOPT_SSL_VERIFYHOST, 2L);
        SET(CURLOPT_NOSIGNAL, 1L);
        SET(CURLOPT_WRITEFUNCTION, fetch_write);
        SET(CURLOPT_WRITEDATA, sink);
        SET(CURLOPT_ERRORBUFFER, errbuf);
#undef SET
        return c == CURLE_OK ? 0 : -EINVAL;
}

static int fetch_map_error(CURLcode c, const fetch_sink *sink, const char *url, const char *errbuf,
                           ms_error *err) {
        const char *why = errbuf[0] ? errbuf : curl_easy_strerror(c);
        switch (c) {
        case CURLE_OPERATION_TIMEDOUT:
                return ms_error_set(err, -ETIMEDOUT, "", "fetching %s: %s", url, why);
        case CURLE_FILESIZE_EXCEEDED:
                return ms_error_set(err, -EFBIG, "", "fetching %s: body larger than the limit", url);
        case CURLE_WRITE_ERROR:
                if (sink->too_big)
                        return ms_error_set(err, -EFBIG, "",
                                            "fetching %s: expected at most %zu bytes, the body is larger",
                                            url, sink->max_bytes);
                return ms_error_set(err, -ENOMEM, "", "fetching %s: out of memory", url);
        case CURLE_UNSUPPORTED_PROTOCOL:
                return ms_error_set(err, -EPERM, "", "fetching %s: protocol not allowed (%s)", url, why);
        case CURLE_FILE_COULDNT_READ_FILE:
                return ms_error_set(err, -ENOENT, "", "fetching %s: %s", url, why);
        default:
                return ms_error_set(err, -EIO, "", "fetching %s: %s", url, why);
        }
}

int ms_fetch_url(const char *url, const ms_fetch_options *opts, ms_buf *body, ms_fetch_result *ret,
                 ms_error *err) {
        char errbuf[CURL_ERROR_SIZE] = "";
        fetch_sink sink = {.body = body, .max_bytes = opts->max_bytes};
        CURL *h = curl_easy_init();
        if (!h)
                return ms_error_set(err, -ENOMEM, "", "cannot create a curl handle");
        int r = fetch_setup(h, url, opts, &sink, errbuf);
        if (r < 0) {
                curl_easy_cleanup(h);
                return ms_error_set(err, r, "", "fetching %s: cannot configure curl", url);
        }
        CURLcode c = curl_easy_perform(h);
        long status = 0;
        char *ctype = NULL;
        (void) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        (void) curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
        if (c != CURLE_OK)
                r = fetch_map_error(c, &sink, url, errbuf, err);
        else if (status >= 400)
                r = ms_error_set(err, -EPROTO, "", "fetching %s: HTTP status %ld", url, status);
        if (r >= 0 && ret) {
                *ret = (ms_fetch_result){.status = status, .content_type = ctype ? strdup(ctype) : NULL};
        }
        curl_easy_cleanup(h);
        return r;
}

void ms_fetch_result_done(ms_fetch_result *r) {
        free(r->content_type);
        r->content_type = NULL;
}
