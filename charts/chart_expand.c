/* SPDX-License-Identifier: MIT */
/* for_each: one chart spec per category (include/charts/migstat/chart_expand.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_expand.h"
#include "migstat/labels.h"
#include "migstat/measure.h"

/* A country profile set is ten charts; a bound keeps a wrong pipeline cheap. */
#define EXPAND_MAX 50u

/* *measure = "filter:DIM=CODE|" *measure: a copy's measures see only its
 * category, so a ranking inside them (the largest citizenships of one
 * reporting country) ranks that category's cells, not all of them. */
static int prefix_filter(char **measure, const char *dim, const char *code) {
        char *m = NULL;
        int n = *measure ? asprintf(&m, "filter:%s=%s|%s", dim, code, *measure)
                         : asprintf(&m, "filter:%s=%s", dim, code);
        if (n < 0)
                return -ENOMEM;
        free(*measure);
        *measure = m;
        return 0;
}

/* The copy of s for category code: its id, filter, measures and {name}. */
static int expand_one(const ms_chart_spec *s, const char *dim, const char *code, ms_chart_spec **ret,
                      ms_error *err) {
        const char *slug = ms_labels_id(s->label_table, code);
        const char *de = ms_labels_name(s->label_table, code, MS_LANG_DE);
        if (!de)
                return ms_error_set(err, -EINVAL, "for_each", "label table \"%s\" has no entry for \"%s\"",
                                    s->labels, code);
        char id[96], lower[65];
        if (!slug) {
                size_t i = 0;
                for (; code[i] && i < sizeof(lower) - 1; i++)
                        lower[i] = (char) tolower((unsigned char) code[i]);
                lower[i] = '\0';
                slug = lower;
        }
        snprintf(id, sizeof(id), "%s-%s", s->id, slug);
        if (!ms_id_is_valid(id))
                return ms_error_set(err, -EINVAL, "for_each",
                                    "\"%s\" makes the chart id \"%s\": expected 1-64 a-z, 0-9, -", code, id);
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *d = NULL;
        int r = ms_chart_spec_dup(s, &d);
        if (r < 0)
                return r;
        free(d->id);
        /* ms_chart_spec_dup() left room for one more filter. */
        ms_filter *f = &d->filters[d->n_filters];
        if (!(d->id = strdup(id)) || !(d->instance_code = strdup(code)) || !(f->dim = strdup(dim)) ||
            !(f->code = strdup(code))) {
                free(f->dim);
                f->dim = NULL;
                return -ENOMEM;
        }
        d->n_filters++;
        r = prefix_filter(&d->measure, dim, code);
        for (size_t i = 0; r >= 0 && i < d->n_series_labels; i++)
                if (d->series_labels[i].measure)
                        r = prefix_filter(&d->series_labels[i].measure, dim, code);
        if (r < 0)
                return r;
        for (int l = 0; l < MS_LANG_COUNT; l++)
                d->instance_name[l] = ms_labels_name(s->label_table, code, (ms_lang) l);
        *ret = TAKE_PTR(d);
        return 0;
}

static void free_specs(ms_chart_spec **v, size_t n) {
        for (size_t i = 0; v && i < n; i++)
                ms_chart_spec_free(v[i]);
        free(v);
}

int ms_chart_spec_expand(const ms_chart_spec *s, const ms_cube *c, ms_chart_spec ***ret, size_t *ret_n,
                         ms_error *err) {
        const ms_chart_for_each *fe = s->for_each;
        _cleanup_(ms_cube_freep) ms_cube *picked = NULL;
        int r = ms_measure_apply(c, fe->measure, NULL, &picked, err);
        if (r < 0)
                return r;
        int d = ms_cube_dim_index(picked, fe->dim);
        if (d < 0)
                return ms_error_set(err, -EINVAL, "for_each.dim",
                                    "expected a dimension of \"%s\", got \"%s\"", fe->source, fe->dim);
        const ms_dimension *dim = &picked->dims[d];
        if (dim->n_categories == 0 || dim->n_categories > EXPAND_MAX)
                return ms_error_set(err, -EINVAL, "for_each.measure", "expected 1-%u categories, got %zu",
                                    EXPAND_MAX, dim->n_categories);
        ms_chart_spec **v = calloc(dim->n_categories, sizeof(*v));
        if (!v)
                return -ENOMEM;
        size_t n = 0;
        for (; n < dim->n_categories; n++) {
                r = expand_one(s, dim->id, dim->categories[n].code, &v[n], err);
                if (r < 0) {
                        free_specs(v, n);
                        return r;
                }
        }
        *ret = v;
        *ret_n = n;
        return 0;
}
