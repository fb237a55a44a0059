/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_data.h"
#include "migstat/measure.h"

#define CHART_DATA_MAX_SERIES 12

struct ms_chart_data {
        ms_cube *derived;        /* the measure's result, when there is one */
        ms_series *series[CHART_DATA_MAX_SERIES];
        size_t n;
        bool is_set;             /* select.series given: names per series */
        const char *names[MS_LANG_COUNT][CHART_DATA_MAX_SERIES];
        char *period;            /* the code "latest" resolved to, or NULL */
};

ms_chart_data *ms_chart_data_free(ms_chart_data *d) {
        if (!d)
                return NULL;
        for (size_t i = 0; i < d->n; i++)
                ms_series_free(d->series[i]);
        ms_cube_free(d->derived);
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

/* The spec's filters with "latest" resolved, plus room for the series filter. */
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

static int select_series(const ms_chart_spec *spec, const ms_cube *c, ms_chart_data *d, ms_filter *filters,
                         ms_error *err) {
        int dim = ms_cube_dim_index(c, spec->series_dim);
        if (dim < 0)
                return ms_error_set(err, -EINVAL, "select.series", "expected a dimension of the cube, got \"%s\"",
                                    spec->series_dim);
        const ms_dimension *sd = &c->dims[dim];
        size_t n = spec->n_series_labels ? spec->n_series_labels : sd->n_categories;
        if (n == 0 || n > CHART_DATA_MAX_SERIES)
                return ms_error_set(err, -EINVAL, "select.series", "expected 1 to %d series, \"%s\" has %zu",
                                    CHART_DATA_MAX_SERIES, spec->series_dim, n);
        d->is_set = true;
        for (size_t i = 0; i < n; i++) {
                const ms_chart_series_label *l = spec->n_series_labels ? &spec->series_labels[i] : NULL;
                int p = ms_dimension_find(sd, l ? l->code : sd->categories[i].code);
                if (p < 0)
                        return ms_error_set(err, -EINVAL, "select.series_labels",
                                            "expected a category of \"%s\", got \"%s\"", spec->series_dim, l->code);
                filters[spec->n_filters] = (ms_filter){.dim = sd->id, .code = sd->categories[p].code};
                ms_slice_request req;
                ms_chart_spec_slice_request(spec, &req);
                req.filters = filters;
                req.n_filters = spec->n_filters + 1;
                int r = ms_cube_slice(c, &req, &d->series[d->n], err);
                if (r < 0)
                        return r;
                d->n++;
                for (int lang = 0; lang < MS_LANG_COUNT; lang++)
                        d->names[lang][i] = l ? l->name[lang] : sd->categories[p].label;
        }
        return 0;
}

int ms_chart_data_select(const ms_chart_spec *spec, const ms_cube *cube, const ms_cube *population,
                         ms_chart_data **ret, ms_error *err) {
        _cleanup_(ms_chart_data_freep) ms_chart_data *d = calloc(1, sizeof(*d));
        _cleanup_free_ ms_filter *filters = calloc(spec->n_filters + 1, sizeof(ms_filter));
        if (!d || !filters)
                return -ENOMEM;
        int r = 0;
        if (spec->measure) {
                r = ms_measure_apply(cube, spec->measure, population, &d->derived, err);
                if (r < 0) {
                        /* Say which spec field the failing step came from. */
                        if (err) {
                                static const char prefix[] = "select.measure, ";
                                size_t n = strnlen(err->where, sizeof(err->where) - sizeof(prefix));
                                memmove(err->where + sizeof(prefix) - 1, err->where, n);
                                memcpy(err->where, prefix, sizeof(prefix) - 1);
                                err->where[sizeof(prefix) - 1 + n] = '\0';
                        }
                        return r;
                }
                cube = d->derived;
        }
        r = build_filters(spec, cube, d, filters, err);
        if (r < 0)
                return r;
        if (spec->series_dim)
                r = select_series(spec, cube, d, filters, err);
        else {
                ms_slice_request req;
                ms_chart_spec_slice_request(spec, &req);
                req.filters = filters;
                r = ms_cube_slice(cube, &req, &d->series[0], err);
                d->n = r >= 0;
        }
        if (r < 0)
                return r;
        *ret = TAKE_PTR(d);
        return 0;
}

int ms_chart_data_layout(ms_renderer *r, const ms_chart_spec *spec, const ms_chart_data *d, ms_lang lang,
                         ms_chart **ret, ms_error *err) {
        ms_series_set set = {
                .n = d->n,
                .series = (const ms_series *const *) d->series,
                .names = d->is_set ? d->names[lang] : NULL,
                .period = d->period,
        };
        return ms_chart_layout_set(r, spec, &set, lang, ret, err);
}
