/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A chart spec: the small JSON file an editor writes in charts.d/.
 *
 *   {
 *     "id": "asylum-applications-monthly",
 *     "kind": "column",
 *     "source": "eurostat-asylum-monthly",
 *     "select": { "filters": { "geo": "DE" }, "x": "time", "window": 25 },
 *     "title":    { "de": "...", "en": "..." },
 *     "subtitle": { "de": "... {first} bis {latest}", "en": "..." },
 *     "note":     { "de": "...", "en": "..." },
 *     "footer":   { "source": { "de": "Quelle: Eurostat", "en": "Source: Eurostat" },
 *                   "licence": { "de": "CC BY 4.0", "en": "CC BY 4.0" } },
 *     "size": { "width": 1200, "height": 675 },
 *     "unit": { "de": "Asylanträge", "en": "asylum applications" },
 *     "verb": { "de": "gestellt", "en": "made" }
 *   }
 *
 * Text placeholders, filled from the data when a chart is laid out:
 * {latest} and {first} (the last and first period on the chart, formatted
 * in the chart's language), {stand} (same as {latest}), {name} (for_each:
 * the category's name in the chart's language).
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/error.h"
#include "migstat/lang.h"
#include "migstat/slice.h"

typedef enum ms_chart_kind {
        MS_CHART_COLUMN,
        MS_CHART_BAR, /* "bar": ranked horizontal bars with value labels */
        MS_CHART_LINE, /* "line": one or several series */
        MS_CHART_STACKED, /* "stacked-bar": 100 % stacked bars, one per x category */
        MS_CHART_TILE, /* "tile": big numbers (e.g. two protection rates) */
        MS_CHART_SMALL_MULTIPLES, /* "small-multiples": one small column chart per series */
        MS_CHART_STACKED_COLUMN, /* "stacked-column": parts of a total stacked, one column per period */
        _MS_CHART_KIND_COUNT,
} ms_chart_kind;

/* One entry of select.series_labels: a category of the series dimension and
 * its name in the legend, per language. */
typedef struct ms_chart_series_label {
        char *code;
        char *name[MS_LANG_COUNT];
        /* Optional: this series comes from another source and/or its own
         * measure pipeline (a tile of two rates, a profile with applications
         * and decisions side by side).  NULL: the spec's. */
        char *source;
        char *measure;
} ms_chart_series_label;

/* "for_each": one chart per category of dim that the measure pipeline over
 * source leaves (e.g. the top 10 citizenships of the latest month).
 * Expanded by ms_chart_spec_expand() (include/charts/migstat/chart_expand.h). */
typedef struct ms_chart_for_each {
        char *dim;
        char *source;
        char *measure;
} ms_chart_for_each;

typedef struct ms_labels ms_labels;

typedef struct ms_chart_spec {
        char *id;
        ms_chart_kind kind;
        char *source;

        ms_filter *filters;
        size_t n_filters;
        char *x_dim; /* free dimension; NULL = the time dimension */
        size_t window; /* 0 = all periods */
        /* select.compare = "previous-year": each period also shows the value
         * of the same period a year earlier as a marker; the slice request
         * then asks for 12 more periods than are drawn. */
        bool compare_previous_year;
        /* select.measure: a derived-measure pipeline applied to the source's
         * cube before slicing (docs/measures.md); select.population: the id
         * of the population source that "per-100k" divides by. */
        char *measure;
        char *population;
        /* select.series: one series per category of this dimension (lines,
         * stacked bars, small multiples, tiles); select.series_labels picks
         * the categories, their order and their names. */
        char *series_dim;
        ms_chart_series_label *series_labels;
        size_t n_series_labels;

        char *title[MS_LANG_COUNT];
        char *subtitle[MS_LANG_COUNT];
        char *note[MS_LANG_COUNT];
        char *source_line[MS_LANG_COUNT];
        char *licence[MS_LANG_COUNT];
        /* Optional, for the alt text: what is counted ("Asylanträge" /
         * "asylum applications") and the verb of the event ("gestellt" /
         * "made").  Spec fields "unit" and "verb", each {"de": .., "en": ..}. */
        char *unit[MS_LANG_COUNT];
        char *verb[MS_LANG_COUNT];

        /* "labels": the name of a label table (config/labels/<name>.json)
         * that names the categories of the free dimension and of the series
         * per language; label_table is that table, resolved (borrowed) by
         * whoever loads the configuration. */
        char *labels;
        const ms_labels *label_table;
        ms_chart_for_each *for_each;
        /* Set on the charts that for_each made: the category this chart is
         * about, named by {name} in texts (borrowed from the label table). */
        char *instance_code;
        const char *instance_name[MS_LANG_COUNT];

        unsigned width, height; /* CSS pixels at 1x */
        /* "narrow": the phone variant, drawn besides the main size and picked
         * by the snippet on narrow screens; 0x0 when off ("narrow": false, or
         * the main size is not wider than it). */
        unsigned narrow_width, narrow_height;
        char *highlight; /* "highlight": a category code drawn in the accent colour (bars) */
        bool percent; /* "percent": true: values are percentages (tiles, lines) */
        bool dark; /* "theme": "dark" */
} ms_chart_spec;

/* Parse a spec.  Errors name file:line:col (from err->file, set by the
 * caller) and the field, e.g. "select.window: expected a positive integer". */
int ms_chart_spec_parse(const char *buf, size_t len, ms_chart_spec **ret, ms_error *err);
ms_chart_spec *ms_chart_spec_free(ms_chart_spec *s);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_chart_spec *, ms_chart_spec_free);

/* The slice request this spec asks of its source's cube (borrows from s). */
void ms_chart_spec_slice_request(const ms_chart_spec *s, ms_slice_request *ret);

/* A deep copy (label_table and instance names stay borrowed). */
int ms_chart_spec_dup(const ms_chart_spec *s, ms_chart_spec **ret);

/* Id characters allowed: [a-z0-9-], 1..64 chars: ids become file names. */
int ms_id_is_valid(const char *id);
