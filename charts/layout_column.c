/* SPDX-License-Identifier: MIT */
/* The column chart: one column per period, the latest value labelled. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "layout_int.h"
#include "migstat/format.h"

/* The smallest step of 1, 2, 3, 4, 6, 12, 24 ... periods at which the
 * measured labels keep LABEL_GAP apart; counted back from the last period so
 * the latest one is always labelled. */
static size_t x_label_step(const double *widths, size_t n, double slot) {
        static const size_t steps[] = {1, 2, 3, 4, 6, 12};
        for (size_t k = 0;; k++) {
                size_t step = k < ELEMENTSOF(steps) ? steps[k] : 12u << (k - ELEMENTSOF(steps) + 1);
                bool fits = true;
                if (step >= n)
                        return step;
                for (size_t i = n - 1; i >= step && fits; i -= step)
                        fits = (double) step * slot >= (widths[i] + widths[i - step]) / 2 + LABEL_GAP;
                if (fits)
                        return step;
        }
}

int lo_x_axis(layout_ctx *l, double label_top) {
        size_t n = l->s->n;
        double slot = (l->right - l->left) / (double) n, h;
        _cleanup_free_ double *widths = calloc(n, sizeof(double));
        int r;

        if (!widths)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                PangoLayout *pl = lo_text_new(l, l->c->labels[i], FONT_AXIS, 0, 0);
                lo_text_size(pl, &widths[i], &h);
                g_object_unref(pl);
        }
        size_t step = x_label_step(widths, n, slot);
        for (size_t i = n - 1, k = 0; k < n; i--, k++) {
                if (k % step == 0) {
                        double cx = l->left + ((double) i + 0.5) * slot;
                        PangoLayout *pl = lo_text_new(l, l->c->labels[i], FONT_AXIS, 0, 0);
                        r = lo_text_place(l, pl, "x label", cx - widths[i] / 2, label_top, l->th->subtle);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

static chart_box column_box(const layout_ctx *l, size_t i) {
        double slot = (l->right - l->left) / (double) l->s->n, pad = slot * (1 - COLUMN_SHARE) / 2;
        double v = l->s->values[i];
        /* Whole pixels: edges stay sharp at 1x, and 2x is an exact doubling. */
        double x0 = round(l->left + (double) i * slot + pad),
               x1 = round(l->left + (double) (i + 1) * slot - pad);
        double y0 = round(lo_y_of(l, fmax(v, 0))), y1 = round(lo_y_of(l, fmin(v, 0)));
        return (chart_box){x0, y0, x1 - x0, y1 - y0};
}

/* The comparison marker: a bar across the column, wider than it, on a
 * white halo so it reads on the column and on the background alike. */
static chart_box marker_box(const layout_ctx *l, size_t i, double halo) {
        chart_box b = column_box(l, i);
        double y = round(lo_y_of(l, l->previous[i]));
        return (chart_box){b.x - 4 - halo, y - 1.5 - halo, b.w + 8 + 2 * halo, 3 + 2 * halo};
}

static bool has_marker(const layout_ctx *l, size_t i) {
        return l->previous && !isnan(l->previous[i]);
}

static int layout_columns(layout_ctx *l) {
        int r;
        for (size_t i = 0; i < l->s->n; i++) {
                if (isnan(l->s->values[i])) /* missing: no column, the gap says so */
                        continue;
                r = lo_add_rect(l->c, column_box(l, i), l->th->palette[0]);
                if (r < 0)
                        return r;
        }
        for (size_t i = 0; i < l->s->n; i++) {
                if (!has_marker(l, i))
                        continue;
                r = lo_add_rect(l->c, marker_box(l, i, 1), l->th->bg);
                if (r >= 0)
                        r = lo_add_rect(l->c, marker_box(l, i, 0), l->th->marker);
                if (r < 0)
                        return r;
        }
        double y = floor(lo_y_of(l, 0)) + 0.5;
        return lo_add_line(l->c, l->left, y, l->right, y, l->th->baseline);
}

/* The latest value above its column, lifted over taller neighbours it would touch. */
static int layout_value_label(layout_ctx *l) {
        char buf[64];
        double w, h, v = l->s->values[l->ref];
        int r = ms_format_number(l->lang, v, l->decimals, buf, sizeof(buf));
        if (r < 0)
                return r;
        PangoLayout *pl = lo_text_new(l, buf, FONT_VALUE, 0, 0);
        lo_text_size(pl, &w, &h);
        chart_box b = column_box(l, l->ref);
        /* Centred on its column, but kept inside the margin on narrow charts. */
        double x = fmax(l->left, fmin(b.x + b.w / 2 - w / 2, l->c->width - MARGIN_X - w)), y;
        if (v >= 0) {
                double top = b.y;
                for (size_t i = 0; i < l->s->n; i++) {
                        chart_box o = column_box(l, i);
                        if (!isnan(l->s->values[i]) && o.x < x + w && x < o.x + o.w)
                                top = fmin(top, o.y);
                        if (has_marker(l, i) && (o = marker_box(l, i, 1)).x < x + w && x < o.x + o.w)
                                top = fmin(top, o.y);
                }
                y = top - 4 - h;
        } else
                y = b.y + b.h + 2;
        return lo_text_place(l, pl, "value label", x, y, l->th->text);
}

int lo_column_chart(layout_ctx *l) {
        double xh, vh;
        int r;

        r = lo_frame(l);
        if (r < 0)
                return r;
        lo_label_heights(l, &xh, &vh);

        if (l->previous) {
                static const char *const labels[][2] = {
                        [MS_LANG_DE] = {"Monatswert", "gleicher Monat im Vorjahr"},
                        [MS_LANG_EN] = {"Month", "Same month a year earlier"},
                };
                const lo_legend_item items[] = {
                        {labels[l->lang][0], l->th->palette[0], false},
                        {labels[l->lang][1], l->th->marker, true},
                };
                r = lo_legend(l, items, ELEMENTSOF(items));
                if (r < 0)
                        return r;
                for (size_t i = 0; i < l->s->n; i++)
                        if (!isnan(l->previous[i])) {
                                l->vmin = fmin(l->vmin, l->previous[i]);
                                l->vmax = fmax(l->vmax, l->previous[i]);
                        }
        }
        double label_top = floor(l->bottom - xh);
        l->bottom = label_top - 10;
        l->top = ceil(l->top + 22 + vh); /* air below the header, room for the value label */
        l->right = l->c->width - MARGIN_X;
        lo_nice_ticks(l);
        r = lo_y_axis(l);
        if (r >= 0)
                r = layout_columns(l);
        if (r >= 0)
                r = lo_x_axis(l, label_top);
        if (r >= 0)
                r = layout_value_label(l);
        if (r >= 0)
                r = lo_check(l);
        return r;
}
