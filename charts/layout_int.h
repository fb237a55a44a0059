/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Private to charts/layout*.c: the state of one layout and the helpers the
 * per-kind layouts share (layout.c).  Coordinates are CSS pixels at 1x.
 */
#include <stdbool.h>

#include "layout.h"
#include "migstat/series_set.h"

#define MARGIN_X 40.0
#define MARGIN_TOP 32.0
#define MARGIN_BOTTOM 24.0
#define MIN_CONTRAST 4.5 /* WCAG AA for text; lo_check() reports less */
#define N_PALETTE 6
#define COLUMN_SHARE 0.68 /* of each period's slot; the rest is the gap */
#define LABEL_GAP 12.0 /* minimum air between neighbouring x labels */

typedef enum chart_font {
        FONT_TITLE,
        FONT_SUBTITLE,
        FONT_AXIS,
        FONT_VALUE,
        FONT_FOOTER,
        FONT_BIG, /* the numbers of a tile */
        FONT_PANEL, /* titles of small multiples */
        FONT_SMALL, /* dense bars: labels */
        FONT_SMALL_BOLD,
} chart_font;

/*
 * Colours are 0xRRGGBB.  The series palette follows Okabe and Ito's
 * colour-blind-safe set (blue, vermilion, bluish green, reddish purple,
 * ochre, grey), darkened for the light theme and lightened for the dark one
 * so that every mark has >= 3:1 against the background (WCAG 1.4.11).
 * Text contrast is not assumed: lo_check() measures it for every text
 * against what lies under it.
 */
typedef struct lo_theme {
        uint32_t bg, text, subtle, footer, grid, baseline, marker;
        uint32_t palette[N_PALETTE];
} lo_theme;
extern const lo_theme lo_theme_light, lo_theme_dark;
/* WCAG 2 contrast ratio of two colours, 1 .. 21. */
double lo_contrast(uint32_t a, uint32_t b);
/* Black-ish or white text, whichever reads better on bg. */
uint32_t lo_text_on(const lo_theme *th, uint32_t bg);

typedef struct layout_ctx {
        const lo_theme *th;
        const ms_series_set *set;
        ms_series *views; /* per series: the drawn window */
        ms_chart *c;
        PangoContext *pc;
        const ms_chart_spec *spec;
        const ms_series *s; /* what is drawn */
        const ms_series *full; /* with the periods before it, for comparisons */
        const double *previous; /* per drawn point: a year earlier; NULL = no comparison */
        ms_lang lang;
        unsigned decimals;
        size_t ref; /* index of the last value */
        double vmin, vmax; /* over values that are not NaN */
        double lo, hi, step; /* y axis */
        double left, right, top, bottom; /* plot area */
        char first[64], latest[64]; /* sentence form of the periods */
} layout_ctx;

PangoLayout *lo_text_new(layout_ctx *l, const char *s, chart_font f, double width, int lines);
void lo_text_size(PangoLayout *pl, double *ret_w, double *ret_h);
/* Take over pl and record it with its top left at (x, y). */
int lo_text_place(layout_ctx *l, PangoLayout *pl, const char *what, double x, double y, uint32_t rgb);
/* The same for a label placed on a mark (inside a bar segment). */
int lo_text_place_on_mark(layout_ctx *l, PangoLayout *pl, const char *what, double x, double y, uint32_t rgb);
int lo_add_rect(ms_chart *c, chart_box b, uint32_t rgb);
int lo_add_line(ms_chart *c, double x0, double y0, double x1, double y1, uint32_t rgb);
/* The template with placeholders filled; NULL when out of memory. */
char *lo_fill(const layout_ctx *l, const char *tmpl);
/* Nice ticks over [min(vmin, 0), max(vmax, 0)] into lo, hi, step. */
void lo_nice_ticks(layout_ctx *l);
double lo_y_of(const layout_ctx *l, double v);
unsigned lo_tick_decimals(double step);
/* "Source flags: p = provisional, e = estimated" for the flags among the
 * plotted values (flags_note.c); NULL when there are none. */
char *lo_flags_note(const layout_ctx *l);
/* Title, subtitle, footer, note: sets top and bottom of what is left. */
int lo_frame(layout_ctx *l);
/* Gridlines and y labels; sets left. */
int lo_y_axis(layout_ctx *l);
/* A row of legend entries below the header, from l->top; moves l->top. */
typedef struct lo_legend_item {
        const char *label;
        uint32_t rgb;
        bool line; /* a short bar like the marker, else a square */
} lo_legend_item;
int lo_legend(layout_ctx *l, const lo_legend_item *items, size_t n);
/* A legend of the set's series in palette order; line: a stroke, else a square. */
int lo_series_legend(layout_ctx *l, bool line);
/* The heights of an axis label and of a value label. */
void lo_label_heights(layout_ctx *l, double *ret_axis, double *ret_value);
/* Overlapping texts, texts off the canvas, texts over marks. */
int lo_check(layout_ctx *l);

/* X labels centred under n equal slots from left to right, thinned to fit. */
int lo_x_axis(layout_ctx *l, double label_top);
/* "51,8 %" / "51.8%" */
int lo_format_percent(const layout_ctx *l, double v, unsigned decimals, char *buf, size_t n);

/* One file per kind. */
int lo_column_chart(layout_ctx *l);
int lo_bar_chart(layout_ctx *l);
int lo_line_chart(layout_ctx *l);
int lo_stacked_chart(layout_ctx *l);
int lo_tile_chart(layout_ctx *l);
int lo_multiples_chart(layout_ctx *l);
int lo_stacked_column_chart(layout_ctx *l);
