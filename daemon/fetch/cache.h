/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The last good response of each source, under the state directory:
 *
 *   <state>/cache/<source-id>.body   the bytes as served (decoded)
 *   <state>/cache/<source-id>.meta   JSON: url, etag, last_modified, sha256,
 *                                     bytes, fetch_time (UTC), status
 *
 * Each file is written atomically (temporary file, fsync, rename, fsync of
 * the directory); the body goes first, so a crash between the two renames
 * leaves a meta whose sha256 does not match the body, which loading
 * reports as -EBADMSG instead of serving mixed data.  Only responses that
 * parsed are stored: the cache never holds what could not be rendered.
 */
#include <stddef.h>
#include <stdint.h>

#include "migstat/buf.h"
#include "migstat/error.h"

typedef struct ms_cache_meta {
        char *url;
        char *etag; /* may be NULL */
        char *last_modified; /* may be NULL */
        char sha256[65];
        size_t bytes;
        int64_t fetch_time; /* seconds since the epoch, UTC */
        long status;
} ms_cache_meta;

/* Read the meta of source id; -ENOENT when there is none. */
int ms_cache_load_meta(const char *state_dir, const char *id, ms_cache_meta *ret, ms_error *err);
/* Read meta and body (at most max_bytes) and check the body's SHA-256. */
int ms_cache_load(const char *state_dir, const char *id, size_t max_bytes, ms_cache_meta *ret_meta,
                  ms_buf *ret_body, ms_error *err);
/* Replace the cached response of id (meta->sha256 and bytes are computed). */
int ms_cache_store(const char *state_dir, const char *id, const ms_cache_meta *meta, const void *body,
                   size_t len, ms_error *err);
/* Forget the cached response of id (its meta), so that the next request is
 * unconditional; -ENOENT if there was none. */
int ms_cache_forget(const char *state_dir, const char *id);
void ms_cache_meta_done(ms_cache_meta *m);
