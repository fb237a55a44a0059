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
        pango_attr_list_insert(al, pango_attr_language_new(pango_language_from_string(ms_lang_code(l->lang))));
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

        if (c->n_texts == c->cap_texts) {
                size_t cap = c->cap_texts ? c->cap_texts * 2 : 32;
                chart_text *t = reallocarray(c->texts, cap, sizeof(*t));
                if (!t) {
                        g_object_unref(pl);
                        return -ENOMEM;
                }
                c->texts = t;
                c->cap_texts = cap;
        }
        pango_layout_get_extents(pl, NULL, &log);
        c->texts[c->n_texts++] = (chart_text){
                .layout = pl, .what = what, .x = x, .y = y, .rgb = rgb,
                .box = {x + (double) log.x / PANGO_SCALE, y + (double) log.y / PANGO_SCALE,
                        (double) log.width / PANGO_SCALE, (double) log.height / PANGO_SCALE},
        };
        return 0;
}

int lo_add_rect(ms_chart *c, chart_box b, uint32_t rgb) {
        if (c->n_rects == c->cap_rects) {
                size_t cap = c->cap_rects ? c->cap_rects * 2 : 32;
                chart_rect *p = reallocarray(c->rects, cap, sizeof(*p));
                if (!p)
                        return -ENOMEM;
                c->rects = p;
                c->cap_rects = cap;
        }
        c->rects[c->n_rects++] = (chart_rect){b, rgb};
        return 0;
}

int lo_add_line(ms_chart *c, double x0, double y0, double x1, double y1, uint32_t rgb) {
        if (c->n_lines == c->cap_lines) {
                size_t cap = c->cap_lines ? c->cap_lines * 2 : 16;
                chart_line *p = reallocarray(c->lines, cap, sizeof(*p));
                if (!p)
                        return -ENOMEM;
                c->lines = p;
                c->cap_lines = cap;
        }
        c->lines[c->n_lines++] = (chart_line){x0, y0, x1, y1, 1.0, rgb};
        return 0;
}

/* {latest} and {stand} are the last period with a value, {first} the first
 * on the chart; unknown braces stay as they are. */
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

static void period_text(const layout_ctx *l, size_t i, char *buf, size_t n) {
        ms_period p;
        if (ms_period_parse(l->s->codes[i], &p) < 0 || chart_format_period_long(l->lang, &p, buf, n) < 0)
                snprintf(buf, n, "%s", l->s->labels && l->s->labels[i] ? l->s->labels[i] : l->s->codes[i]);
}

/* Copy what is plotted (for the CSV) with axis labels in the chart's language. */
static int copy_series(layout_ctx *l) {
        ms_chart *c = l->c;
        const ms_series *s = l->s;

        c->n = s->n;
        c->x_dim = strdup(s->dim ? s->dim : "time");
        c->codes = calloc(s->n, sizeof(char *));
        c->labels = calloc(s->n, sizeof(char *));
        c->status = calloc(s->n, sizeof(char *));
        c->values = calloc(s->n, sizeof(double));
        if (!c->x_dim || !c->codes || !c->labels || !c->status || !c->values)
                return -ENOMEM;
        for (size_t i = 0; i < s->n; i++) {
                char buf[64];
                ms_period p;
                if (ms_period_parse(s->codes[i], &p) < 0 || ms_format_period(l->lang, &p, buf, sizeof(buf)) < 0)
                        snprintf(buf, sizeof(buf), "%s", s->labels && s->labels[i] ? s->labels[i] : s->codes[i]);
                c->codes[i] = strdup(s->codes[i]);
                c->labels[i] = strdup(buf);
                c->status[i] = strdup(s->status && s->status[i] ? s->status[i] : "");
                if (!c->codes[i] || !c->labels[i] || !c->status[i])
                        return -ENOMEM;
                c->values[i] = s->values[i];
        }
        return 0;
}

