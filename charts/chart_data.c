/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_data.h"
#include "migstat/labels.h"
#include "migstat/measure.h"
#include "migstat/period.h"

#define CHART_DATA_MAX_SERIES 12

struct ms_chart_data {
        ms_cube *derived; /* the measure's result, when there is one */
        ms_cube *own[CHART_DATA_MAX_SERIES]; /* per-series source/measure results */
        ms_series *series[CHART_DATA_MAX_SERIES];
        size_t n;
        bool is_set; /* select.series given: names per series */
        const char *names[MS_LANG_COUNT][CHART_DATA_MAX_SERIES];
        char *period; /* the code "latest" resolved to, or NULL */
        ms_series *previous; /* bars with compare: the categories a year before period */
        bool x_is_time; /* x runs along periods: no label table for x */
};

ms_chart_data *ms_chart_data_free(ms_chart_data *d) {
        if (!d)
                return NULL;
        for (size_t i = 0; i < d->n; i++)
                ms_series_free(d->series[i]);
        ms_series_free(d->previous);
        ms_cube_free(d->derived);
        for (size_t i = 0; i < CHART_DATA_MAX_SERIES; i++)
                ms_cube_free(d->own[i]);
        free(d->period);
        free(d);
        return NULL;
}

/* The last category of the time dimension with at least one value. */
static int latest_period(const ms_cube *c, const char **ret, ms_error *err) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0)
                return ms_error_set(err, -EINVAL, "select.filters",
                                    "\"latest\" needs a time dimension; the cube has none");
        size_t stride = 1;
        for (size_t i = (size_t) t + 1; i < c->n_dims; i++)
                stride *= c->dims[i].n_categories;
        size_t n_time = c->dims[t].n_categories, best = SIZE_MAX;
        for (size_t off = 0; off < c->n_cells; off++)
                if (!isnan(c->values[off])) {
                        size_t p = (off / stride) % n_time;
                        if (best == SIZE_MAX || p > best)
                                best = p;
                }
        if (best == SIZE_MAX)
                return ms_error_set(err, -ENODATA, "select.filters", "\"latest\": the cube holds no value");
        *ret = c->dims[t].categories[best].code;
        return 0;
}

/* The spec's filters with "latest" resolved against c, plus room for the series filter. */
static int build_filters(const ms_chart_spec *spec, const ms_cube *c, ms_chart_data *d, ms_filter *out,
                         ms_error *err) {
        for (size_t i = 0; i < spec->n_filters; i++) {
                out[i] = spec->filters[i];
                if (strcmp(out[i].code, "latest") != 0)
                        continue;
                const char *code = NULL;
                int r = latest_period(c, &code, err);
                if (r < 0)
                        return r;
                free(d->period);
                if (!(d->period = strdup(code)))
                        return -ENOMEM;
                out[i].code = d->period;
        }
        return 0;
}

/* Apply a measure pipeline; an error says which spec field it came from. */
static int apply_measure(const ms_cube *c, const char *pipeline, const char *field, const ms_cube *population,
                         ms_cube **ret, ms_error *err) {
        int r = ms_measure_apply(c, pipeline, population, ret, err);
        if (r < 0 && err) {
                char where[sizeof(err->where)];
                memcpy(where, err->where, sizeof(where));
                size_t n = strlen(field);
                /* "select.measure, measure step 2 (...)"; cut at the buffer's end. */
                if (n + 3 < sizeof(err->where)) {
                        memcpy(err->where, field, n);
                        memcpy(err->where + n, ", ", 2);
                        size_t rest = sizeof(err->where) - n - 3;
                        size_t m = strnlen(where, rest);
                        memcpy(err->where + n + 2, where, m);
                        err->where[n + 2 + m] = '\0';
                }
        }
        return r;
}

typedef struct select_ctx {
        const ms_chart_spec *spec;
        const ms_cube *cube; /* the spec's source, before any measure */
        const ms_cube *derived; /* after select.measure (or cube) */
        const ms_cube *population;
        ms_cube_lookup_fn lookup;
        void *userdata;
} select_ctx;

/* The cube series i is sliced from: the spec's, or the entry's own source
 * and/or measure (kept in d->own[i]). */
static int series_cube(const select_ctx *x, ms_chart_data *d, size_t i, const ms_cube **ret, ms_error *err) {
        const ms_chart_series_label *l = x->spec->n_series_labels ? &x->spec->series_labels[i] : NULL;
        if (!l || (!l->source && !l->measure)) {
                *ret = x->derived;
                return 0;
        }
        const ms_cube *c = x->cube;
        if (l->source) {
                c = x->lookup ? x->lookup(l->source, x->userdata) : NULL;
                if (!c)
                        return ms_error_set(err, -EINVAL, "select.series_labels",
                                            "\"%s\": expected a loaded source, got \"%s\"", l->code,
                                            l->source);
        }
        const char *m = l->measure ? l->measure : x->spec->measure;
        if (!m) {
                *ret = c;
                return 0;
        }
        int r = apply_measure(c, m, "select.series_labels", x->population, &d->own[i], err);
        if (r < 0)
                return r;
        *ret = d->own[i];
        return 0;
}

