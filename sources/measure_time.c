/* SPDX-License-Identifier: MIT */
/* Measures cell by cell: year to date, share, change, per 100,000, protection rates. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure_internal.h"

/* The position along dimension t of the period p, or -1. */
static ssize_t find_period(const ms_dimension *t, const ms_period *p) {
        for (size_t k = 0; k < t->n_categories; k++)
                if (ms_period_compare(&t->periods[k], p) == 0)
                        return (ssize_t) k;
        return -1;
}

static ms_period period_prev(const ms_period *p) {
        ms_period q = *p;
        if (q.kind == MS_PERIOD_YEAR || --q.sub < 1) {
                q.year--;
                q.sub = q.kind == MS_PERIOD_MONTH     ? 12
                        : q.kind == MS_PERIOD_QUARTER ? 4
                        : q.kind == MS_PERIOD_HALF    ? 2
                                                      : 0;
        }
        return q;
}

/* One measure's value for the cell at off (positions pos) of c; ctx is the
 * measure's own arguments. */
typedef double (*cell_value_fn)(const ms_cube *c, size_t *pos, size_t off, const void *ctx);

/* A cube of c's shape whose every cell is fn of c's cell: the walk that the
 * cell-by-cell measures share. */
static int map_cells(const ms_cube *c, cell_value_fn fn, const void *ctx, ms_cube **ret) {
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = measure_shape(c, SIZE_MAX, NULL, false, &out);
        if (r < 0)
                return r;
        size_t pos[MS_CUBE_MAX_DIMS];
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                out->values[off] = fn(c, pos, off, ctx);
        }
        *ret = TAKE_PTR(out);
        return 0;
}

struct time_args {
        size_t t;
        ms_change_kind kind;
        bool percent;
};

static double ytd_cell(const ms_cube *c, size_t *pos, size_t off, const void *ctx) {
        const struct time_args *a = ctx;
        const ms_dimension *td = &c->dims[a->t];
        ms_period p = td->periods[pos[a->t]];
        double sum = 0;
        for (; p.sub >= 1; p.sub--) { /* NaN spreads: a missing month leaves no total */
                ssize_t k = find_period(td, &p);
                sum += k < 0 ? NAN : ms_cube_value_along(c, pos, a->t, (size_t) k);
        }
        (void) off;
        return sum;
}

int ms_measure_ytd(const ms_cube *c, ms_cube **ret, ms_error *err) {
        int t = measure_time_dim(c, err);
        if (t < 0)
                return t;
        const ms_dimension *td = &c->dims[t];
        for (size_t k = 0; k < td->n_categories; k++)
                if (td->periods[k].kind == MS_PERIOD_YEAR)
                        return ms_error_set(err, -EINVAL, "",
                                            "year to date needs months or quarters, got the year %s",
                                            td->categories[k].code);
        return map_cells(c, ytd_cell, &(struct time_args){.t = (size_t) t}, ret);
}

struct share_args {
        size_t d;
        int total_k; /* the total's position, or -1 to sum the dimension */
};

static double share_cell(const ms_cube *c, size_t *pos, size_t off, const void *ctx) {
        const struct share_args *a = ctx;
        double total = 0;
        if (a->total_k >= 0)
                total = ms_cube_value_along(c, pos, a->d, (size_t) a->total_k);
        else
                for (size_t k = 0; k < c->dims[a->d].n_categories; k++) {
                        double v = ms_cube_value_along(c, pos, a->d, k);
                        total += isnan(v) ? 0 : v;
                }
        return total > 0 ? c->values[off] / total * 100 : NAN;
}

int ms_measure_share(const ms_cube *c, const char *dim, const char *total_code, ms_cube **ret,
                     ms_error *err) {
        int d = measure_dim(c, dim, err);
        if (d < 0)
                return d;
        int tk = total_code ? ms_dimension_find(&c->dims[d], total_code) : -1;
        if (total_code && tk < 0)
                return ms_error_set(err, -EINVAL, "", "no code \"%s\" in dimension \"%s\"", total_code, dim);
        return map_cells(c, share_cell, &(struct share_args){.d = (size_t) d, .total_k = tk}, ret);
}

static double change_cell(const ms_cube *c, size_t *pos, size_t off, const void *ctx) {
        const struct time_args *a = ctx;
        const ms_dimension *td = &c->dims[a->t];
        const ms_period *p = &td->periods[pos[a->t]];
        ms_period q = a->kind == MS_CHANGE_PREVIOUS ? period_prev(p) : ms_period_prev_year(p);
        ssize_t k = find_period(td, &q);
        double v = c->values[off], prev = k < 0 ? NAN : ms_cube_value_along(c, pos, a->t, (size_t) k);
        if (a->percent)
                return prev != 0 ? (v - prev) / prev * 100 : NAN;
        return v - prev;
}

int ms_measure_change(const ms_cube *c, ms_change_kind kind, bool percent, ms_cube **ret, ms_error *err) {
        int t = measure_time_dim(c, err);
        if (t < 0)
                return t;
        return map_cells(c, change_cell,
                         &(struct time_args){.t = (size_t) t, .kind = kind, .percent = percent}, ret);
}

/* Eurostat's two geo codes that are not ISO 3166 alpha-2 (Greece, the United
 * Kingdom), for a population keyed by ISO codes (the World Bank's). */
