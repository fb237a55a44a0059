/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "fetch/source_fetch.h"
#include "fetch/source_pages.h"
#include "migstat/source.h"
#include "migstat/unhcr.h"

static void on_page_fetched(ms_fetcher *f, ms_fetch_response *resp, void *userdata) {
        ms_source_page *p = userdata;
        (void) f;
        p->error = resp->error;
        if (resp->error < 0) {
                snprintf(p->reason, sizeof(p->reason), "%s", resp->reason);
                return;
        }
        p->body = resp->body;
        resp->body = (ms_buf){0};
}

/* url with page=n added to its query. */
static int page_url(const char *url, unsigned n, ms_buf *out) {
        return ms_buf_printf(out, "%s%spage=%u", url, strchr(url, '?') ? "&" : "?", n);
}

int ms_source_pages_start(ms_fetcher *f, const ms_fetch_request *base, ms_source_fetch *sf) {
        unsigned page = 0, max_pages = 0;
        ms_error err = {.offset = -1};
        const ms_source_kind *k = ms_source_kind_find(sf->source->kind);
        if (!k || !k->paged || !sf->fresh)
                return 0;
        /* Not a page (an error document, a bundle of pages): the parser says
         * what is wrong with it. */
        if (ms_unhcr_page_info(sf->body.data ? sf->body.data : "", sf->body.len, &page, &max_pages, &err) <
                    0 ||
            page != 1 || max_pages <= 1)
                return 0;
        if (max_pages > MS_SOURCE_MAX_PAGES) {
                sf->error = -E2BIG;
                snprintf(sf->reason, sizeof(sf->reason), "fetching %s: maxPages is %u, more than %d",
                         sf->source->url, max_pages, MS_SOURCE_MAX_PAGES);
                return -E2BIG;
        }
        if (!(sf->pages = calloc(max_pages - 1, sizeof(*sf->pages))))
                return -ENOMEM;
        sf->n_pages = max_pages - 1;
        log_debug("source %s: page 1 of %u, fetching the others", sf->source->id, max_pages);
        for (unsigned i = 0; i < sf->n_pages; i++) {
                ms_source_page *p = &sf->pages[i];
                *p = (ms_source_page){.sf = sf, .number = i + 2, .error = -EINPROGRESS};
                ms_buf url = {0};
                ms_fetch_request req = *base;
                req.opts.if_none_match = req.opts.if_modified_since = NULL;
                int r = page_url(base->url, p->number, &url);
                if (r >= 0) {
                        req.url = url.data;
                        r = ms_fetcher_start(f, &req, on_page_fetched, p);
                }
                ms_buf_done(&url);
                if (r < 0)
                        return p->error = r;
        }
        return 0;
}

static int pages_fail(ms_source_fetch *sf, int r, const char *fmt, unsigned n, const char *why) {
        sf->error = r;
        snprintf(sf->reason, sizeof(sf->reason), fmt, n, sf->n_pages + 1, why);
        sf->fresh = false;
        ms_buf_done(&sf->body);
        return r;
}

void ms_source_pages_join(ms_source_fetch *sf) {
        if (sf->n_pages == 0 || sf->error < 0)
                return;
        for (unsigned i = 0; i < sf->n_pages; i++)
                if (sf->pages[i].error < 0) {
                        (void) pages_fail(
                                sf, sf->pages[i].error, "page %u of %u: %.500s", sf->pages[i].number,
                                sf->pages[i].reason[0] ? sf->pages[i].reason : strerror(-sf->pages[i].error));
                        return;
                }
        ms_buf all = {0};
        int r = ms_buf_puts(&all, "[");
        r = r >= 0 ? ms_buf_append(&all, sf->body.data ? sf->body.data : "", sf->body.len) : r;
        for (unsigned i = 0; r >= 0 && i < sf->n_pages; i++) {
                r = ms_buf_puts(&all, ",\n");
                if (r >= 0)
                        r = ms_buf_append(&all, sf->pages[i].body.data ? sf->pages[i].body.data : "",
                                          sf->pages[i].body.len);
        }
        r = r >= 0 ? ms_buf_puts(&all, "]\n") : r;
        if (r >= 0 && all.len > sf->source->max_bytes)
                r = -EFBIG;
        if (r < 0) {
                ms_buf_done(&all);
                (void) pages_fail(sf, r, "pages 1 to %u of %u: %s", sf->n_pages + 1,
                                  r == -EFBIG ? "together larger than max_bytes" : "out of memory");
                return;
        }
        ms_buf_done(&sf->body);
        sf->body = all;
}

void ms_source_pages_free(ms_source_fetch *sf) {
        for (unsigned i = 0; i < sf->n_pages; i++)
                ms_buf_done(&sf->pages[i].body);
        free(sf->pages);
        sf->pages = NULL;
        sf->n_pages = 0;
}