/* A chart of several series: one slice per series into d->series, named in
 * both languages in d->names.  The series are either the categories of
 * select.series (in the derived cube's order) or the spec's series_labels,
 * each of which may bring its own source or measure (series_cube()).
 * Returns -EINVAL with err's where naming the spec field at fault (an unknown
 * dimension or category, a series without a name in the label table); d
 * keeps what was sliced so far, which the caller frees. */
static int select_series(const select_ctx *x, ms_chart_data *d, ms_filter *filters, ms_error *err) {
        const ms_chart_spec *spec = x->spec;
        const ms_dimension *sd = NULL;
        if (spec->series_dim) {
                int dim = ms_cube_dim_index(x->derived, spec->series_dim);
                if (dim < 0)
                        return ms_error_set(err, -EINVAL, "select.series",
                                            "expected a dimension of the cube, got \"%s\"", spec->series_dim);
                sd = &x->derived->dims[dim];
        }
        size_t n = spec->n_series_labels ? spec->n_series_labels : sd->n_categories;
        if (n == 0 || n > CHART_DATA_MAX_SERIES)
                return ms_error_set(err, -EINVAL, "select.series", "expected 1 to %d series, got %zu",
                                    CHART_DATA_MAX_SERIES, n);
        d->is_set = true;
        for (size_t i = 0; i < n; i++) {
                const ms_chart_series_label *l = spec->n_series_labels ? &spec->series_labels[i] : NULL;
                const ms_cube *c = NULL;
                int r = series_cube(x, d, i, &c, err);
                if (r < 0)
                        return r;
                r = build_filters(spec, c, d, filters, err);
                if (r < 0)
                        return r;
                size_t nf = spec->n_filters;
                const char *label = l ? NULL : sd->categories[i].label;
                if (sd) {
                        int dim = ms_cube_dim_index(c, spec->series_dim);
                        int p = dim < 0 ? -1
                                        : ms_dimension_find(&c->dims[dim],
                                                            l ? l->code : sd->categories[i].code);
                        if (p < 0)
                                return ms_error_set(err, -EINVAL, "select.series_labels",
                                                    "expected a category of \"%s\", got \"%s\"",
                                                    spec->series_dim, l ? l->code : sd->categories[i].code);
                        filters[nf++] =
                                (ms_filter){.dim = c->dims[dim].id, .code = c->dims[dim].categories[p].code};
                } else if (!l->source && !l->measure)
                        return ms_error_set(
                                err, -EINVAL, "select.series_labels",
                                "\"%s\": without select.series each series needs a source or a measure",
                                l->code);
                ms_slice_request req;
                ms_chart_spec_slice_request(spec, &req);
                req.filters = filters;
                req.n_filters = nf;
                r = ms_cube_slice(c, &req, &d->series[d->n], err);
                if (r < 0)
                        return r;
                d->n++;
                for (int lang = 0; lang < MS_LANG_COUNT; lang++) {
                        /* Series the data chooses (the largest citizenships) are
                         * named by the spec's label table, as categories are. */
                        d->names[lang][i] = l ? l->name[lang] : label;
                        if (!l && spec->label_table &&
                            !(d->names[lang][i] = ms_labels_name(spec->label_table, sd->categories[i].code,
                                                                 (ms_lang) lang)))
                                return ms_error_set(err, -EINVAL, "labels",
                                                    "table \"%s\" has no %s name for series \"%s\" (%s)",
                                                    spec->labels, ms_lang_code((ms_lang) lang),
                                                    sd->categories[i].code, label);
                }
        }
        return 0;
}

/* Bars with select.compare: slice the same categories a year before the
 * period "latest" resolved to.  A cube without that year has no markers. */
static int select_previous(const ms_chart_spec *spec, const ms_cube *c, ms_chart_data *d, ms_filter *filters,
                           ms_error *err) {
        ms_period p;
        char code[32];
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (!spec->compare_previous_year || d->x_is_time || !d->period || t < 0 ||
            ms_period_parse(d->period, &p) < 0)
                return 0;
        p = ms_period_prev_year(&p);
        ms_period_format(&p, code, sizeof(code));
        if (ms_dimension_find(&c->dims[t], code) < 0)
                return 0;
        for (size_t i = 0; i < spec->n_filters; i++)
                if (filters[i].code == d->period)
                        filters[i].code = code;
        ms_slice_request req;
        ms_chart_spec_slice_request(spec, &req);
        req.filters = filters;
        int r = ms_cube_slice(c, &req, &d->previous, err);
        for (size_t i = 0; i < spec->n_filters; i++)
                if (filters[i].code == code)
                        filters[i].code = d->period;
        return r;
}

