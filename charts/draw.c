/* SPDX-License-Identifier: MIT */
#include "layout.h"

static void set_rgb(cairo_t *cr, uint32_t rgb) {
        cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                             (rgb & 0xff) / 255.0);
}

/*
 * Paint only: every position was decided by the layout.  Order matters
 * where things meet: gridlines under columns, the baseline (added last of
 * the lines) over the zero gridline, text on top.
 */
void chart_draw(const ms_chart *c, cairo_t *cr) {
        set_rgb(cr, c->bg);
        cairo_paint(cr);

        for (size_t i = 0; i < c->n_lines; i++) {
                const chart_line *l = &c->lines[i];
                cairo_set_line_cap(cr, l->round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
                set_rgb(cr, l->rgb);
                cairo_set_line_width(cr, l->width);
                cairo_move_to(cr, l->x0, l->y0);
                cairo_line_to(cr, l->x1, l->y1);
                cairo_stroke(cr);
        }
        for (size_t i = 0; i < c->n_rects; i++) {
                const chart_rect *r = &c->rects[i];
                set_rgb(cr, r->rgb);
                cairo_rectangle(cr, r->box.x, r->box.y, r->box.w, r->box.h);
                cairo_fill(cr);
        }
        for (size_t i = 0; i < c->n_texts; i++) {
                const chart_text *t = &c->texts[i];
                set_rgb(cr, t->rgb);
                cairo_move_to(cr, t->x, t->y);
                pango_cairo_show_layout(cr, t->layout);
        }
}
