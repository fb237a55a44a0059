/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Paging of the `unhcr` kind: the UNHCR API answers one page at a time
 * ({"page": 1, "maxPages": 3, "items": [...]}; the next is the same URL with
 * page=2).  When page 1 of a source arrives fresh, pages 2..maxPages are
 * requested on the same fetcher (in parallel, within its per-host bound);
 * when all are in, the body becomes the JSON array of all pages, which the
 * unhcr parser reads as one document and the cache keeps as one response.
 * A page that fails fails the whole response: a partial set of pages would
 * silently drop records, so the cached last good response is used instead.
 * Conditional requests apply to page 1 only: a 304 there keeps the cache.
 */
#include "migstat/buf.h"
#include "fetch/fetch_loop.h"

#define MS_SOURCE_MAX_PAGES 1000

struct ms_source_fetch;

typedef struct ms_source_page {
        struct ms_source_fetch *sf;
        unsigned number; /* 2..maxPages */
        int error;
        ms_buf body;
        char reason[600];
} ms_source_page;

/* After page 1 arrived fresh in sf->body: start the other pages with base
 * (the source's request; its URL gets page=N).  0 when there are none. */
int ms_source_pages_start(ms_fetcher *f, const ms_fetch_request *base, struct ms_source_fetch *sf);
/* After the loop: join the pages into sf->body, or turn a failed page into
 * sf->error and reason (the fresh body is dropped). */
void ms_source_pages_join(struct ms_source_fetch *sf);
void ms_source_pages_free(struct ms_source_fetch *sf);
