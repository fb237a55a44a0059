/* SPDX-License-Identifier: MIT */
/* The validation gate: findings per check, warnings and errors. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/validate.h"

static int check_dims(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v) {
        int r = 0;
        for (size_t i = 0; r >= 0 && rules->dims && i < rules->n_dims; i++)
                if (ms_cube_dim_index(c, rules->dims[i]) < 0)
                        r = ms_validation_add(v, MS_VALIDATE_ERROR, "dims",
                                              "expected a dimension \"%s\", the cube has none",
                                              rules->dims[i]);
        for (size_t d = 0; r >= 0 && rules->dims && d < c->n_dims; d++) {
                size_t i = 0;
                while (i < rules->n_dims && strcmp(rules->dims[i], c->dims[d].id) != 0)
                        i++;
                if (i == rules->n_dims)
                        r = ms_validation_add(v, MS_VALIDATE_ERROR, "dims", "unexpected dimension \"%s\"",
                                              c->dims[d].id);
        }
        for (size_t i = 0; r >= 0 && i < rules->n_required; i++) {
                const char *eq = strchr(rules->required[i], '=');
                char dim[128];
                snprintf(dim, sizeof(dim), "%.*s", eq ? (int) (eq - rules->required[i]) : 0,
                         rules->required[i]);
                int d = eq ? ms_cube_dim_index(c, dim) : -1;
                if (d < 0 || ms_dimension_find(&c->dims[d], eq + 1) < 0)
                        r = ms_validation_add(v, MS_VALIDATE_ERROR, "required", "expected the category %s",
                                              rules->required[i]);
        }
        return r;
}

static int check_negative(const ms_cube *c, ms_validation *v) {
        size_t pos[MS_CUBE_MAX_DIMS];
        char name[200];
        for (size_t off = 0; off < c->n_cells; off++)
                if (c->values[off] < 0) {
                        ms_cube_positions(c, off, pos);
                        int r = ms_validation_add(
                                v, MS_VALIDATE_ERROR, "negative", "%s: expected a count >= 0, got %g",
                                ms_validate_cell_name(c, pos, SIZE_MAX, name, sizeof(name)), c->values[off]);
                        if (r < 0)
                                return r;
                }
        return 0;
}

static int check_total(const ms_cube *c, const ms_total_rule *t, ms_validation *v) {
        int d = ms_cube_dim_index(c, t->dim), tk = d >= 0 ? ms_dimension_find(&c->dims[d], t->total) : -1;
        if (tk < 0)
                return ms_validation_add(v, MS_VALIDATE_ERROR, "totals", "expected %s=%s to check the total",
                                         t->dim, t->total);
        _cleanup_free_ int *pk = calloc(t->n_parts + 1, sizeof(int));
        if (!pk)
                return -ENOMEM;
        for (size_t i = 0; i < t->n_parts; i++)
                if ((pk[i] = ms_dimension_find(&c->dims[d], t->parts[i])) < 0)
                        return ms_validation_add(v, MS_VALIDATE_ERROR, "totals",
                                                 "expected %s=%s, a part of the total", t->dim, t->parts[i]);
        double tol = t->rounding / 2 * (double) (t->n_parts + 1);
        size_t pos[MS_CUBE_MAX_DIMS];
        char name[200];
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                if (pos[d] != (size_t) tk || isnan(c->values[off]))
                        continue;
                double sum = 0;
                for (size_t i = 0; i < t->n_parts; i++)
                        sum += ms_cube_value_along(c, pos, (size_t) d, (size_t) pk[i]);
                if (isnan(sum) || fabs(sum - c->values[off]) <= tol || (t->at_most && sum < c->values[off]))
                        continue;
                int r = ms_validation_add(
                        v, MS_VALIDATE_ERROR, "totals",
                        "%s: the parts sum to %g, the total is %g (off by %g, allowed %g%s)",
                        ms_validate_cell_name(c, pos, SIZE_MAX, name, sizeof(name)), sum, c->values[off],
                        sum - c->values[off], tol, t->at_most ? ", the parts at most the total" : "");
                if (r < 0)
                        return r;
        }
        return 0;
}

static int check_jumps(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0 || !c->dims[t].periods)
                return ms_validation_add(v, MS_VALIDATE_ERROR, "jump",
                                         "expected a time dimension of periods to check jumps");
        const ms_period *ps = c->dims[t].periods;
        size_t pos[MS_CUBE_MAX_DIMS];
        char name[200];
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                size_t k = pos[t];
                if (k == 0 || ps[k].kind != MS_PERIOD_MONTH)
                        continue;
                if (ps[k - 1].kind != MS_PERIOD_MONTH ||
                    ms_period_first_month(&ps[k]) - ms_period_first_month(&ps[k - 1]) != 1)
                        continue; /* not adjacent months */
                double now = c->values[off], prev = ms_cube_value_along(c, pos, (size_t) t, k - 1);
                if (isnan(now) || isnan(prev) || now < rules->jump_min || prev < rules->jump_min ||
                    prev <= 0 || now <= 0)
                        continue;
                double ratio = now / prev;
                if (ratio <= rules->jump_factor && ratio >= 1 / rules->jump_factor)
                        continue;
                int r = ms_validation_add(v, MS_VALIDATE_WARNING, "jump",
                                          "%s: %g after %g in the month before (factor %.2f, limit %g)",
                                          ms_validate_cell_name(c, pos, SIZE_MAX, name, sizeof(name)), now,
                                          prev, ratio, rules->jump_factor);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int check_stale(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0 || !c->dims[t].periods)
                return ms_validation_add(v, MS_VALIDATE_ERROR, "stale",
                                         "expected a time dimension of periods to check staleness");
        const ms_dimension *td = &c->dims[t];
        size_t pos[MS_CUBE_MAX_DIMS];
        ssize_t latest = -1;
        for (size_t off = 0; off < c->n_cells; off++) {
                if (isnan(c->values[off]))
                        continue;
                ms_cube_positions(c, off, pos);
                if (latest < 0 || ms_period_compare(&td->periods[pos[t]], &td->periods[latest]) > 0)
                        latest = (ssize_t) pos[t];
        }
        if (latest < 0)
                return ms_validation_add(v, MS_VALIDATE_ERROR, "stale",
                                         "expected at least one value, the cube has none");
        int age = ms_period_last_month(rules->now) - ms_period_last_month(&td->periods[latest]);
        if (age <= (int) rules->max_age_months)
                return 0;
        char now[32];
        ms_period_format(rules->now, now, sizeof(now));
        return ms_validation_add(
                v, MS_VALIDATE_WARNING, "stale",
                "the latest period with a value is %s, %d months before %s (expected at most %u)",
                td->categories[latest].code, age, now, rules->max_age_months);
}

