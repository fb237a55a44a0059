/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Rendering: spec + series -> laid-out chart -> SVG, PNG, CSV and alt text.
 *
 * A renderer owns the Pango font map, configured from migstat's own
 * fontconfig file (config/fonts.conf), so the output does not depend on the
 * fonts of the host.  It is not thread-safe: one per render thread.
 *
 * ms_chart_layout() measures all text, computes the plot area, ticks and
 * label positions and checks them: overlapping labels or text outside the
 * canvas are reported in chart->problems (the tests assert there are none).
 * The ms_chart_write_* functions only paint what the layout decided.
 */
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/chart_spec.h"
#include "migstat/error.h"
#include "migstat/lang.h"
#include "migstat/series_set.h"
#include "migstat/slice.h"

typedef struct ms_renderer ms_renderer;
typedef struct ms_chart ms_chart;

int ms_renderer_new(const char *fontconfig_file, ms_renderer **ret, ms_error *err);
/* A renderer for another thread: base's font configuration (shared,
 * read-only), its own font map, context and buffers.  Draws what base
 * draws, byte for byte. */
int ms_renderer_new_sibling(const ms_renderer *base, ms_renderer **ret);
ms_renderer *ms_renderer_free(ms_renderer *r);
/* Drop the buffers kept between charts (an idle service need not hold them). */
void ms_renderer_trim(ms_renderer *r);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_renderer *, ms_renderer_free);

int ms_chart_layout(ms_renderer *r, const ms_chart_spec *spec, const ms_series *data, ms_lang lang,
                    ms_chart **ret, ms_error *err);
/* Several series (lines, stacked bars, small multiples, tiles); the call
 * above is this with a set of one. */
int ms_chart_layout_set(ms_renderer *r, const ms_chart_spec *spec, const ms_series_set *set, ms_lang lang,
                        ms_chart **ret, ms_error *err);
ms_chart *ms_chart_free(ms_chart *c);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_chart *, ms_chart_free);

/* Number of layout problems (overlaps, text off the canvas) and their text,
 * one per line; "" when none. */
size_t ms_chart_problems(const ms_chart *c, const char **ret_text);

/* Size in CSS pixels at 1x. */
void ms_chart_size(const ms_chart *c, unsigned *ret_width, unsigned *ret_height);
/* Alt text generated from the data in the chart's language. */
const char *ms_chart_alt_text(const ms_chart *c);
/* The title with its placeholders filled ({latest}, {name} ...). */
const char *ms_chart_title(const ms_chart *c);
/* The note drawn under the chart, placeholders filled; "" without one. */
const char *ms_chart_note(const ms_chart *c);
/* The chart's reference period ("Stand"): code of its last period with data. */
const char *ms_chart_reference_period(const ms_chart *c);

/* SVG with role="img", <title> and <desc> (escaped). */
int ms_chart_write_svg(const ms_chart *c, ms_buf *out, ms_error *err);
/* PDF for print: the same layout, vector, fonts embedded (subsets), one
 * page of half a point per pixel; title, alt text and a date from the data
 * as its metadata, so the bytes depend only on the chart. */
int ms_chart_write_pdf(const ms_chart *c, ms_buf *out, ms_error *err);
/* PNG at scale 1 or 2. */
int ms_chart_write_png(const ms_chart *c, unsigned scale, ms_buf *out, ms_error *err);
/* CSV of exactly the plotted numbers: "<x dim>,label,value,status";
 * with several series a first column "series"; with select.compare a
 * "previous_year" column before "value". */
int ms_chart_write_csv(const ms_chart *c, ms_buf *out, ms_error *err);
/* The same numbers for a reader, in the chart's language: headers in it,
 * German with ';' between cells and a decimal comma, values rounded as the
 * chart labels them (one decimal when any value has a fraction), no
 * thousands separators. */
int ms_chart_write_csv_reader(const ms_chart *c, ms_buf *out, ms_error *err);
