/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Private to charts/layout*.c: the state of one layout and the helpers the
 * per-kind layouts share (layout.c).  Coordinates are CSS pixels at 1x.
 */
#include <stdbool.h>

#include "layout.h"

/* The theme.  Colours are 0xRRGGBB; contrast on white: text 17:1, subtitle
 * 8.5:1, footer 7:1, columns 9.2:1 (WCAG AA asks 4.5:1 for text). */
#define MARGIN_X 40.0
#define MARGIN_TOP 32.0
#define MARGIN_BOTTOM 24.0
#define RGB_TEXT 0x1a1a1aU
#define RGB_SUBTLE 0x4d4d4dU
#define RGB_FOOTER 0x595959U
#define RGB_GRID 0xdededeU
#define RGB_BASELINE 0x333333U
#define RGB_COLUMN 0x1d4f7cU
#define RGB_MARKER 0xc24e00U /* vermilion, 4.6:1 on white */
#define RGB_HALO 0xffffffU
#define COLUMN_SHARE 0.68 /* of each period's slot; the rest is the gap */
#define LABEL_GAP 12.0     /* minimum air between neighbouring x labels */

typedef enum chart_font {
        FONT_TITLE,
        FONT_SUBTITLE,
        FONT_AXIS,
        FONT_VALUE,
        FONT_FOOTER,
} chart_font;

typedef struct layout_ctx {
        ms_chart *c;
        PangoContext *pc;
        const ms_chart_spec *spec;
        const ms_series *s;         /* what is drawn */
        const ms_series *full;      /* with the periods before it, for comparisons */
        const double *previous;     /* per drawn point: a year earlier; NULL = no comparison */
        ms_lang lang;
        unsigned decimals;
        size_t ref;                 /* index of the last value */
        double vmin, vmax;          /* over values that are not NaN */
        double lo, hi, step;        /* y axis */
        double left, right, top, bottom; /* plot area */
        char first[64], latest[64]; /* sentence form of the periods */
} layout_ctx;

PangoLayout *lo_text_new(layout_ctx *l, const char *s, chart_font f, double width, int lines);
void lo_text_size(PangoLayout *pl, double *ret_w, double *ret_h);
/* Take over pl and record it with its top left at (x, y). */
int lo_text_place(layout_ctx *l, PangoLayout *pl, const char *what, double x, double y, uint32_t rgb);
int lo_add_rect(ms_chart *c, chart_box b, uint32_t rgb);
int lo_add_line(ms_chart *c, double x0, double y0, double x1, double y1, uint32_t rgb);
/* The template with placeholders filled; NULL when out of memory. */
char *lo_fill(const layout_ctx *l, const char *tmpl);
/* Nice ticks over [min(vmin, 0), max(vmax, 0)] into lo, hi, step. */
void lo_nice_ticks(layout_ctx *l);
double lo_y_of(const layout_ctx *l, double v);
unsigned lo_tick_decimals(double step);
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
/* Overlapping texts, texts off the canvas, texts over marks. */
int lo_check(layout_ctx *l);

/* layout_column.c */
int lo_column_chart(layout_ctx *l);
