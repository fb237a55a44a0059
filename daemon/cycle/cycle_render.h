/* SPDX-License-Identifier: MIT */
#pragma once

/* Drawing a cycle's charts, in parallel: each chart is laid out and encoded
 * in every language and size into memory by one of a few threads; its files
 * go into the release in configuration order, so the release and its
 * manifest do not depend on which thread was faster.  Internal to
 * daemon/cycle*.c. */
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/chart_data.h"
#include "cycle/cycle_validate.h"
#include "publish/publish.h"
#include "migstat/render.h"

/* A file of a chart, drawn but not yet in the release. */
typedef struct cycle_output {
        char *name;
        ms_buf data;
} cycle_output;

/* One chart spec as rendered: its data, and per language its layout and
 * CSV (the snippet's table).  The charts are kept until all are drawn,
 * because the snippets pinned to the edition need the edition, the latest
 * reference month of them all. */
typedef struct cycle_chart {
        const ms_chart_spec *spec;
        const char *parent_id; /* the charts.d spec it comes from (differs for for_each) */
        const char *updated; /* its source's "updated" (the publisher's), or NULL */
        const ms_cycle_warnings *warnings[2]; /* of its source and population source */
        ms_chart_data *data;
        ms_chart *chart[MS_LANG_COUNT];
        ms_buf csv[MS_LANG_COUNT];
        char *narrow_problems[MS_LANG_COUNT]; /* of the phone variant's layout ("" none) */
        cycle_output *out; /* its files, until they are in the release */
        size_t n_out;
        int result; /* < 0: drawing it failed (logged) */
        char inputs[65]; /* what it is drawn from (cycle_carry.h), "" unknown */
        /* Not drawn: its files are carried over from the current release,
         * whose manifest entries (per language) are prev; see cycle_carry.h. */
        bool carried;
        const struct cJSON *prev[MS_LANG_COUNT];
        /* Carried because stale_source failed (stale_reason, since): NULL
         * when carried only because nothing it reads changed. */
        const char *stale_source, *stale_reason, *stale_since;
} cycle_chart;

/* Draw the n charts on up to `threads` threads (0: one per CPU, at most
 * four), the calling one with rr, the others with siblings of it, and add
 * their files to rel in chart order.  Logs each failure with the chart's
 * name; < 0 when any chart failed. */
int cycle_render_all(cycle_chart *cc, size_t n, unsigned threads, ms_renderer *rr, ms_cube_lookup_fn lookup,
                     void *userdata, ms_release *rel);
void cycle_charts_free(cycle_chart *cc, size_t n);

/* Keep the file <id>.<lang><suffix> with the bytes of b (taken over). */
int cycle_keep_output(cycle_chart *cc, const char *lang, const char *suffix, ms_buf *b);
/* <id>.<lang>.pdf (print) and <id>.<lang>.share.png (1200x630, for the share
 * page's og:image) of the chart drawn in lang (cycle_share.c). */
int cycle_render_print_share(ms_renderer *rr, cycle_chart *cc, ms_lang lang, ms_error *err);

int cycle_log_chart_error(const ms_chart_spec *spec, const char *lang, int r, const ms_error *err);
