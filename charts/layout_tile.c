/* SPDX-License-Identifier: MIT */
/*
 * A tile of big numbers: the latest value of each series (e.g. the overall
 * and the adjusted protection rate) with its caption, side by side where
 * they fit, else one below the other.  The spec's note is the footnote
 * that explains the difference.
 */
#include <errno.h>
#include <math.h>

#include "layout_int.h"
#include "migstat/format.h"

#define TILE_MIN_WIDTH 260.0
#define TILE_GAP 32.0

static double latest_value(const ms_series *s) {
        for (size_t i = s->n; i-- > 0;)
                if (!isnan(s->values[i]))
                        return s->values[i];
        return NAN;
}

/* One tile with its top left at (x, y); returns its height in *ret_h. */
static int layout_one(layout_ctx *l, size_t k, double x, double y, double w, double *ret_h) {
        char buf[64];
        double v = latest_value(&l->views[k]), tw, th, cw, ch;
        int r = isnan(v)           ? -ENODATA
                : l->spec->percent ? lo_format_percent(l, v, 1, buf, sizeof(buf))
                                   : ms_format_number(l->lang, v, l->decimals, buf, sizeof(buf));
        if (r < 0)
                return r;
        PangoLayout *big = lo_text_new(l, buf, FONT_BIG, 0, 0);
        lo_text_size(big, &tw, &th);
        PangoLayout *cap = lo_text_new(l, l->set->names ? l->set->names[k] : "", FONT_SUBTITLE, w - 20, 3);
        lo_text_size(cap, &cw, &ch);
        r = lo_add_rect(l->c, (chart_box){x, y + 8, 6, th + ch - 8}, l->th->palette[k % N_PALETTE]);
        if (r >= 0)
                r = lo_text_place(l, big, "big number", x + 20, y, l->th->text);
        else
                g_object_unref(big);
        if (r >= 0)
                r = lo_text_place(l, cap, "caption", x + 20, y + th, l->th->subtle);
        else
                g_object_unref(cap);
        *ret_h = th + ch;
        return r;
}

int lo_tile_chart(layout_ctx *l) {
        double inner = l->c->width - 2 * MARGIN_X, y, h = 0, row_h = 0;
        size_t n = l->set->n, cols = n;
        int r = lo_frame(l);
        if (r < 0)
                return r;
        while (cols > 1 && (inner - (double) (cols - 1) * TILE_GAP) / (double) cols < TILE_MIN_WIDTH)
                cols--;
        double w = (inner - (double) (cols - 1) * TILE_GAP) / (double) cols;
        y = l->top + 36;
        size_t t0 = l->c->n_texts, r0 = l->c->n_rects;
        for (size_t k = 0; k < n && r >= 0; k++) {
                if (k > 0 && k % cols == 0) {
                        y += row_h + TILE_GAP;
                        row_h = 0;
                }
                r = layout_one(l, k, MARGIN_X + (double) (k % cols) * (w + TILE_GAP), y, w, &h);
                row_h = fmax(row_h, h);
        }
        /* The block of tiles stands in the middle of the free space, a little above centre. */
        double shift = fmax(0, floor((l->bottom - (y + row_h)) * 0.4));
        for (size_t i = t0; i < l->c->n_texts; i++) {
                l->c->texts[i].y += shift;
                l->c->texts[i].box.y += shift;
        }
        for (size_t i = r0; i < l->c->n_rects; i++)
                l->c->rects[i].box.y += shift;
        l->top = y + row_h + shift; /* what is left below must stay >= 0: lo_check reports a squeeze */
        if (r >= 0 && l->bottom - l->top < 0) {
                l->c->n_problems++;
                r = ms_buf_printf(&l->c->problems, "tiles run %.0f px into the footer\n", l->top - l->bottom);
        }
        if (r >= 0) {
                l->top = l->bottom - 60; /* no plot area to check */
                r = lo_check(l);
        }
        return r;
}
