/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_int.h"
#include "migstat/format.h"

static const struct {
        double px;
        PangoWeight weight;
        bool tabular; /* tabular figures: numbers on an axis line up */
} fonts[] = {
        [FONT_TITLE] = {26, PANGO_WEIGHT_BOLD, false},
        [FONT_SUBTITLE] = {17, PANGO_WEIGHT_NORMAL, false},
        [FONT_AXIS] = {14, PANGO_WEIGHT_NORMAL, true},
        [FONT_VALUE] = {15, PANGO_WEIGHT_SEMIBOLD, true},
        [FONT_FOOTER] = {13, PANGO_WEIGHT_NORMAL, false},
        [FONT_BIG] = {64, PANGO_WEIGHT_BOLD, true},
        [FONT_PANEL] = {15, PANGO_WEIGHT_SEMIBOLD, false},
        [FONT_SMALL] = {12, PANGO_WEIGHT_NORMAL, true},
        [FONT_SMALL_BOLD] = {12, PANGO_WEIGHT_SEMIBOLD, true},
};

PangoLayout *lo_text_new(layout_ctx *l, const char *s, chart_font f, double width, int lines) {
        PangoLayout *pl = pango_layout_new(l->pc);
        PangoFontDescription *fd = pango_font_description_new();

        pango_font_description_set_family_static(fd, "Inter");
        pango_font_description_set_weight(fd, fonts[f].weight);
        pango_font_description_set_absolute_size(fd, fonts[f].px * PANGO_SCALE);
        pango_layout_set_font_description(pl, fd);
        pango_font_description_free(fd);
        /* The chart's language, not the environment's, guides line breaking. */
        PangoAttrList *al = pango_attr_list_new();
        pango_attr_list_insert(al,
                               pango_attr_language_new(pango_language_from_string(ms_lang_code(l->lang))));
        if (fonts[f].tabular)
                pango_attr_list_insert(al, pango_attr_font_features_new("tnum 1"));
        pango_layout_set_attributes(pl, al);
        pango_attr_list_unref(al);
        if (width > 0) {
                /* Long titles from remote data wrap, then end in an ellipsis. */
                pango_layout_set_width(pl, (int) (width * PANGO_SCALE));
                pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
                pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
                pango_layout_set_height(pl, -lines);
        }
        pango_layout_set_text(pl, s, -1);
        return pl;
}

void lo_text_size(PangoLayout *pl, double *ret_w, double *ret_h) {
        PangoRectangle log;
        pango_layout_get_extents(pl, NULL, &log);
        *ret_w = (double) log.width / PANGO_SCALE;
        *ret_h = (double) log.height / PANGO_SCALE;
}

/* Take over pl and record it with its top left at (x, y). */
int lo_text_place(layout_ctx *l, PangoLayout *pl, const char *what, double x, double y, uint32_t rgb) {
        ms_chart *c = l->c;
        PangoRectangle log;

        if (MS_GROW(c->texts, c->cap_texts, c->n_texts + 1) < 0) {
                g_object_unref(pl);
                return -ENOMEM;
        }
        pango_layout_get_extents(pl, NULL, &log);
        c->texts[c->n_texts++] = (chart_text){
                .layout = pl,
                .what = what,
                .x = x,
                .y = y,
                .rgb = rgb,
                .box = {x + (double) log.x / PANGO_SCALE, y + (double) log.y / PANGO_SCALE,
                        (double) log.width / PANGO_SCALE, (double) log.height / PANGO_SCALE},
        };
        return 0;
}

int lo_text_place_on_mark(layout_ctx *l, PangoLayout *pl, const char *what, double x, double y,
                          uint32_t rgb) {
        int r = lo_text_place(l, pl, what, x, y, rgb);
        if (r >= 0)
                l->c->texts[l->c->n_texts - 1].on_mark = true;
        return r;
}

int lo_add_rect(ms_chart *c, chart_box b, uint32_t rgb) {
        if (MS_GROW(c->rects, c->cap_rects, c->n_rects + 1) < 0)
                return -ENOMEM;
        c->rects[c->n_rects++] = (chart_rect){b, rgb};
        return 0;
}

int lo_add_line(ms_chart *c, double x0, double y0, double x1, double y1, uint32_t rgb) {
        if (MS_GROW(c->lines, c->cap_lines, c->n_lines + 1) < 0)
                return -ENOMEM;
        c->lines[c->n_lines++] = (chart_line){x0, y0, x1, y1, 1.0, rgb, false};
        return 0;
}

/* {latest} and {stand} are the last period with a value, {first} the first
 * on the chart, {name} the category a for_each chart is about; unknown
 * braces stay as they are. */
