/* SPDX-License-Identifier: MIT */
/*
 * Small multiples: one small column chart per series (e.g. per country of
 * origin), on one shared scale so panels compare, in a grid that takes as
 * many columns as fit.  Each panel: its name and latest value, the top
 * gridline labelled in the first column, the first and last period below.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "layout_int.h"
#include "migstat/format.h"

#define PANEL_MIN_WIDTH 250.0
#define GAP_X 32.0
#define GAP_Y 24.0

typedef struct panel {
        double x, y, w, h;
} panel;

static int period_label(layout_ctx *l, const ms_series *s, size_t i, char *buf, size_t n) {
        ms_period p;
        if (ms_period_parse(s->codes[i], &p) < 0)
                return snprintf(buf, n, "%s", s->codes[i]) < 0 ? -EINVAL : 0;
        return ms_format_period(l->lang, &p, buf, n);
}

static int panel_head(layout_ctx *l, size_t k, const panel *p, double *ret_h) {
        const ms_series *s = &l->views[k];
        char num[64] = "";
        double vw = 0, vh = 0, tw, th;
        int r = 0;
        for (size_t i = s->n; i-- > 0;)
                if (!isnan(s->values[i])) {
                        r = ms_format_number(l->lang, s->values[i], l->decimals, num, sizeof(num));
                        break;
                }
        if (r < 0)
                return r;
        PangoLayout *v = lo_text_new(l, num, FONT_VALUE, 0, 0);
        lo_text_size(v, &vw, &vh);
        PangoLayout *t = lo_text_new(l, l->set->names ? l->set->names[k] : "", FONT_PANEL, p->w - vw - 12, 1);
        lo_text_size(t, &tw, &th);
        r = lo_text_place(l, t, "panel title", p->x, p->y, l->th->text);
        if (r >= 0)
                r = lo_text_place(l, v, "value label", p->x + p->w - vw, p->y, l->th->text);
        else
                g_object_unref(v);
        *ret_h = fmax(th, vh);
        return r;
}

static int panel_body(layout_ctx *l, size_t k, const panel *p, double top, bool tick_label) {
        const ms_series *s = &l->views[k];
        char a[64], z[64];
        double xh, w0, w1, tw, th;
        int r = period_label(l, s, 0, a, sizeof(a));
        if (r >= 0)
                r = period_label(l, s, s->n - 1, z, sizeof(z));
        if (r < 0)
                return r;
        PangoLayout *first = lo_text_new(l, a, FONT_FOOTER, 0, 0),
                    *last = lo_text_new(l, z, FONT_FOOTER, 0, 0);
        lo_text_size(first, &w0, &xh);
        lo_text_size(last, &w1, &xh);
        double bottom = p->y + p->h - xh - 6;
        r = lo_text_place(l, first, "x label", p->x, bottom + 4, l->th->subtle);
        if (r >= 0 && s->n > 1)
                r = lo_text_place(l, last, "x label", p->x + p->w - w1, bottom + 4, l->th->subtle);
        else
                g_object_unref(last);
        if (r >= 0 && (r = ms_format_number(l->lang, l->hi, lo_tick_decimals(l->step), a, sizeof(a))) >= 0) {
                PangoLayout *t = lo_text_new(l, a, FONT_FOOTER, 0, 0);
                lo_text_size(t, &tw, &th);
                top += th + 2;
                if (tick_label)
                        r = lo_text_place(l, t, "y label", p->x, top - th - 1, l->th->subtle);
                else
                        g_object_unref(t);
        }
        double slot = p->w / (double) s->n, gy = floor(top) + 0.5;
        if (r >= 0)
                r = lo_add_line(l->c, p->x, gy, p->x + p->w, gy, l->th->grid);
        for (size_t i = 0; i < s->n && r >= 0; i++) {
                if (isnan(s->values[i]) || s->values[i] <= 0)
                        continue;
                double x0 = round(p->x + (double) i * slot + slot * 0.12),
                       x1 = round(p->x + (double) (i + 1) * slot - slot * 0.12);
                double y0 = round(bottom - s->values[i] / l->hi * (bottom - top));
                r = lo_add_rect(l->c, (chart_box){x0, y0, fmax(1, x1 - x0), round(bottom) - y0},
                                l->th->palette[0]);
        }
        if (r >= 0)
                r = lo_add_line(l->c, p->x, floor(bottom) + 0.5, p->x + p->w, floor(bottom) + 0.5,
                                l->th->baseline);
        return r;
}

int lo_multiples_chart(layout_ctx *l) {
        double inner = l->c->width - 2 * MARGIN_X, hh = 0;
        size_t n = l->set->n, cols = n;
        int r = lo_frame(l);
        if (r < 0)
                return r;
        while (cols > 1 && (inner - (double) (cols - 1) * GAP_X) / (double) cols < PANEL_MIN_WIDTH)
                cols--;
        size_t rows = (n + cols - 1) / cols;
        l->top += 20;
        double w = (inner - (double) (cols - 1) * GAP_X) / (double) cols;
        double h = (l->bottom - l->top - (double) (rows - 1) * GAP_Y) / (double) rows;
        lo_nice_ticks(l);
        if (h < 80) {
                l->c->n_problems++;
                return ms_buf_printf(&l->c->problems, "panels are only %.0f px high\n", h);
        }
        for (size_t k = 0; k < n && r >= 0; k++) {
                panel p = {MARGIN_X + (double) (k % cols) * (w + GAP_X),
                           l->top + (double) (k / cols) * (h + GAP_Y), w, h};
                r = panel_head(l, k, &p, &hh);
                if (r >= 0)
                        r = panel_body(l, k, &p, p.y + hh + 6, k % cols == 0);
        }
        if (r >= 0)
                r = lo_check(l);
        return r;
}