/* A period that starts after the current month (+ slack) is no figure
 * anyone has counted yet: a typo (2099), or a source's clock gone wrong. */
static int check_future(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0 || !c->dims[t].periods)
                return 0;
        const ms_dimension *td = &c->dims[t];
        int limit = ms_period_last_month(rules->now) + (int) rules->future_months;
        char now[32];
        ms_period_format(rules->now, now, sizeof(now));
        for (size_t k = 0; k < td->n_categories; k++) {
                if (ms_period_first_month(&td->periods[k]) <= limit)
                        continue;
                int r = ms_validation_add(
                        v, MS_VALIDATE_ERROR, "period",
                        "%s=%s: a period after the current month %s (allowed: %u month(s) later)", td->id,
                        td->categories[k].code, now, rules->future_months);
                if (r < 0)
                        return r;
        }
        return 0;
}

int ms_validate(const ms_cube *c, const ms_validate_rules *rules, ms_validation *ret) {
        ms_validation v = {0};
        int r = check_dims(c, rules, &v);
        if (r >= 0 && !rules->allow_negative)
                r = check_negative(c, &v);
        for (size_t i = 0; r >= 0 && i < rules->n_totals; i++)
                r = check_total(c, &rules->totals[i], &v);
        if (r >= 0 && rules->jump_factor > 0)
                r = check_jumps(c, rules, &v);
        if (r >= 0 && rules->now && rules->check_future)
                r = check_future(c, rules, &v);
        /* Before the revisions: their list must not crowd out the errors. */
        if (r >= 0 && !rules->accepted)
                r = ms_validate_plausibility(c, rules, &v);
        if (r >= 0 && rules->previous)
                r = ms_validate_revisions(c, rules->previous, rules->accepted, &v);
        if (r >= 0 && rules->now && rules->max_age_months)
                r = check_stale(c, rules, &v);
        if (r < 0) {
                ms_validation_done(&v);
                return r;
        }
        *ret = v;
        return v.n_errors ? MS_VALIDATE_ERROR : v.n_warnings ? MS_VALIDATE_WARNING : MS_VALIDATE_OK;
}