char *lo_fill(const layout_ctx *l, const char *tmpl) {
        ms_buf b = {};
        int r = 0;
        for (const char *p = tmpl; *p && r >= 0;) {
                const char *rep = NULL;
                size_t skip = 1;
                if (strncmp(p, "{latest}", 8) == 0 || strncmp(p, "{stand}", 7) == 0) {
                        rep = l->latest;
                        skip = p[1] == 'l' ? 8 : 7;
                } else if (strncmp(p, "{first}", 7) == 0) {
                        rep = l->first;
                        skip = 7;
                } else if (strncmp(p, "{name}", 6) == 0 && l->spec->instance_name[l->lang]) {
                        rep = l->spec->instance_name[l->lang];
                        skip = 6;
                }
                r = rep ? ms_buf_puts(&b, rep) : ms_buf_append(&b, p, 1);
                p += skip;
        }
        if (r >= 0 && !b.data)
                r = ms_buf_puts(&b, "");
        if (r < 0) {
                ms_buf_done(&b);
                return NULL;
        }
        return b.data;
}

/* Nice ticks: a step of 1, 2 or 5 x 10^n giving about five intervals; the
 * axis always includes 0, since column length encodes the value. */
void lo_nice_ticks(layout_ctx *l) {
        double lo = fmin(l->vmin, 0), hi = fmax(l->vmax, 0);
        double raw = (hi - lo) / 5;
        if (raw <= 0)
                raw = hi > 0 ? hi : 1;
        double mag = pow(10, floor(log10(raw)));
        double step = mag * 10;
        static const double mult[] = {1, 2, 5};
        for (size_t i = 0; i < ELEMENTSOF(mult); i++)
                if (mult[i] * mag >= raw) {
                        step = mult[i] * mag;
                        break;
                }
        l->step = step;
        l->lo = floor(lo / step) * step;
        l->hi = ceil(hi / step) * step;
        if (l->hi <= l->lo)
                l->hi = l->lo + step;
}

double lo_y_of(const layout_ctx *l, double v) {
        return l->bottom - (v - l->lo) / (l->hi - l->lo) * (l->bottom - l->top);
}

unsigned lo_tick_decimals(double step) {
        unsigned d = 0;
        while (d < 6 && step * pow(10, d) != floor(step * pow(10, d)))
                d++;
        return d;
}

/* "Quelle: …  ·  Stand: 2024" on one line when it fits in width; else the
 * "as of" on a line of its own, so that no line starts with a lone "·" and
 * "Stand:" never parts from its period (a no-break space).  NULL: no memory. */
static PangoLayout *footer_text(layout_ctx *l, double width) {
        const char *src = l->spec->source_line[l->lang], *as_of = l->lang == MS_LANG_DE ? "Stand:" : "As of:";
        _cleanup_free_ char *one = NULL, *two = NULL;
        if (asprintf(&one, "%s%s%s\xc2\xa0%s", src ? src : "", src ? "  ·  " : "", as_of, l->latest) < 0)
                return NULL;
        PangoLayout *pl = lo_text_new(l, one, FONT_FOOTER, width, 2);
        if (!src || pango_layout_get_line_count(pl) == 1)
                return pl;
        g_object_unref(pl);
        if (asprintf(&two, "%s\n%s\xc2\xa0%s", src, as_of, l->latest) < 0)
                return NULL;
        return lo_text_new(l, two, FONT_FOOTER, width, 3);
}

/* Header from the top, footer and note from the bottom; the plot gets the rest. */
int lo_frame(layout_ctx *l) {
        const ms_chart_spec *sp = l->spec;
        double W = l->c->width, H = l->c->height, inner = W - 2 * MARGIN_X, w, h, lw = 0, lh = 0;
        PangoLayout *pl;
        int r;

        pl = lo_text_new(l, l->c->title, FONT_TITLE, inner, 2);
        lo_text_size(pl, &w, &h);
        if ((r = lo_text_place(l, pl, "title", MARGIN_X, MARGIN_TOP, l->th->text)) < 0)
                return r;
        l->top = MARGIN_TOP + h;
        if (sp->subtitle[l->lang]) {
                _cleanup_free_ char *t = lo_fill(l, sp->subtitle[l->lang]);
                if (!t)
                        return -ENOMEM;
                pl = lo_text_new(l, t, FONT_SUBTITLE, inner, 2);
                lo_text_size(pl, &w, &h);
                if ((r = lo_text_place(l, pl, "subtitle", MARGIN_X, l->top + 6, l->th->subtle)) < 0)
                        return r;
                l->top += 6 + h;
        }

        l->bottom = H - MARGIN_BOTTOM;
        if (sp->licence[l->lang]) {
                pl = lo_text_new(l, sp->licence[l->lang], FONT_FOOTER, inner / 3, 1);
                lo_text_size(pl, &lw, &lh);
                if ((r = lo_text_place(l, pl, "licence", W - MARGIN_X - lw, l->bottom - lh, l->th->footer)) <
                    0)
                        return r;
        }
        pl = footer_text(l, inner - (lw > 0 ? lw + 24 : 0));
        if (!pl)
                return -ENOMEM;
        lo_text_size(pl, &w, &h);
        if ((r = lo_text_place(l, pl, "footer", MARGIN_X, l->bottom - h, l->th->footer)) < 0)
                return r;
        l->bottom -= fmax(h, lh) + 6;
        _cleanup_free_ char *flags = lo_flags_note(l);
        if (sp->note[l->lang] || flags) {
                _cleanup_free_ char *filled = sp->note[l->lang] ? lo_fill(l, sp->note[l->lang]) : NULL,
                                    *t = NULL;
                if (sp->note[l->lang] && !filled)
                        return -ENOMEM;
                /* The source's flags on what is plotted follow the spec's note. */
                if (asprintf(&t, "%s%s%s", filled ? filled : "", filled && flags ? " " : "",
                             flags ? flags : "") < 0)
                        return -ENOMEM;
                pl = lo_text_new(l, t, FONT_FOOTER, inner, 5);
                lo_text_size(pl, &w, &h);
                if ((r = lo_text_place(l, pl, "note", MARGIN_X, l->bottom - h, l->th->footer)) < 0)
                        return r;
                l->bottom -= h;
        }
        l->bottom -= 20; /* the footer block stands apart from the x labels */
        return 0;
}

