/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Fetching a source's bytes with libcurl.  One function configures a curl
 * handle with every limit (protocols, timeouts, body size, redirects, TLS,
 * User-Agent); today it is driven by curl_easy_perform() for `--once`, and
 * the sd-event/curl-multi loop drives the very same handle setup.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/error.h"

typedef struct ms_fetch_options {
        size_t max_bytes;      /* abort as soon as the body passes this */
        unsigned timeout_sec;  /* total */
        bool allow_file;       /* permit file:// (the bundled data) */
} ms_fetch_options;

typedef struct ms_fetch_result {
        long status;           /* HTTP status; 0 for file:// */
        char *content_type;    /* may be NULL */
} ms_fetch_result;

int ms_fetch_init(void);
void ms_fetch_cleanup(void);

/* Fetch url into body (appended).  Errors: -ETIMEDOUT, -EFBIG, -EPROTO
 * (HTTP status >= 400 or a protocol error), -EPERM (protocol not allowed),
 * -EIO otherwise; err says what happened in curl's words. */
int ms_fetch_url(const char *url, const ms_fetch_options *opts, ms_buf *body, ms_fetch_result *ret,
                 ms_error *err);
void ms_fetch_result_done(ms_fetch_result *r);
