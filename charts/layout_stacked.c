/* SPDX-License-Identifier: MIT */
/*
 * 100 % stacked horizontal bars: one bar per category along x (a year, a
 * quarter), one segment per series (decision outcomes) in palette order,
 * the share printed in the segment where it fits, a legend on top.
 */
#include <errno.h>
#include <math.h>

#include "layout_int.h"
#include "migstat/format.h"

static int layout_segment(layout_ctx *l, size_t k, chart_box seg, double share) {
        uint32_t rgb = l->th->palette[k % N_PALETTE];
        char buf[64];
        double w, h;
        int r = lo_add_rect(l->c, seg, rgb);
        if (r < 0 || (r = lo_format_percent(l, share, 0, buf, sizeof(buf))) < 0)
                return r;
        PangoLayout *pl = lo_text_new(l, buf, FONT_AXIS, 0, 0);
        lo_text_size(pl, &w, &h);
        if (w + 8 > seg.w || h + 2 > seg.h) { /* does not fit: the CSV and alt text have it */
                g_object_unref(pl);
                return 0;
        }
        return lo_text_place_on_mark(l, pl, "share label", seg.x + (seg.w - w) / 2, seg.y + (seg.h - h) / 2,
                                     lo_text_on(l->th, rgb));
}

static int layout_bar(layout_ctx *l, size_t i, double y, double bar_h, double lw) {
        double total = 0, x = l->left, span = l->right - l->left, w, h;
        int r = 0;
        for (size_t k = 0; k < l->set->n; k++)
                if (!isnan(l->views[k].values[i]) && l->views[k].values[i] > 0)
                        total += l->views[k].values[i];
        PangoLayout *pl = lo_text_new(l, l->c->labels[i], FONT_AXIS, 0, 0);
        lo_text_size(pl, &w, &h);
        r = lo_text_place(l, pl, "bar label", MARGIN_X + lw - w, y + (bar_h - h) / 2, l->th->subtle);
        for (size_t k = 0; k < l->set->n && r >= 0 && total > 0; k++) {
                double v = l->views[k].values[i];
                if (isnan(v) || v <= 0)
                        continue;
                double x1 = x + v / total * span;
                chart_box seg = {round(x), y, round(x1) - round(x), bar_h};
                if (seg.w > 0)
                        r = layout_segment(l, k, seg, v / total * 100);
                x = x1;
        }
        return r;
}

int lo_stacked_chart(layout_ctx *l) {
        double lw = 0, w, h;
        size_t n = l->s->n;
        int r = lo_frame(l);
        if (r >= 0)
                r = lo_series_legend(l, false);
        for (size_t i = 0; i < n && r >= 0; i++) {
                PangoLayout *pl = lo_text_new(l, l->c->labels[i], FONT_AXIS, 0, 0);
                lo_text_size(pl, &w, &h);
                g_object_unref(pl);
                lw = fmax(lw, ceil(w));
        }
        if (r < 0)
                return r;
        l->top += 18;
        l->left = MARGIN_X + lw + 10;
        l->right = l->c->width - MARGIN_X;
        double slot = (l->bottom - l->top) / (double) n, bar_h = round(fmin(slot * 0.72, 34));
        for (size_t i = 0; i < n && r >= 0; i++)
                r = layout_bar(l, i, round(l->top + (double) i * slot + (slot - bar_h) / 2), bar_h, lw);
        if (r >= 0)
                r = lo_check(l);
        return r;
}
