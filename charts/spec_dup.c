/* SPDX-License-Identifier: MIT */
/* A deep copy of a chart spec, for the charts that for_each makes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_spec.h"

/* Copy *p in place (NULL stays NULL); false when out of memory. */
static bool dup_str(char **p) {
        return !*p || (*p = strdup(*p));
}

static bool dup_texts(char **t) {
        bool ok = true;
        for (int l = 0; l < MS_LANG_COUNT; l++)
                if (!dup_str(&t[l])) {
                        ok = false;
                        t[l] = NULL;
                }
        return ok;
}

/* After a shallow copy, give d its own copies of every owned pointer.  On
 * failure the pointers not yet copied are cleared, so ms_chart_spec_free()
 * frees exactly what d owns. */
static bool dup_owned(ms_chart_spec *d) {
        bool ok = true;
        char **strs[] = {&d->id,         &d->source,    &d->x_dim,  &d->measure,      &d->population,
                         &d->series_dim, &d->highlight, &d->labels, &d->instance_code};
        for (size_t i = 0; i < ELEMENTSOF(strs); i++)
                if (!dup_str(strs[i])) {
                        *strs[i] = NULL;
                        ok = false;
                }
        char **(texts[]) = {d->title, d->subtitle, d->note, d->source_line, d->licence, d->unit, d->verb};
        for (size_t i = 0; i < ELEMENTSOF(texts); i++)
                ok = dup_texts(texts[i]) && ok;
        return ok;
}

static int dup_filters(const ms_chart_spec *s, ms_chart_spec *d) {
        d->filters = calloc(s->n_filters + 1, sizeof(ms_filter));
        if (!d->filters)
                return -ENOMEM;
        for (size_t i = 0; i < s->n_filters; i++) {
                d->filters[i] = s->filters[i];
                if (!dup_str(&d->filters[i].dim) || !dup_str(&d->filters[i].code))
                        return -ENOMEM;
                d->n_filters++;
        }
        return 0;
}

static int dup_series(const ms_chart_spec *s, ms_chart_spec *d) {
        if (!s->n_series_labels)
                return 0;
        d->series_labels = calloc(s->n_series_labels, sizeof(ms_chart_series_label));
        if (!d->series_labels)
                return -ENOMEM;
        for (size_t i = 0; i < s->n_series_labels; i++) {
                ms_chart_series_label *l = &d->series_labels[i];
                *l = s->series_labels[i];
                d->n_series_labels++;
                bool ok = dup_texts(l->name);
                ok = dup_str(&l->code) && ok;
                ok = dup_str(&l->source) && ok;
                ok = dup_str(&l->measure) && ok;
                if (!ok)
                        return -ENOMEM;
        }
        return 0;
}

int ms_chart_spec_dup(const ms_chart_spec *s, ms_chart_spec **ret) {
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *d = malloc(sizeof(*d));
        if (!d)
                return -ENOMEM;
        *d = *s;
        /* Cleared first so a failure part-way frees only what was copied. */
        d->filters = NULL;
        d->n_filters = 0;
        d->series_labels = NULL;
        d->n_series_labels = 0;
        d->for_each = NULL;
        bool ok = dup_owned(d);
        if (!ok || dup_filters(s, d) < 0 || dup_series(s, d) < 0)
                return -ENOMEM;
        *ret = TAKE_PTR(d);
        return 0;
}