/* Y axis: gridlines and right-aligned labels, which fix the plot's left edge. */
int lo_y_axis(layout_ctx *l) {
        size_t n = (size_t) llround((l->hi - l->lo) / l->step) + 1;
        unsigned d = lo_tick_decimals(l->step);
        PangoLayout *pls[64] = {};
        double wmax = 0, w, h;
        int r = 0;

        if (n > ELEMENTSOF(pls))
                return -ERANGE;
        for (size_t i = 0; i < n; i++) {
                char buf[64];
                double v = l->lo + (double) i * l->step;
                /* A rate's axis says it is one ("60 %"), as its value labels do. */
                r = l->spec->percent ? lo_format_percent(l, v, d, buf, sizeof(buf))
                                     : ms_format_number(l->lang, v, d, buf, sizeof(buf));
                if (r < 0)
                        break;
                pls[i] = lo_text_new(l, buf, FONT_AXIS, 0, 0);
                lo_text_size(pls[i], &w, &h);
                wmax = fmax(wmax, w);
        }
        l->left = MARGIN_X + wmax + 12;
        for (size_t i = 0; i < n; i++) {
                if (!pls[i])
                        continue;
                double y = floor(lo_y_of(l, l->lo + (double) i * l->step)) + 0.5; /* crisp 1px lines */
                lo_text_size(pls[i], &w, &h);
                if (r >= 0)
                        r = lo_add_line(l->c, l->left, y, l->right, y, l->th->grid);
                if (r >= 0)
                        r = lo_text_place(l, TAKE_PTR(pls[i]), "y label", l->left - 12 - w, y - h / 2,
                                          l->th->subtle);
                if (pls[i])
                        g_object_unref(TAKE_PTR(pls[i]));
        }
        return r;
}

static bool boxes_overlap(const chart_box *a, const chart_box *b) {
        const double eps = 0.5; /* touching is fine */
        return a->x + eps < b->x + b->w && b->x + eps < a->x + a->w && a->y + eps < b->y + b->h &&
               b->y + eps < a->y + a->h;
}

static bool lo_text_is_sentence(const char *what) {
        static const char *const sentences[] = {"title", "subtitle", "note", "footer"};
        for (size_t i = 0; i < ELEMENTSOF(sentences); i++)
                if (strcmp(what, sentences[i]) == 0)
                        return true;
        return false;
}

static int problem(ms_chart *c, const chart_text *a, const char *what) {
        c->n_problems++;
        return ms_buf_printf(&c->problems, "%s \"%s\" %s\n", a->what, pango_layout_get_text(a->layout), what);
}

static bool box_contains(const chart_box *outer, const chart_box *in) {
        const double eps = 0.5;
        return in->x + eps >= outer->x && in->y + eps >= outer->y &&
               in->x + in->w <= outer->x + outer->w + eps && in->y + in->h <= outer->y + outer->h + eps;
}

/* The colour under the middle of b: the last mark painted there, else the background. */
static uint32_t colour_under(const ms_chart *c, const chart_box *b) {
        double x = b->x + b->w / 2, y = b->y + b->h / 2;
        for (size_t j = c->n_rects; j-- > 0;) {
                const chart_box *r = &c->rects[j].box;
                if (x >= r->x && x <= r->x + r->w && y >= r->y && y <= r->y + r->h)
                        return c->rects[j].rgb;
        }
        return c->bg;
}

