/* SPDX-License-Identifier: MIT */
/* Label tables in DIR/labels/ and the chart references that need a loaded
 * configuration to check (tables, per-series and for_each sources). */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "migstat/labels.h"

int config_load_labels_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err) {
        char base[PATH_MAX];
        snprintf(base, sizeof(base), "%s", path);
        char *name = basename(base);
        name[strlen(name) - strlen(".json")] = '\0';
        if (!ms_id_is_valid(name))
                return ms_error_set(err, -EINVAL, "", "expected a file name of a-z, 0-9, - before .json");
        _cleanup_(ms_labels_freep) ms_labels *t = NULL;
        int r = ms_labels_parse(text->data, text->len, &t, err);
        if (r < 0)
                return r;
        if (MS_GROW(c->labels, c->labels_cap, c->n_labels + 1) < 0 ||
            MS_GROW(c->label_names, c->label_names_cap, c->n_labels + 1) < 0 ||
            !(c->label_names[c->n_labels] = strdup(name)))
                return -ENOMEM;
        c->labels[c->n_labels++] = TAKE_PTR(t);
        return 0;
}

static const ms_labels *find_labels(const ms_config *c, const char *name) {
        for (size_t i = 0; i < c->n_labels; i++)
                if (strcmp(c->label_names[i], name) == 0)
                        return c->labels[i];
        return NULL;
}

static int check_source(const ms_config *c, const char *id, const char *field, ms_error *err) {
        if (ms_config_find_source(c, id))
                return 0;
        return ms_error_set(err, -EINVAL, field, "expected the id of a source in sources.d/, got \"%s\"", id);
}

static int resolve_chart(const ms_config *c, ms_chart_spec *s, ms_error *err) {
        if (s->labels && !(s->label_table = find_labels(c, s->labels)))
                return ms_error_set(err, -EINVAL, "labels",
                                    "expected the name of a table in labels/, got \"%s\"", s->labels);
        for (size_t i = 0; i < s->n_series_labels; i++)
                if (s->series_labels[i].source) {
                        int r = check_source(c, s->series_labels[i].source, "select.series_labels", err);
                        if (r < 0)
                                return r;
                }
        if (s->for_each) {
                if (!s->label_table)
                        return ms_error_set(
                                err, -EINVAL, "for_each",
                                "expected \"labels\" too: for_each names each chart from a label table");
                return check_source(c, s->for_each->source, "for_each.source", err);
        }
        return 0;
}

int config_resolve_charts(ms_config *c, ms_error *err) {
        for (size_t i = 0; i < c->n_charts; i++) {
                int r = resolve_chart(c, c->charts[i], err);
                if (r < 0) {
                        ms_error_set_file(err, c->chart_files[i]);
                        return r;
                }
        }
        return 0;
}

void config_labels_done(ms_config *c) {
        for (size_t i = 0; i < c->n_labels; i++) {
                ms_labels_free(c->labels[i]);
                free(c->label_names[i]);
        }
        free(c->labels);
        free(c->label_names);
}
