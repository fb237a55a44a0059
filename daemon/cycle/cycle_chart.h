/* SPDX-License-Identifier: MIT */
#pragma once

/* A chart of a cycle (cycle_chart.c): what it is drawn from, its layouts and
 * the files it holds until they are in the release.  Internal to
 * daemon/cycle/. */
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/chart_data.h"
#include "cycle/cycle_validate.h"
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

/* Drop the files cc holds (once they are in the release). */
void cycle_outputs_free(cycle_chart *cc);
void cycle_charts_free(cycle_chart *cc, size_t n);
/* Keep the file <id>.<lang><suffix> (lang NULL: <id><suffix>) with the
 * bytes of b (taken over). */
int cycle_keep_output(cycle_chart *cc, const char *lang, const char *suffix, ms_buf *b);
/* Log that chart spec failed in lang (err says where), with MIGSTAT_CHART=;
 * returns r. */
int cycle_log_chart_error(const ms_chart_spec *spec, const char *lang, int r, const ms_error *err);
