/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * <id>.<lang>.page.html: a page of its own for one chart in one language, to
 * open, to put in an <iframe>, and to share: the chart's snippet (URLs
 * relative to the page, so it works under current/, releases/ and
 * editions/), Open Graph and Twitter card tags pointing at the 1200x630
 * <id>.<lang>.share.png, a link to the other languages' pages.  No
 * JavaScript, nothing from anyone else (its Content-Security-Policy says
 * so).  Link previews need absolute URLs: without a base URL the og:/twitter:
 * tags are left out (the gallery says why).
 */
#include "migstat/buf.h"
#include "migstat/lang.h"

typedef struct ms_page {
        const char *id;
        ms_lang lang;
        const char *title, *alt;
        const char *snippet; /* the chart's snippet with page-relative URLs */
        const char *base_url; /* "https://charts.example.org/current/" or NULL */
} ms_page;

int ms_page_write(const ms_page *p, ms_buf *out);
