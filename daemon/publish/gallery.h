/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * index.html of a release: every chart in every language, shown through its
 * own snippet (with URLs relative to the release, so the gallery works in
 * any release directory and offline), followed by the two snippets to copy
 * (following `current`, and pinned to the edition) in read-only text areas.
 * Plain HTML and a little inline CSS: it works with JavaScript off.
 */
#include <stddef.h>

#include "migstat/buf.h"

typedef struct ms_gallery_entry {
        const char *id, *lang, *title;
        const char *preview;  /* snippet HTML with release-relative URLs (inserted as is) */
        const char *current;  /* snippet following `current` (shown escaped, to copy) */
        const char *pinned;   /* snippet pinned to the edition (shown escaped) */
} ms_gallery_entry;

int ms_gallery_write(const char *edition, const ms_gallery_entry *e, size_t n, ms_buf *out);