static const char *iso_alpha2_of_eurostat(const char *geo) {
        return strcmp(geo, "EL") == 0 ? "GR" : strcmp(geo, "UK") == 0 ? "GB" : NULL;
}

/* The population of geo code `geo` in `year` (the source's reference point:
 * Eurostat's 1 January, the World Bank's mid-year), NaN if unknown. */
static double population(const ms_cube *pop, int g, int t, const char *geo, int year) {
        size_t pos[MS_CUBE_MAX_DIMS] = {0};
        int gk = ms_dimension_find(&pop->dims[g], geo);
        if (gk < 0 && iso_alpha2_of_eurostat(geo))
                gk = ms_dimension_find(&pop->dims[g], iso_alpha2_of_eurostat(geo));
        if (gk < 0)
                return NAN;
        for (size_t k = 0; k < pop->dims[t].n_categories; k++)
                if (pop->dims[t].periods[k].kind == MS_PERIOD_YEAR && pop->dims[t].periods[k].year == year) {
                        pos[g] = (size_t) gk;
                        pos[t] = k;
                        return pop->values[ms_cube_offset(pop, pos)];
                }
        return NAN;
}

struct per_capita_args {
        const ms_cube *pop;
        int g, t, pg, pt;
        double per;
};

static double per_capita_cell(const ms_cube *c, size_t *pos, size_t off, const void *ctx) {
        const struct per_capita_args *a = ctx;
        double p = population(a->pop, a->pg, a->pt, c->dims[a->g].categories[pos[a->g]].code,
                              c->dims[a->t].periods[pos[a->t]].year);
        return p > 0 ? c->values[off] / p * a->per : NAN;
}

int ms_measure_per_capita(const ms_cube *c, const ms_cube *pop, double per, ms_cube **ret, ms_error *err) {
        int t = measure_time_dim(c, err), g = ms_cube_dim_by_role(c, MS_ROLE_GEO);
        if (t < 0)
                return t;
        int pt = measure_time_dim(pop, err), pg = ms_cube_dim_by_role(pop, MS_ROLE_GEO);
        if (pt < 0)
                return pt;
        if (g < 0 || pg < 0)
                return ms_error_set(err, -EINVAL, "",
                                    "per capita needs a geo dimension in the cube and the population");
        for (size_t i = 0; i < pop->n_dims; i++)
                if ((int) i != pt && (int) i != pg && pop->dims[i].n_categories != 1)
                        return ms_error_set(
                                err, -EINVAL, "",
                                "expected the population's dimension \"%s\" to have one category, it has %zu (filter it first)",
                                pop->dims[i].id, pop->dims[i].n_categories);
        struct per_capita_args a = {.pop = pop, .g = g, .t = t, .pg = pg, .pt = pt, .per = per};
        return map_cells(c, per_capita_cell, &a, ret);
}

const ms_protection_codes ms_protection_codes_bamf = {
        .dim = "measure",
        .total = "decisions_total",
        .art16a = "decisions_asylum_art16a",
        .par3 = "decisions_refugee_par3",
        .par4 = "decisions_subsidiary_par4",
        .par60 = "decisions_deportation_ban_par60",
        .formal = "decisions_formal",
};

/* UNHCR's glossary: dec_recognized = refugee status (BAMF: Art. 16a and
 * § 3), dec_other = complementary protection (§ 4 and § 60), dec_closed =
 * otherwise closed (formal decisions: Dublin, withdrawals). */
const ms_protection_codes ms_protection_codes_unhcr = {
        .dim = "measure",
        .total = "dec_total",
        .par3 = "dec_recognized",
        .par4 = "dec_other",
        .formal = "dec_closed",
};

int ms_measure_protection_rate(const ms_cube *c, const ms_protection_codes *codes, bool adjusted,
                               ms_cube **ret, ms_error *err) {
        const char *names[6] = {codes->total, codes->art16a, codes->par3,
                                codes->par4,  codes->par60,  codes->formal};
        int k[6], d = measure_dim(c, codes->dim, err);
        if (d < 0)
                return d;
        for (size_t i = 0; i < 6; i++)
                if (names[i] && (k[i] = ms_dimension_find(&c->dims[d], names[i])) < 0)
                        return ms_error_set(err, -EINVAL, "",
                                            "no code \"%s\" in dimension \"%s\" (a protection rate needs it)",
                                            names[i], codes->dim);
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        int r = measure_shape(c, (size_t) d, NULL, true, &out);
        if (r < 0)
                return r;
        size_t pos[MS_CUBE_MAX_DIMS], opos[MS_CUBE_MAX_DIMS];
        for (size_t o = 0; o < out->n_cells; o++) {
                ms_cube_positions(out, o, opos);
                for (size_t i = 0, j = 0; i < c->n_dims; i++)
                        pos[i] = (int) i == d ? 0 : opos[j++];
                double v[6];
                for (size_t i = 0; i < 6; i++) /* an outcome the source has no code for adds nothing */
                        v[i] = names[i] ? ms_cube_value_along(c, pos, (size_t) d, (size_t) k[i]) : 0;
                double granted = v[1] + v[2] + v[3] + v[4], denom = adjusted ? v[0] - v[5] : v[0];
                out->values[o] = denom > 0 ? granted / denom * 100 : NAN;
        }
        *ret = TAKE_PTR(out);
        return 0;
}