static int data_select(const select_ctx *in, ms_chart_data **ret, ms_error *err) {
        const ms_chart_spec *spec = in->spec;
        select_ctx x = *in;
        _cleanup_(ms_chart_data_freep) ms_chart_data *d = calloc(1, sizeof(*d));
        _cleanup_free_ ms_filter *filters = calloc(spec->n_filters + 1, sizeof(ms_filter));
        if (!d || !filters)
                return -ENOMEM;
        int r = 0;
        if (spec->measure) {
                r = apply_measure(x.cube, spec->measure, "select.measure", x.population, &d->derived, err);
                if (r < 0)
                        return r;
                x.derived = d->derived;
        }
        int t = ms_cube_dim_by_role(x.derived, MS_ROLE_TIME);
        d->x_is_time = t >= 0 && (!spec->x_dim || strcmp(x.derived->dims[t].id, spec->x_dim) == 0);
        if (spec->series_dim || spec->n_series_labels)
                r = select_series(&x, d, filters, err);
        else {
                r = build_filters(spec, x.derived, d, filters, err);
                ms_slice_request req;
                ms_chart_spec_slice_request(spec, &req);
                req.filters = filters;
                if (r >= 0)
                        r = ms_cube_slice(x.derived, &req, &d->series[0], err);
                d->n = r >= 0;
                if (r >= 0)
                        r = select_previous(spec, x.derived, d, filters, err);
        }
        if (r < 0)
                return r;
        *ret = TAKE_PTR(d);
        return 0;
}

int ms_chart_data_select(const ms_chart_spec *spec, const ms_cube *cube, const ms_cube *population,
                         ms_chart_data **ret, ms_error *err) {
        select_ctx x = {.spec = spec, .cube = cube, .derived = cube, .population = population};
        return data_select(&x, ret, err);
}

int ms_chart_data_select_from(const ms_chart_spec *spec, ms_cube_lookup_fn lookup, void *userdata,
                              ms_chart_data **ret, ms_error *err) {
        const ms_cube *cube = lookup(spec->source, userdata);
        const ms_cube *pop = spec->population ? lookup(spec->population, userdata) : NULL;
        if (!cube)
                return ms_error_set(err, -EINVAL, "source", "expected a loaded source, got \"%s\"",
                                    spec->source);
        if (spec->population && !pop)
                return ms_error_set(err, -EINVAL, "select.population", "expected a loaded source, got \"%s\"",
                                    spec->population);
        select_ctx x = {.spec = spec,
                        .cube = cube,
                        .derived = cube,
                        .population = pop,
                        .lookup = lookup,
                        .userdata = userdata};
        return data_select(&x, ret, err);
}

/*
 * Names from the spec's label table for the categories along x, in lang:
 * views[i] is series i with its labels replaced (the pointers borrow from
 * the table).  A code the table lacks is an error rather than a name in the
 * wrong language.  Periods along x are named by the formatter, not by a table.
 */
static int relabel(const ms_chart_spec *spec, const ms_chart_data *d, ms_lang lang, ms_series *views,
                   char **names, size_t cap, ms_error *err) {
        size_t used = 0;
        for (size_t i = 0; i < d->n; i++) {
                const ms_series *s = d->series[i];
                views[i] = *s;
                if (!spec->label_table || d->x_is_time)
                        continue;
                if (used + s->n > cap)
                        return ms_error_set(err, -E2BIG, "labels", "expected at most %zu labelled categories",
                                            cap);
                for (size_t k = 0; k < s->n; k++) {
                        const char *name = ms_labels_name(spec->label_table, s->codes[k], lang);
                        if (!name)
                                return ms_error_set(
                                        err, -EINVAL, "labels", "table \"%s\" has no %s name for \"%s\" (%s)",
                                        spec->labels, ms_lang_code(lang), s->codes[k], s->labels[k]);
                        names[used + k] = (char *) name;
                }
                views[i].labels = &names[used];
                used += s->n;
        }
        return 0;
}

#define CHART_DATA_MAX_LABELS 4096

int ms_chart_data_layout(ms_renderer *r, const ms_chart_spec *spec, const ms_chart_data *d, ms_lang lang,
                         ms_chart **ret, ms_error *err) {
        ms_series views[CHART_DATA_MAX_SERIES];
        const ms_series *ptrs[CHART_DATA_MAX_SERIES];
        _cleanup_free_ char **names =
                spec->label_table ? calloc(CHART_DATA_MAX_LABELS, sizeof(char *)) : NULL;
        if (spec->label_table && !names)
                return -ENOMEM;
        int q = relabel(spec, d, lang, views, names, CHART_DATA_MAX_LABELS, err);
        if (q < 0)
                return q;
        for (size_t i = 0; i < d->n; i++)
                ptrs[i] = &views[i];
        ms_series_set set = {
                .n = d->n,
                .series = ptrs,
                .names = d->is_set ? d->names[lang] : NULL,
                .period = d->period,
                .previous = d->previous,
        };
        return ms_chart_layout_set(r, spec, &set, lang, ret, err);
}
