/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The chart kinds, one table row each (chart_kinds.c): the spec's name, what
 * the alt text calls it, what series it takes, its layout and the closing
 * sentence of its alt text.  Adding a kind is its layout file
 * (layout_<kind>.c), an ms_chart_kind value (chart_spec.h) and a row here;
 * spec validation, layout and alt text all read the table.
 */
#include "layout_int.h"

typedef enum chart_series_rule {
        SERIES_ONE, /* exactly one series (column, bar) */
        SERIES_SAME_AXIS, /* any number, all over the same categories (line, stacked) */
        SERIES_ANY, /* any number, each with its own categories (tile, small multiples) */
} chart_series_rule;

typedef struct chart_kind {
        const char *name; /* "kind" in a spec */
        const char *called[MS_LANG_COUNT]; /* first words of the alt text; NULL: the kind writes its own */
        chart_series_rule series;
        int (*layout)(layout_ctx *l);
        /* The alt text's closing sentence(s) after "<called>: <title>, <first> to <latest>." */
        int (*alt_sentence)(const layout_ctx *l, ms_buf *b);
} chart_kind;

extern const chart_kind chart_kinds[_MS_CHART_KIND_COUNT];

/* The kind named name, or -EINVAL. */
int chart_kind_from_name(const char *name, ms_chart_kind *ret);
/* "\"column\", \"bar\", … or \"stacked-column\"" into buf, for error messages. */
void chart_kind_names(char *buf, size_t n);

/* alttext_kinds.c: the closing sentences the kinds share. */
int alt_highest_lowest(const layout_ctx *l, ms_buf *b); /* bars */
int alt_latest_values(const layout_ctx *l, ms_buf *b); /* lines, tiles, small multiples */
int alt_latest_shares(const layout_ctx *l, ms_buf *b); /* 100 % stacked bars */
int alt_latest_parts(const layout_ctx *l, ms_buf *b); /* stacked columns: parts and their total */
