/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One poll of every configured source, in parallel, on a private sd-event
 * loop (ms_fetcher): conditional requests from the cache, retries, and the
 * fall-back to the cached last good response when the server fails, and
 * to the source's seed (the bundled snapshot) when nothing is cached.
 * file:// sources are read through the same path but never cached (they
 * are local already).
 *
 * The caller parses each body, then calls ms_source_fetch_commit() (a fresh
 * body becomes the cached last good response) or, when a fresh body does
 * not parse, ms_source_fetch_fall_back() (use the cached one instead).
 */
#include <stdbool.h>

#include "migstat/buf.h"
#include "fetch/cache.h"
#include "config/config.h"

typedef struct ms_source_fetch {
        const ms_config *config;
        const ms_source_config *source;
        ms_buf body; /* the bytes to parse: fresh, or the cached ones */
        bool fresh; /* body is a new response, not yet cached */
        bool not_modified; /* the server said 304: body is the cached one */
        bool from_cache; /* body is the cached last good response */
        bool body_pending; /* 304: the cached body is read by ms_source_fetch_load() */
        bool from_seed; /* the fetch failed, nothing is cached: body is the source's
                                 * seed (the bundled snapshot); error and reason say why */
        int error; /* the fetch's -errno, 0 if it succeeded */
        unsigned attempts;
        char reason[1024]; /* why the fetch failed (what `status` shows) */
        bool have_cache; /* cache_meta is valid and for this URL */
        ms_cache_meta cache_meta;
        ms_cache_meta fresh_meta; /* validators of the fresh response */
        struct ms_source_page *pages; /* unhcr: pages 2.. (source_pages.h) */
        unsigned n_pages;
} ms_source_fetch;

/* Fetch every source of c that is due (due NULL: all; a source not due is
 * fetched anyway when nothing is cached for it, or it is a file: cheap);
 * *ret is an array of c->n_sources entries, a source not fetched as after a
 * 304.  Fails only on resource errors: per-source failures are in the entries. */
int ms_source_fetch_all(const ms_config *c, const bool *due, ms_source_fetch **ret);
ms_source_fetch *ms_source_fetch_free_all(ms_source_fetch *a, size_t n);
/* Make sf->body available: after a 304 the cached body is read (and its
 * SHA-256 checked) only now, so that a poll whose sources are all
 * unchanged reads nothing but the metas.  Fills sf->error/reason on failure. */
int ms_source_fetch_load(const ms_config *c, ms_source_fetch *sf);
/* Replace a fresh body that did not parse by the cached one; -ENOENT if
 * there is none.  Logs nothing: the caller warns with the reason. */
int ms_source_fetch_fall_back(const ms_config *c, ms_source_fetch *sf);
/* True when every source's bytes are those the current release in
 * publish_dir was made from (same ids, URLs and SHA-256 in its index.json).
 * Then fresh bodies (same bytes, new validators) are cached: they parsed
 * when that release was made. */
bool ms_source_fetch_unchanged(const ms_config *c, ms_source_fetch *a, const char *publish_dir);
/* The body parsed: store a fresh one as the last good response (logs a
 * failure to write, which does not fail the cycle). */
void ms_source_fetch_commit(const ms_config *c, ms_source_fetch *sf);
