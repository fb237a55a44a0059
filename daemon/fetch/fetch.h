/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Fetching a source's bytes with libcurl.  One transfer object configures a
 * curl handle with every limit (protocols, timeouts, low-speed abort, body
 * size, redirects, TLS and an optional CA file, gzip/deflate, User-Agent,
 * conditional request headers) and maps curl's outcome to -errno plus a
 * message once, at this edge.  The sd-event/curl-multi fetcher
 * (fetch_loop.h) drives the transfers.
 */
#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/error.h"

typedef struct ms_fetch_options {
        size_t max_bytes; /* abort as soon as the body passes this */
        unsigned timeout_sec; /* total */
        unsigned low_speed_sec; /* abort below 100 bytes/s for this long; 0: the default 30 s */
        bool allow_file; /* permit file:// (the bundled data) */
        bool expect_json; /* reject an HTTP body whose Content-Type is not JSON (text/html
                                * is rejected for every source) */
        const char *ca_file; /* CA bundle for TLS verification, NULL: the system's */
        const char *if_none_match; /* ETag of the cached response, or NULL */
        const char *if_modified_since; /* Last-Modified of the cached response, or NULL */
} ms_fetch_options;

typedef struct ms_fetch_result {
        long status; /* HTTP status of the last response; 0 for file:// or none */
        bool not_modified; /* 304 to a conditional request: the body is empty */
        long retry_after_sec; /* Retry-After (seconds or HTTP date) as seconds, -1 if none */
        char *content_type; /* may be NULL */
        char *etag; /* may be NULL */
        char *last_modified; /* may be NULL */
        bool queued; /* an error document saying the server queued the request
                                * (Eurostat's ASYNCHRONOUS_RESPONSE): transient */
} ms_fetch_result;

int ms_fetch_init(void);
void ms_fetch_cleanup(void);

typedef struct ms_fetch_transfer ms_fetch_transfer;

/* A configured easy handle for url; opts and the strings in it must outlive
 * the transfer. */
int ms_fetch_transfer_new(const char *url, const ms_fetch_options *opts, ms_fetch_transfer **ret);
ms_fetch_transfer *ms_fetch_transfer_free(ms_fetch_transfer *t);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_fetch_transfer *, ms_fetch_transfer_free);
CURL *ms_fetch_transfer_handle(ms_fetch_transfer *t);
/* Once curl is done with the handle (code c): move the body to body
 * (replacing its contents), fill *out (always, also on failure: retry
 * decisions need the status) and return 0, or -errno with err saying what
 * happened: -ETIMEDOUT, -EFBIG (over the limit), -EPROTO (HTTP status >=
 * 400), -ELOOP (too many redirects), -EBADMSG (bad content encoding),
 * -EMEDIUMTYPE (not JSON), -EKEYREJECTED (TLS verification), -EPERM (protocol not allowed), -ENOENT,
 * -ECONNREFUSED, -EHOSTUNREACH (the host or proxy name did not resolve), -EIO otherwise. */
int ms_fetch_transfer_finish(ms_fetch_transfer *t, CURLcode c, ms_buf *body, ms_fetch_result *out,
                             ms_error *err);

void ms_fetch_result_done(ms_fetch_result *r);
