/* SPDX-License-Identifier: MIT */
/*
 * Lines: one or several series over the same periods, a legend when there
 * are several, the latest value labelled when there is one.  A missing
 * value breaks the line; a point between two gaps is a dot.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "layout_int.h"
#include "migstat/format.h"

static int add_stroke(ms_chart *c, double x0, double y0, double x1, double y1, uint32_t rgb) {
        int r = lo_add_line(c, x0, y0, x1, y1, rgb);
        if (r >= 0) {
                c->lines[c->n_lines - 1].width = 2.5;
                c->lines[c->n_lines - 1].round = true;
        }
        return r;
}

static int layout_series(layout_ctx *l, size_t k, double slot) {
        const ms_series *s = &l->views[k];
        uint32_t rgb = l->th->palette[k % N_PALETTE];
        int r = 0;
        for (size_t i = 0; i < s->n && r >= 0; i++) {
                if (isnan(s->values[i]))
                        continue;
                double x = l->left + ((double) i + 0.5) * slot, y = lo_y_of(l, s->values[i]);
                bool next = i + 1 < s->n && !isnan(s->values[i + 1]);
                bool prev = i > 0 && !isnan(s->values[i - 1]);
                if (next)
                        r = add_stroke(l->c, x, y, x + slot, lo_y_of(l, s->values[i + 1]), rgb);
                else if (!prev)
                        r = add_stroke(l->c, x, y, x, y, rgb); /* round caps: a dot */
        }
        return r;
}

static int layout_value_label(layout_ctx *l, double slot) {
        char buf[64];
        double w, h, v = l->s->values[l->ref];
        int r = l->spec->percent ? lo_format_percent(l, v, 1, buf, sizeof(buf))
                                 : ms_format_number(l->lang, v, l->decimals, buf, sizeof(buf));
        if (r < 0)
                return r;
        PangoLayout *pl = lo_text_new(l, buf, FONT_VALUE, 0, 0);
        lo_text_size(pl, &w, &h);
        double x = l->left + ((double) l->ref + 0.5) * slot;
        x = fmin(x - w / 2, l->c->width - MARGIN_X - w);
        return lo_text_place(l, pl, "value label", x, lo_y_of(l, v) - 8 - h, l->th->text);
}

int lo_line_chart(layout_ctx *l) {
        double xh, vh;
        int r = lo_frame(l);
        if (r < 0)
                return r;
        if (l->set->n > 1 && (r = lo_series_legend(l, true)) < 0)
                return r;
        lo_label_heights(l, &xh, &vh);
        double label_top = floor(l->bottom - xh);
        l->bottom = label_top - 10;
        l->top = ceil(l->top + 22 + (l->set->n == 1 ? vh : 0));
        l->right = l->c->width - MARGIN_X;
        lo_nice_ticks(l);
        r = lo_y_axis(l);
        double slot = (l->right - l->left) / (double) l->s->n;
        for (size_t k = 0; k < l->set->n && r >= 0; k++)
                r = layout_series(l, k, slot);
        if (r >= 0)
                r = lo_x_axis(l, label_top);
        if (r >= 0 && l->set->n == 1)
                r = layout_value_label(l, slot);
        if (r >= 0)
                r = lo_check(l);
        return r;
}