/* Text on the canvas, apart from other text, off the marks (or, for
 * labels on a mark, inside it), with contrast >= 4.5:1 to what is under it. */
static int check_text(ms_chart *c, size_t i) {
        const chart_text *a = &c->texts[i];
        int r = 0;
        if (a->box.x < 0 || a->box.y < 0 || a->box.x + a->box.w > c->width || a->box.y + a->box.h > c->height)
                r = problem(c, a, "leaves the canvas");
        /* Titles and notes say what a reader must know: one cut short
         * ("…") at this size is a problem, unlike a long category name. */
        if (r >= 0 && lo_text_is_sentence(a->what) && pango_layout_is_ellipsized(a->layout))
                r = problem(c, a, "is cut short: it does not fit in its lines at this size");
        for (size_t j = i + 1; j < c->n_texts && r >= 0; j++)
                if (boxes_overlap(&a->box, &c->texts[j].box)) {
                        char what[160];
                        snprintf(what, sizeof(what), "overlaps %s \"%s\"", c->texts[j].what,
                                 pango_layout_get_text(c->texts[j].layout));
                        r = problem(c, a, what);
                }
        for (size_t j = 0; j < c->n_rects && r >= 0; j++)
                if (boxes_overlap(&a->box, &c->rects[j].box) &&
                    !(a->on_mark && box_contains(&c->rects[j].box, &a->box)))
                        r = problem(c, a, a->on_mark ? "does not fit its mark" : "overlaps a mark");
        double ratio = lo_contrast(a->rgb, colour_under(c, &a->box));
        if (r >= 0 && ratio < MIN_CONTRAST) {
                char what[80];
                snprintf(what, sizeof(what), "has contrast %.1f:1, below %.1f:1", ratio, MIN_CONTRAST);
                r = problem(c, a, what);
        }
        return r;
}

int lo_check(layout_ctx *l) {
        ms_chart *c = l->c;
        int r = 0;

        if (l->bottom - l->top < 60) {
                c->n_problems++;
                r = ms_buf_printf(&c->problems, "plot area is only %.0f px high\n", l->bottom - l->top);
        }
        for (size_t i = 0; i < c->n_texts && r >= 0; i++)
                r = check_text(c, i);
        return r;
}

int lo_series_legend(layout_ctx *l, bool line) {
        lo_legend_item items[12];
        size_t n = l->set->n < ELEMENTSOF(items) ? l->set->n : ELEMENTSOF(items);
        for (size_t k = 0; k < n; k++)
                items[k] = (lo_legend_item){l->set->names ? l->set->names[k] : "",
                                            l->th->palette[k % N_PALETTE], line};
        return lo_legend(l, items, n);
}

void lo_label_heights(layout_ctx *l, double *ret_axis, double *ret_value) {
        double w;
        PangoLayout *pl = lo_text_new(l, "0", FONT_AXIS, 0, 0);
        lo_text_size(pl, &w, ret_axis);
        g_object_unref(pl);
        pl = lo_text_new(l, "0", FONT_VALUE, 0, 0);
        lo_text_size(pl, &w, ret_value);
        g_object_unref(pl);
}

int lo_legend(layout_ctx *l, const lo_legend_item *items, size_t n) {
        double x = MARGIN_X, y = l->top + 10, hmax = 0;
        for (size_t i = 0; i < n; i++) {
                double w, h;
                PangoLayout *pl = lo_text_new(l, items[i].label, FONT_AXIS, 0, 0);
                lo_text_size(pl, &w, &h);
                if (i > 0 && x + 22 + w > l->c->width - MARGIN_X) { /* wrap on narrow charts */
                        x = MARGIN_X;
                        y += hmax + 4;
                        hmax = 0;
                }
                chart_box sw = items[i].line ? (chart_box){x, round(y + h / 2 - 2), 16, 4}
                                             : (chart_box){x + 2, round(y + h / 2 - 6), 12, 12};
                int r = lo_add_rect(l->c, sw, items[i].rgb);
                if (r >= 0)
                        r = lo_text_place(l, pl, "legend", x + 22, y, l->th->subtle);
                else
                        g_object_unref(pl);
                if (r < 0)
                        return r;
                x += 22 + w + 24;
                hmax = fmax(hmax, h);
        }
        l->top = y + hmax;
        return 0;
}

int lo_format_percent(const layout_ctx *l, double v, unsigned decimals, char *buf, size_t n) {
        char num[64];
        int r = ms_format_number(l->lang, v, decimals, num, sizeof(num));
        if (r < 0)
                return r;
        r = snprintf(buf, n, "%s%s", num, l->lang == MS_LANG_DE ? "\u00a0%" : "%");
        return r < 0 || (size_t) r >= n ? -ENOBUFS : r;
}
