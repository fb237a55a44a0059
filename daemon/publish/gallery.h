/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * index.html of a release: a table of contents per language and a language
 * switch (links, no script); every chart in every language, shown through
 * its own snippet (with URLs relative to the release, so the gallery works
 * in any release directory and offline), followed by the code to copy: the
 * snippet following `current`, the light-only one, the plain <img> one for
 * CMSs that strip <picture>, an <iframe> of the chart's page, the snippet
 * pinned to the edition, and links to the page, the PDF and the CSV.
 * Without a base URL the snippets are root-relative and work only on this
 * host: the gallery says so at the top.  Plain HTML and a little inline CSS:
 * it works with JavaScript off.
 */
#include <stddef.h>

#include "migstat/buf.h"

typedef struct ms_gallery_entry {
        const char *id, *lang, *title;
        unsigned width, height;
        const char *preview; /* snippet HTML with release-relative URLs (inserted as is) */
        const char *current; /* snippet following `current` (shown escaped, to copy) */
        const char *pinned; /* snippet pinned to the edition (shown escaped) */
        const char *light; /* light-only snippet following `current` */
        const char *plain; /* plain <img> snippet following `current` */
} ms_gallery_entry;

typedef struct ms_gallery_options {
        const char *edition;
        const char *base_url; /* "https://charts.example.org/current/", NULL when BaseURL is empty */
} ms_gallery_options;

int ms_gallery_write(const ms_gallery_options *o, const ms_gallery_entry *e, size_t n, ms_buf *out);