static int scan_values(layout_ctx *l, ms_error *err) {
        const ms_series *s = l->s;
        bool any = false;

        l->decimals = 0;
        for (size_t i = 0; i < s->n; i++) {
                double v = s->values[i];
                if (isnan(v))
                        continue;
                if (!isfinite(v))
                        return ms_error_set(err, -EDOM, s->codes[i], "expected a finite value");
                l->vmin = any ? fmin(l->vmin, v) : v;
                l->vmax = any ? fmax(l->vmax, v) : v;
                l->ref = i;
                any = true;
                if (v != floor(v))
                        l->decimals = 1;
        }
        if (!any)
                return ms_error_set(err, -ENODATA, "", "the series has no values to plot");
        period_text(l, 0, l->first, sizeof(l->first));
        period_text(l, l->ref, l->latest, sizeof(l->latest));
        return 0;
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

/* Header from the top, footer and note from the bottom; the plot gets the rest. */
int lo_frame(layout_ctx *l) {
        const ms_chart_spec *sp = l->spec;
        double W = l->c->width, H = l->c->height, inner = W - 2 * MARGIN_X, w, h, lw = 0, lh = 0;
        PangoLayout *pl;
        int r;

        pl = lo_text_new(l, l->c->title, FONT_TITLE, inner, 2);
        lo_text_size(pl, &w, &h);
        if ((r = lo_text_place(l, pl, "title", MARGIN_X, MARGIN_TOP, RGB_TEXT)) < 0)
                return r;
        l->top = MARGIN_TOP + h;
        if (sp->subtitle[l->lang]) {
                _cleanup_free_ char *t = lo_fill(l, sp->subtitle[l->lang]);
                if (!t)
                        return -ENOMEM;
                pl = lo_text_new(l, t, FONT_SUBTITLE, inner, 2);
                lo_text_size(pl, &w, &h);
                if ((r = lo_text_place(l, pl, "subtitle", MARGIN_X, l->top + 6, RGB_SUBTLE)) < 0)
                        return r;
                l->top += 6 + h;
        }

        l->bottom = H - MARGIN_BOTTOM;
        if (sp->licence[l->lang]) {
                pl = lo_text_new(l, sp->licence[l->lang], FONT_FOOTER, inner / 3, 1);
                lo_text_size(pl, &lw, &lh);
                if ((r = lo_text_place(l, pl, "licence", W - MARGIN_X - lw, l->bottom - lh, RGB_FOOTER)) < 0)
                        return r;
        }
        _cleanup_free_ char *foot = NULL;
        if (asprintf(&foot, "%s%s%s %s", sp->source_line[l->lang] ? sp->source_line[l->lang] : "",
                     sp->source_line[l->lang] ? "  ·  " : "", l->lang == MS_LANG_DE ? "Stand:" : "As of:",
                     l->latest) < 0)
                return -ENOMEM;
        pl = lo_text_new(l, foot, FONT_FOOTER, inner - (lw > 0 ? lw + 24 : 0), 2);
        lo_text_size(pl, &w, &h);
        if ((r = lo_text_place(l, pl, "footer", MARGIN_X, l->bottom - h, RGB_FOOTER)) < 0)
                return r;
        l->bottom -= fmax(h, lh) + 6;
        if (sp->note[l->lang]) {
                _cleanup_free_ char *t = lo_fill(l, sp->note[l->lang]);
                if (!t)
                        return -ENOMEM;
                pl = lo_text_new(l, t, FONT_FOOTER, inner, 3);
                lo_text_size(pl, &w, &h);
                if ((r = lo_text_place(l, pl, "note", MARGIN_X, l->bottom - h, RGB_FOOTER)) < 0)
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
                r = ms_format_number(l->lang, l->lo + (double) i * l->step, d, buf, sizeof(buf));
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
                        r = lo_add_line(l->c, l->left, y, l->right, y, RGB_GRID);
                if (r >= 0)
                        r = lo_text_place(l, TAKE_PTR(pls[i]), "y label", l->left - 12 - w, y - h / 2, RGB_SUBTLE);
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

static int problem(ms_chart *c, const chart_text *a, const char *what) {
        c->n_problems++;
        return ms_buf_printf(&c->problems, "%s \"%s\" %s\n", a->what, pango_layout_get_text(a->layout), what);
}

int lo_check(layout_ctx *l) {
        ms_chart *c = l->c;
        int r = 0;

        if (l->bottom - l->top < 60) {
                c->n_problems++;
                r = ms_buf_printf(&c->problems, "plot area is only %.0f px high\n", l->bottom - l->top);
        }
        for (size_t i = 0; i < c->n_texts && r >= 0; i++) {
                const chart_text *a = &c->texts[i];
                if (a->box.x < 0 || a->box.y < 0 || a->box.x + a->box.w > c->width ||
                    a->box.y + a->box.h > c->height)
                        r = problem(c, a, "leaves the canvas");
                for (size_t j = i + 1; j < c->n_texts && r >= 0; j++)
                        if (boxes_overlap(&a->box, &c->texts[j].box)) {
                                char what[160];
                                snprintf(what, sizeof(what), "overlaps %s \"%s\"", c->texts[j].what,
                                         pango_layout_get_text(c->texts[j].layout));
                                r = problem(c, a, what);
                        }
                for (size_t j = 0; j < c->n_rects && r >= 0; j++)
                        if (boxes_overlap(&a->box, &c->rects[j].box))
                                r = problem(c, a, "overlaps a column");
        }
        return r;
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
                        r = lo_text_place(l, pl, "legend", x + 22, y, RGB_SUBTLE);
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

/* The value of the same period a year earlier in s, NaN when it has none. */
static double year_before(const ms_series *s, const char *code) {
        ms_period p, q;
        if (ms_period_parse(code, &p) < 0)
                return NAN;
        p.year--;
        for (size_t i = 0; i < s->n; i++)
                if (ms_period_parse(s->codes[i], &q) >= 0 && ms_period_compare(&q, &p) == 0)
                        return s->values[i];
        return NAN;
}

/* Draw the last spec->window points; the ones before serve comparisons. */
static int setup_window(layout_ctx *l, ms_series *view) {
        const ms_series *d = l->full;
        size_t off = l->spec->window && d->n > l->spec->window ? d->n - l->spec->window : 0;
        *view = (ms_series){d->dim, d->n - off, d->codes + off, d->labels ? d->labels + off : NULL,
                            d->values + off, d->status ? d->status + off : NULL};
        l->s = view;
        if (!l->spec->compare_previous_year)
                return 0;
        l->c->previous = calloc(view->n, sizeof(double));
        if (!l->c->previous)
                return -ENOMEM;
        for (size_t i = 0; i < view->n; i++)
                l->c->previous[i] = year_before(d, view->codes[i]);
        l->previous = l->c->previous;
        return 0;
}

int ms_chart_layout(ms_renderer *rd, const ms_chart_spec *spec, const ms_series *data, ms_lang lang,
                    ms_chart **ret, ms_error *err) {
        _cleanup_(ms_chart_freep) ms_chart *c = NULL;
        int r;

        ms_error_clear(err);
        if ((unsigned) lang >= MS_LANG_COUNT || spec->kind != MS_CHART_COLUMN || !spec->title[lang])
                return ms_error_set(err, -EINVAL, "", "expected a column chart spec with a title");
        if (data->n == 0 || data->n > 1000)
                return ms_error_set(err, -ERANGE, "", "expected 1 to 1000 points, got %zu", data->n);
        c = calloc(1, sizeof(*c));
        if (!c)
                return -ENOMEM;
        c->renderer = rd;
        c->width = spec->width;
        c->height = spec->height;
        c->lang = lang;
        layout_ctx l = {.c = c, .pc = chart_renderer_context(rd), .spec = spec, .full = data, .lang = lang};
        ms_series view;

        r = setup_window(&l, &view);
        if (r < 0)
                return r;
        r = scan_values(&l, err);
        if (r < 0)
                return r;
        r = copy_series(&l);
        if (r < 0)
                return r;
        c->reference = strdup(l.s->codes[l.ref]);
        c->title = lo_fill(&l, spec->title[lang]);
        c->source_line = spec->source_line[lang] ? strdup(spec->source_line[lang]) : strdup("");
        if (!c->reference || !c->title || !c->source_line)
                return -ENOMEM;
        r = chart_alt_text_new(spec, l.s, lang, c->title, &c->alt_text);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot write the alt text");
        r = lo_column_chart(&l);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot lay out the chart: %s", strerror(-r));
        *ret = TAKE_PTR(c);
        return 0;
}

ms_chart *ms_chart_free(ms_chart *c) {
        if (!c)
                return NULL;
        for (size_t i = 0; i < c->n_texts; i++)
                g_object_unref(c->texts[i].layout);
        free(c->texts);
        free(c->rects);
        free(c->lines);
        free(c->title);
        free(c->alt_text);
        free(c->reference);
        free(c->source_line);
        ms_buf_done(&c->problems);
        for (size_t i = 0; i < c->n; i++) { /* arrays may be half-built */
                free(c->codes ? c->codes[i] : NULL);
                free(c->labels ? c->labels[i] : NULL);
                free(c->status ? c->status[i] : NULL);
        }
        free(c->codes);
        free(c->labels);
        free(c->status);
        free(c->values);
        free(c->previous);
        free(c->x_dim);
        free(c);
        return NULL;
}
