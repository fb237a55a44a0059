/* SPDX-License-Identifier: MIT */
/*
 * Ranked horizontal bars: largest first, category labels on the left,
 * value labels at the bar ends, one category (spec "highlight", e.g. "DE")
 * in the accent colour.  Missing values get no bar and no rank.  With
 * select.compare, a marker across each bar shows the category's value a
 * year before (legend: the two periods).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"
#include "migstat/format.h"

static int by_value_desc(const void *a, const void *b, void *userdata) {
        const ms_series *s = userdata;
        size_t i = *(const size_t *) a, j = *(const size_t *) b;
        double x = s->values[i], y = s->values[j];
        if (x != y)
                return x > y ? -1 : 1;
        return i < j ? -1 : i > j; /* stable: source order breaks ties */
}

static int value_text(const layout_ctx *l, double v, char *buf, size_t n) {
        return l->spec->percent ? lo_format_percent(l, v, 1, buf, n)
                                : ms_format_number(l->lang, v, l->decimals, buf, n);
}

typedef struct bar_fonts {
        chart_font label, value, value_hl;
} bar_fonts;

/* The previous period's marker: a bar across the bar, taller than it, on a
 * halo of the background so it reads on the bar and beside it alike.
 * *ret_halo is where it is (width 0 without one). */
static int place_marker(layout_ctx *l, size_t i, double yc, double bar_h, double x0, double scale,
                        chart_box *ret_halo) {
        *ret_halo = (chart_box){x0, yc, 0, 0};
        if (!l->previous || isnan(l->previous[i]))
                return 0;
        double x = round(x0 + fmax(l->previous[i], 0) * scale);
        chart_box halo = {x - 2.5, round(yc - bar_h / 2) - 5, 5, bar_h + 10};
        int r = lo_add_rect(l->c, halo, l->th->bg);
        if (r >= 0)
                r = lo_add_rect(l->c, (chart_box){halo.x + 1, halo.y + 1, 3, halo.h - 2}, l->th->marker);
        *ret_halo = halo;
        return r;
}

static int place_bar(layout_ctx *l, const bar_fonts *f, size_t i, double yc, double bar_h, double x0,
                     double scale, double label_w, int label_lines) {
        const ms_series *s = l->s;
        bool hl = l->spec->highlight && strcmp(l->spec->highlight, s->codes[i]) == 0;
        double len = fmax(1, round(fmax(s->values[i], 0) * scale)), w, h;
        chart_box m;
        char num[64];
        int r = lo_add_rect(l->c, (chart_box){x0, round(yc - bar_h / 2), len, bar_h},
                            hl ? l->th->marker : l->th->palette[0]);
        if (r >= 0)
                r = place_marker(l, i, yc, bar_h, x0, scale, &m);
        if (r < 0)
                return r;
        PangoLayout *pl = lo_text_new(l, s->labels && s->labels[i] ? s->labels[i] : s->codes[i], f->label,
                                      label_w, label_lines);
        pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT);
        lo_text_size(pl, &w, &h);
        r = lo_text_place(l, pl, "bar label", x0 - 10 - label_w, yc - h / 2,
                          hl ? l->th->text : l->th->subtle);
        if (r >= 0)
                r = value_text(l, s->values[i], num, sizeof(num));
        if (r < 0)
                return r;
        pl = lo_text_new(l, num, hl ? f->value_hl : f->label, 0, 0);
        lo_text_size(pl, &w, &h);
        /* The value beside its bar; past the marker only where they would meet. */
        double x = x0 + len + 6;
        if (m.w > 0 && m.x + m.w > x0 + len && m.x < x + w + 4)
                x = m.x + m.w + 6;
        return lo_text_place(l, pl, "value label", x, yc - h / 2, l->th->text);
}

/* With a comparison: the legend names both periods, and the scale holds the
 * previous values too. */
