/* SPDX-License-Identifier: MIT */
/*
 * Stacked columns: one column per period (a year), one segment per series
 * stacked from the baseline in series order (first-time applicants at the
 * bottom, the rest on top), so the column's height is the total.  A period
 * where a part is missing gets no column: a shorter stack would misstate the
 * total.  The latest total is labelled above its column; a legend on top.
 */
#include <errno.h>
#include <math.h>

#include "layout_int.h"
#include "migstat/format.h"

/* The total of column i, NaN unless every series has a value there.
 * Parts are counts: a negative one has no place in a stack. */
static double column_total(const layout_ctx *l, size_t i) {
        double total = 0;
        for (size_t k = 0; k < l->set->n; k++) {
                double v = l->views[k].values[i];
                if (isnan(v) || v < 0)
                        return NAN;
                total += v;
        }
        return total;
}

static int layout_stack(layout_ctx *l, size_t i, double slot) {
        double pad = slot * (1 - COLUMN_SHARE) / 2, base = 0;
        double x0 = round(l->left + (double) i * slot + pad),
               x1 = round(l->left + (double) (i + 1) * slot - pad);
        int r = 0;
        for (size_t k = 0; k < l->set->n && r >= 0; k++) {
                double v = l->views[k].values[i];
                /* Whole pixels from the running sum: segments meet without seams. */
                double y0 = round(lo_y_of(l, base + v)), y1 = round(lo_y_of(l, base));
                if (y1 > y0)
                        r = lo_add_rect(l->c, (chart_box){x0, y0, x1 - x0, y1 - y0},
                                        l->th->palette[k % N_PALETTE]);
                base += v;
        }
        return r;
}

/* The latest total above its column, lifted over taller neighbours it would
 * touch; lifted well clear of its own column, a leader line ties it to it
 * (else it reads as a neighbour's total). */
static int layout_total_label(layout_ctx *l, size_t ref, double slot) {
        char buf[64];
        double w, h, total = column_total(l, ref);
        int r = ms_format_number(l->lang, total, l->decimals, buf, sizeof(buf));
        if (r < 0)
                return r;
        PangoLayout *pl = lo_text_new(l, buf, FONT_VALUE, 0, 0);
        lo_text_size(pl, &w, &h);
        double cx = l->left + ((double) ref + 0.5) * slot;
        double x = fmax(l->left, fmin(cx - w / 2, l->c->width - MARGIN_X - w)), top = lo_y_of(l, total);
        for (size_t i = 0; i < l->s->n; i++) {
                double t = column_total(l, i), ox = l->left + (double) i * slot;
                if (!isnan(t) && ox < x + w && x < ox + slot)
                        top = fmin(top, lo_y_of(l, t));
        }
        double y = round(top) - 4 - h, own = round(lo_y_of(l, total));
        r = lo_text_place(l, pl, "value label", x, y, l->th->text);
        if (r >= 0 && own - (y + h) > 12)
                r = lo_add_line(l->c, round(cx) + 0.5, ceil(y + h) + 3, round(cx) + 0.5, own - 3,
                                l->th->subtle);
        return r;
}

int lo_stacked_column_chart(layout_ctx *l) {
        double xh, vh;
        size_t ref = l->s->n;
        int r = lo_frame(l);
        if (r >= 0)
                r = lo_series_legend(l, false);
        if (r < 0)
                return r;
        /* The y axis spans the totals, not the parts. */
        l->vmin = 0;
        l->vmax = 0;
        for (size_t i = 0; i < l->s->n; i++) {
                double t = column_total(l, i);
                if (!isnan(t)) {
                        l->vmax = fmax(l->vmax, t);
                        ref = i;
                }
        }
        if (ref == l->s->n)
                return -ENODATA; /* no period has every part */
        lo_label_heights(l, &xh, &vh);
        double label_top = floor(l->bottom - xh);
        l->bottom = label_top - 10;
        l->top = ceil(l->top + 22 + vh);
        l->right = l->c->width - MARGIN_X;
        lo_nice_ticks(l);
        r = lo_y_axis(l);
        double slot = (l->right - l->left) / (double) l->s->n;
        for (size_t i = 0; i < l->s->n && r >= 0; i++)
                if (!isnan(column_total(l, i)))
                        r = layout_stack(l, i, slot);
        double y = floor(lo_y_of(l, 0)) + 0.5;
        if (r >= 0)
                r = lo_add_line(l->c, l->left, y, l->right, y, l->th->baseline);
        if (r >= 0)
                r = lo_x_axis(l, label_top);
        if (r >= 0)
                r = layout_total_label(l, ref, slot);
        if (r >= 0)
                r = lo_check(l);
        return r;
}
