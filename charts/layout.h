/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Private to charts/: the laid-out chart.  ms_chart_layout() decides every
 * position and measures every text into these plain structs; draw.c only
 * paints them and output.c only encodes.  Coordinates are CSS pixels at 1x,
 * origin top left.
 */
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "migstat/buf.h"
#include "migstat/chart_spec.h"
#include "migstat/period.h"
#include "migstat/render.h"

typedef struct chart_box {
        double x, y, w, h;
} chart_box;

typedef struct chart_text {
        PangoLayout *layout; /* owns a reference; measured in the renderer's context */
        const char *what; /* "title", "x label" ...: names it in problem reports */
        double x, y; /* where the layout's top left goes */
        chart_box box; /* logical extents */
        uint32_t rgb;
        bool on_mark; /* a label inside a bar: must lie within it */
} chart_text;

typedef struct chart_rect {
        chart_box box;
        uint32_t rgb;
} chart_rect;

typedef struct chart_line {
        double x0, y0, x1, y1, width;
        uint32_t rgb;
        bool round; /* round caps and joins: polylines of a line chart */
} chart_line;

struct ms_chart {
        ms_renderer *renderer; /* borrowed: it outlives its charts (the layouts use its context) */
        unsigned width, height;
        uint32_t bg; /* background, 0xRRGGBB */
        ms_lang lang;

        chart_text *texts;
        size_t n_texts, cap_texts;
        chart_rect *rects;
        size_t n_rects, cap_rects;
        chart_line *lines;
        size_t n_lines, cap_lines;

        char *title; /* with placeholders filled: the SVG <title> */
        char *alt_text; /* the SVG <desc> */
        char *note; /* the note under the chart, placeholders filled ("" without one) */
        char *reference; /* code of the last period with a value */
        char *source_line; /* the footer's source line, for the PNG's provenance; may be NULL */
        ms_buf problems;
        size_t n_problems;

        /* Exactly what is plotted, for the CSV. */
        char *x_dim;
        size_t n;
        char **codes, **labels, **status;
        double *values;
        double *previous; /* same period a year earlier, or NULL without select.compare */
        char **series; /* per row: the series name, or NULL with one series */
};

/* renderer.c: the Pango context every text is measured in. */
PangoContext *chart_renderer_context(ms_renderer *r);

/* Memory reused between PNGs. */
struct libdeflate_compressor;
typedef struct chart_scratch {
        unsigned char *p;
        size_t cap;
        struct libdeflate_compressor *z[2]; /* truecolour, indexed: allocating one costs page faults */
} chart_scratch;
void chart_scratch_done(chart_scratch *sc);
/* The renderer's image surface for this size and scale (1 or 2), kept for
 * the next chart; NULL when out of memory.  Do not destroy it. */
cairo_surface_t *chart_renderer_surface(ms_renderer *r, unsigned width, unsigned height, unsigned scale);
chart_scratch *chart_renderer_scratch(ms_renderer *r);

/* draw.c: paint c onto cr, whose user space is CSS pixels. */
void chart_draw(const ms_chart *c, cairo_t *cr);

/* png.c: encode an RGB24 or ARGB32 image surface, with provenance in
 * tEXt (or iTXt when not Latin-1) chunks "Source", "Stand", "Software". */
typedef struct chart_png_meta {
        const char *source, *stand, *software;
} chart_png_meta;
int chart_png_encode(cairo_surface_t *s, const chart_png_meta *meta, chart_scratch *scratch, ms_buf *out);

/* alttext.c */
/* Sentence form of a period: "April 2019", "2. Quartal 2025" / "April 2019", "Q2 2025". */
int chart_format_period_long(ms_lang l, const ms_period *p, char *buf, size_t n);
/* Alt text for a column chart of s; title is the filled title. */
int chart_alt_text_new(const ms_chart_spec *spec, const ms_series *s, ms_lang l, const char *title,
                       char **ret);
/* chart_kinds.c: alt text of the other kinds (a layout_ctx, layout_int.h). */
struct layout_ctx;
int chart_alt_text_kind_new(const struct layout_ctx *l, char **ret);
