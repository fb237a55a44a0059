/* SPDX-License-Identifier: MIT */
/* for_each happens here, per cycle: which categories a spec fans out over
 * (the top 10 citizenships of the latest month) depends on the data. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cycle_carry.h"
#include "cycle_specs.h"
#include "migstat/chart_expand.h"
#include "base/log.h"

void cycle_specs_free(ms_chart_spec **v, size_t n) {
        for (size_t i = 0; v && i < n; i++)
                ms_chart_spec_free(v[i]);
        free(v);
}

static int log_expand_error(const ms_chart_spec *s, int r, const ms_error *err) {
        char buf[1024], field[128];
        snprintf(field, sizeof(field), "MIGSTAT_CHART=%s", s->id);
        const char *const fields[] = {field, NULL};
        return ms_log_full(LOG_ERR, r, fields, "chart %s (for_each over %s): %s", s->id, s->for_each->source,
                           ms_error_format(err, buf, sizeof(buf)));
}

/* Append s's charts to *v and their parent's id to *parents. */
static int expand_one(const ms_chart_spec *s, ms_cube_lookup_fn lookup, void *userdata,
                      const cycle_previous *prev, ms_chart_spec ***v, const char ***parents, size_t *n) {
        ms_chart_spec **add = NULL;
        size_t n_add = 1;
        ms_error err = {.offset = -1};
        int r = 0;
        const ms_cube *c = s->for_each ? lookup(s->for_each->source, userdata) : NULL;
        if (s->for_each && !c) {
                /* Its source failed: the charts it made last are carried over. */
                r = cycle_previous_instances(prev, s, &add, &n_add);
                if (r < 0)
                        return log_error_errno(r, "out of memory");
                log_warning(
                        "chart %s: for_each source %s failed; the %zu charts it made last stay as they are",
                        s->id, s->for_each->source, n_add);
        } else if (s->for_each) {
                r = ms_chart_spec_expand(s, c, &add, &n_add, &err);
                if (r < 0)
                        return log_expand_error(s, r, &err);
        } else {
                if (!(add = calloc(1, sizeof(*add))) || ms_chart_spec_dup(s, &add[0]) < 0) {
                        free(add);
                        return log_error_errno(-ENOMEM, "out of memory");
                }
        }
        ms_chart_spec **grown = reallocarray(*v, *n + n_add + 1, sizeof(**v));
        if (grown)
                *v = grown;
        const char **pgrown = grown ? reallocarray(*parents, *n + n_add + 1, sizeof(**parents)) : NULL;
        if (!pgrown) {
                cycle_specs_free(add, n_add);
                return log_error_errno(-ENOMEM, "out of memory");
        }
        *parents = pgrown;
        for (size_t i = 0; i < n_add; i++)
                (*parents)[*n + i] = s->id;
        if (n_add)
                memcpy(*v + *n, add, n_add * sizeof(*add));
        *n += n_add;
        free(add);
        return 0;
}

int cycle_specs_expand(const ms_config *c, ms_cube_lookup_fn lookup, void *userdata,
                       const cycle_previous *prev, ms_chart_spec ***ret, const char ***ret_parents,
                       size_t *ret_n) {
        ms_chart_spec **v = NULL;
        const char **parents = NULL;
        size_t n = 0;
        for (size_t i = 0; i < c->n_charts; i++) {
                int r = expand_one(c->charts[i], lookup, userdata, prev, &v, &parents, &n);
                if (r < 0) {
                        cycle_specs_free(v, n);
                        free(parents);
                        return r;
                }
        }
        /* Two charts may not write the same files. */
        for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++)
                        if (strcmp(v[i]->id, v[j]->id) == 0) {
                                int r = log_error_errno(-EINVAL, "chart %s: for_each made an id used twice",
                                                        v[i]->id);
                                cycle_specs_free(v, n);
                                free(parents);
                                return r;
                        }
        *ret = v;
        *ret_parents = parents;
        *ret_n = n;
        return 0;
}
