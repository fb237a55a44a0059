/* SPDX-License-Identifier: MIT */
/*
 * The entry point: check what a kind needs, take the drawn window of each
 * series, copy what is plotted (for the CSV), fill the title and alt text,
 * then hand over to the kind's layout (layout_<kind>.c).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_kinds.h"
#include "migstat/format.h"

#define MAX_SERIES 12

static void period_text(const layout_ctx *l, const char *code, const char *label, char *buf, size_t n) {
        ms_period p;
        if (ms_period_parse(code, &p) < 0 || chart_format_period_long(l->lang, &p, buf, n) < 0)
                snprintf(buf, n, "%s", label ? label : code);
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

/* The value of category code in s (a bar chart's previous period), NaN when it has none. */
static double value_of(const ms_series *s, const char *code) {
        for (size_t i = 0; i < s->n; i++)
                if (strcmp(s->codes[i], code) == 0)
                        return s->values[i];
        return NAN;
}

/* Draw the last spec->window points of each series; the ones before serve comparisons. */
static int setup_windows(layout_ctx *l) {
        const ms_series_set *set = l->set;
        l->views = calloc(set->n, sizeof(ms_series));
        if (!l->views)
                return -ENOMEM;
        for (size_t k = 0; k < set->n; k++) {
                const ms_series *d = set->series[k];
                size_t off = l->spec->window && d->n > l->spec->window ? d->n - l->spec->window : 0;
                l->views[k] = (ms_series){d->dim,          d->n - off,
                                          d->codes + off,  d->labels ? d->labels + off : NULL,
                                          d->values + off, d->status ? d->status + off : NULL};
        }
        l->s = &l->views[0];
        l->full = set->series[0];
        if (!l->spec->compare_previous_year)
                return 0;
        l->c->previous = calloc(l->s->n, sizeof(double));
        if (!l->c->previous)
                return -ENOMEM;
        for (size_t i = 0; i < l->s->n; i++)
                l->c->previous[i] = set->previous ? value_of(set->previous, l->s->codes[i])
                                                  : year_before(l->full, l->s->codes[i]);
        l->previous = l->c->previous;
        return 0;
}

/* Copy what is plotted, series after series, with x labels in the chart's language. */
static int copy_series(layout_ctx *l) {
        ms_chart *c = l->c;
        size_t n = 0, row = 0;
        for (size_t k = 0; k < l->set->n; k++)
                n += l->views[k].n;
        c->x_dim = strdup(l->s->dim ? l->s->dim : "time");
        c->codes = calloc(n, sizeof(char *));
        c->labels = calloc(n, sizeof(char *));
        c->status = calloc(n, sizeof(char *));
        c->series = l->set->n > 1 ? calloc(n, sizeof(char *)) : NULL;
        c->values = calloc(n, sizeof(double));
        if (!c->x_dim || !c->codes || !c->labels || !c->status || !c->values || (l->set->n > 1 && !c->series))
                return -ENOMEM;
        c->n = n;
        for (size_t k = 0; k < l->set->n; k++) {
                const ms_series *s = &l->views[k];
                for (size_t i = 0; i < s->n; i++, row++) {
                        char buf[128];
                        ms_period p;
                        if (ms_period_parse(s->codes[i], &p) < 0 ||
                            ms_format_period(l->lang, &p, buf, sizeof(buf)) < 0)
                                snprintf(buf, sizeof(buf), "%s",
                                         s->labels && s->labels[i] ? s->labels[i] : s->codes[i]);
                        c->codes[row] = strdup(s->codes[i]);
                        c->labels[row] = strdup(buf);
                        c->status[row] = strdup(s->status && s->status[i] ? s->status[i] : "");
                        if (c->series)
                                c->series[row] = strdup(l->set->names[k]);
                        if (!c->codes[row] || !c->labels[row] || !c->status[row] ||
                            (c->series && !c->series[row]))
                                return -ENOMEM;
                        c->values[row] = s->values[i];
                }
        }
        return 0;
}

static int scan_values(layout_ctx *l, ms_error *err) {
        bool any = false;

        l->decimals = 0;
        for (size_t k = 0; k < l->set->n; k++) {
                const ms_series *s = &l->views[k];
                for (size_t i = 0; i < s->n; i++) {
                        double v = s->values[i];
                        if (isnan(v))
                                continue;
                        if (!isfinite(v))
                                return ms_error_set(err, -EDOM, s->codes[i], "expected a finite value");
                        l->vmin = any ? fmin(l->vmin, v) : v;
                        l->vmax = any ? fmax(l->vmax, v) : v;
                        if (k == 0 || !any)
                                l->ref = i;
                        any = true;
                        if (v != floor(v))
                                l->decimals = 1;
                }
        }
        if (!any)
                return ms_error_set(err, -ENODATA, "", "the series has no values to plot");
        const ms_series *s = l->s;
        if (l->set->period) { /* categories of one period: first = latest = it */
                period_text(l, l->set->period, NULL, l->latest, sizeof(l->latest));
                snprintf(l->first, sizeof(l->first), "%s", l->latest);
        } else {
                period_text(l, s->codes[0], s->labels ? s->labels[0] : NULL, l->first, sizeof(l->first));
                period_text(l, s->codes[l->ref], s->labels ? s->labels[l->ref] : NULL, l->latest,
                            sizeof(l->latest));
        }
        return 0;
}