static int bar_compare_legend(layout_ctx *l) {
        ms_period p, q;
        char now[64], before[96], prev[64];
        if (!l->previous || !l->set->period || ms_period_parse(l->set->period, &p) < 0)
                return 0;
        q = ms_period_prev_year(&p);
        int r = ms_format_period(l->lang, &p, now, sizeof(now));
        if (r >= 0)
                r = ms_format_period(l->lang, &q, prev, sizeof(prev));
        if (r < 0)
                return r;
        snprintf(before, sizeof(before), "%s (%s)", prev,
                 l->lang == MS_LANG_DE ? "Vorjahr" : "a year earlier");
        const lo_legend_item items[] = {{now, l->th->palette[0], false}, {before, l->th->marker, true}};
        for (size_t i = 0; i < l->s->n; i++)
                if (!isnan(l->previous[i]) && !isnan(l->s->values[i]))
                        l->vmax = fmax(l->vmax, l->previous[i]);
        return lo_legend(l, items, ELEMENTSOF(items));
}

int lo_bar_chart(layout_ctx *l) {
        const ms_series *s = l->s;
        double W = l->c->width, inner = W - 2 * MARGIN_X, lw = 0, vw = 0, w, h;
        _cleanup_free_ size_t *order = calloc(s->n, sizeof(size_t));
        size_t n = 0;
        int r;

        if (!order)
                return -ENOMEM;
        r = lo_frame(l);
        if (r >= 0)
                r = bar_compare_legend(l);
        if (r < 0)
                return r;
        for (size_t i = 0; i < s->n; i++)
                n += !isnan(s->values[i]);
        l->top += 18;
        /* Many bars (all member states): a smaller font keeps labels apart. */
        bool dense = (l->bottom - l->top) / (double) (n ? n : 1) < 21;
        const bar_fonts f = dense ? (bar_fonts){FONT_SMALL, FONT_SMALL_BOLD, FONT_SMALL_BOLD}
                                  : (bar_fonts){FONT_AXIS, FONT_VALUE, FONT_VALUE};
        n = 0;
        for (size_t i = 0; i < s->n; i++) {
                char num[64];
                if (isnan(s->values[i]))
                        continue;
                order[n++] = i;
                PangoLayout *pl =
                        lo_text_new(l, s->labels && s->labels[i] ? s->labels[i] : s->codes[i], f.label, 0, 0);
                lo_text_size(pl, &w, &h);
                g_object_unref(pl);
                lw = fmax(lw, w);
                if ((r = value_text(l, s->values[i], num, sizeof(num))) < 0)
                        return r;
                pl = lo_text_new(l, num, f.value_hl, 0, 0);
                lo_text_size(pl, &w, &h);
                g_object_unref(pl);
                vw = fmax(vw, w);
        }
        qsort_r(order, n, sizeof(*order), by_value_desc, (void *) s);
        lw = fmin(ceil(lw) + 1, inner * 0.35); /* longer names end in an ellipsis */
        l->left = MARGIN_X + lw + 10;
        l->right = W - MARGIN_X - vw - 8 -
                   (l->previous ? 3 : 0); /* a marker may pass the longest bar by its halo */
        double slot = (l->bottom - l->top) / (double) n, bar_h = round(fmin(slot * (dense ? 0.8 : 0.72), 30));
        double scale = l->vmax > 0 ? (l->right - l->left) / l->vmax : 0;
        /* A long name wraps to a second line where the slot has room for it
         * (a phone's narrow label column), else it ends in "…". */
        PangoLayout *one = lo_text_new(l, "0", f.label, 0, 0);
        lo_text_size(one, &w, &h);
        g_object_unref(one);
        int lines = slot >= 2 * h + 4 ? 2 : 1;
        for (size_t k = 0; k < n && r >= 0; k++)
                r = place_bar(l, &f, order[k], l->top + ((double) k + 0.5) * slot, bar_h, l->left, scale, lw,
                              lines);
        if (r >= 0)
                r = lo_add_line(l->c, l->left - 0.5, l->top, l->left - 0.5, l->bottom, l->th->baseline);
        if (r >= 0)
                r = lo_check(l);
        return r;
}
