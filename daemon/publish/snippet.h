/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The embed snippet of one chart in one language: a self-contained HTML
 * fragment a publisher pastes into a page.  No JavaScript, no request to
 * anyone but the publish host, layout stable before the image arrives:
 *
 *   <figure>
 *     <picture> [narrow <source>s (dark, light) for phone screens]
 *               [dark <source> when dark files exist] <source SVG>
 *               <img PNG, srcset 1x/2x, width, height, alt> </picture>
 *     <details><summary>..</summary><table>the plotted numbers</table></details>
 *     <figcaption>source · Stand · licence · link to the CSV</figcaption>
 *   </figure>
 *
 * The <img> inside <picture> is the phone variant (PNG 1x/2x) when there
 * is one, and the <source>s carry their own sizes: a CMS that strips
 * <picture>, <source> and srcset (WordPress's default allowlist) leaves an
 * image that is readable on a phone and fine on a desktop.  Variants: light
 * only (no dark <source>s, for sites without a dark theme), and plain: one
 * <img> (the phone variant at 2x) with the table and the caption.
 *
 * Every string is escaped (labels and titles come from remote data and spec
 * files).  The output is also well-formed XML (void elements self-closed),
 * so both HTML and XML parsers accept it.
 */
#include <stdbool.h>

#include "migstat/buf.h"
#include "migstat/lang.h"

typedef struct ms_snippet {
        const char *url_prefix; /* prepended to every file name: "https://x/current/", "" */
        const char *id;
        ms_lang lang;
        unsigned width, height;
        const char *title, *alt, *source_line, *licence;
        const char *reference_period; /* period code, formatted in lang for "Stand" */
        const char *updated; /* when the publisher last updated the data (the dataset's
                                       * "updated", ISO 8601), or NULL */
        const char *unit; /* column header of the values; NULL = "Wert"/"Value" */
        /* The plotted numbers: the chart's CSV (ms_chart_write_csv: optional
         * "series", the x code, "label", optional "previous_year", "value",
         * "status").  The table shows series, the row label (a period in the
         * reader's language), previous year and value, numbers formatted in
         * the language with the decimals the CSV has. */
        const char *csv;
        size_t csv_len;
        bool has_dark; /* <id>.<lang>.dark.svg exists (every browser that reads
                                       * <picture> reads SVG: no dark PNG is needed) */
        unsigned narrow_width, narrow_height; /* <id>.<lang>.narrow.svg (and .narrow.dark.svg
                                               * with has_dark) exist at this size; 0: none */
        bool light_only; /* no dark sources even if has_dark */
        bool plain; /* one <img>, no <picture> */
} ms_snippet;

int ms_snippet_write(const ms_snippet *s, ms_buf *out);