static int check_input(const ms_chart_spec *spec, const ms_series_set *set, ms_lang lang, ms_error *err) {
        if ((unsigned) lang >= MS_LANG_COUNT || (unsigned) spec->kind >= _MS_CHART_KIND_COUNT ||
            !spec->title[lang])
                return ms_error_set(err, -EINVAL, "", "expected a chart spec with a title");
        if (set->n == 0 || set->n > MAX_SERIES)
                return ms_error_set(err, -ERANGE, "", "expected 1 to %d series, got %zu", MAX_SERIES, set->n);
        if (set->n > 1 && !set->names)
                return ms_error_set(err, -EINVAL, "", "expected a name for each series");
        const chart_kind *kind = &chart_kinds[spec->kind];
        if (kind->series == SERIES_ONE && set->n != 1)
                return ms_error_set(err, -EINVAL, "", "expected one series for a %s chart, got %zu",
                                    kind->name, set->n);
        for (size_t k = 0; k < set->n; k++) {
                const ms_series *s = set->series[k];
                if (s->n == 0 || s->n > 1000)
                        return ms_error_set(err, -ERANGE, "",
                                            "series %zu: expected 1 to 1000 points, got %zu", k + 1, s->n);
                if (kind->series == SERIES_SAME_AXIS &&
                    (s->n != set->series[0]->n ||
                     (s->n > 0 && strcmp(s->codes[s->n - 1], set->series[0]->codes[s->n - 1]) != 0)))
                        return ms_error_set(err, -EINVAL, "",
                                            "series %zu: expected the same categories as series 1", k + 1);
        }
        return 0;
}

int ms_chart_layout_set(ms_renderer *rd, const ms_chart_spec *spec, const ms_series_set *set, ms_lang lang,
                        ms_chart **ret, ms_error *err) {
        _cleanup_(ms_chart_freep) ms_chart *c = NULL;
        int r;

        ms_error_clear(err);
        r = check_input(spec, set, lang, err);
        if (r < 0)
                return r;
        c = calloc(1, sizeof(*c));
        if (!c)
                return -ENOMEM;
        const lo_theme *th = spec->dark ? &lo_theme_dark : &lo_theme_light;
        *c = (ms_chart){
                .renderer = rd, .width = spec->width, .height = spec->height, .bg = th->bg, .lang = lang};
        layout_ctx l = {
                .c = c, .th = th, .pc = chart_renderer_context(rd), .spec = spec, .set = set, .lang = lang};

        r = setup_windows(&l);
        if (r >= 0)
                r = scan_values(&l, err);
        if (r >= 0)
                r = copy_series(&l);
        if (r < 0)
                goto out;
        c->reference = strdup(set->period ? set->period : l.s->codes[l.ref]);
        c->title = lo_fill(&l, spec->title[lang]);
        c->source_line = strdup(spec->source_line[lang] ? spec->source_line[lang] : "");
        c->note = spec->note[lang] ? lo_fill(&l, spec->note[lang]) : strdup("");
        if (!c->reference || !c->title || !c->source_line || !c->note) {
                r = -ENOMEM;
                goto out;
        }
        r = chart_kinds[spec->kind].alt_sentence
                    ? chart_alt_text_kind_new(&l, &c->alt_text)
                    : chart_alt_text_new(spec, l.s, lang, c->title, &c->alt_text);
        if (r < 0) {
                r = ms_error_set(err, r, "", "cannot write the alt text");
                goto out;
        }
        r = chart_kinds[spec->kind].layout(&l);
        if (r < 0)
                r = ms_error_set(err, r, "", "cannot lay out the chart: %s", strerror(-r));
out:
        free(l.views);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}

int ms_chart_layout(ms_renderer *rd, const ms_chart_spec *spec, const ms_series *data, ms_lang lang,
                    ms_chart **ret, ms_error *err) {
        const ms_series *one[] = {data};
        const ms_series_set set = {.n = 1, .series = one};
        return ms_chart_layout_set(rd, spec, &set, lang, ret, err);
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
        free(c->note);
        free(c->alt_text);
        free(c->reference);
        free(c->source_line);
        ms_buf_done(&c->problems);
        for (size_t i = 0; i < c->n; i++) { /* arrays may be half-built */
                free(c->codes ? c->codes[i] : NULL);
                free(c->labels ? c->labels[i] : NULL);
                free(c->status ? c->status[i] : NULL);
                free(c->series ? c->series[i] : NULL);
        }
        free(c->codes);
        free(c->labels);
        free(c->status);
        free(c->series);
        free(c->values);
        free(c->previous);
        free(c->x_dim);
        free(c);
        return NULL;
}
