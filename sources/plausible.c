/* SPDX-License-Identifier: MIT */
/*
 * Plausibility against the last good cube and each series' own history:
 * the changes that real revisions never make.  Every value divided by 1000,
 * the last months set to 0, another country's figures under DE, a history
 * rewritten: each is a finding at the error level, so the source is held
 * and its last good charts stay.  Small revisions pass (validate.c lists
 * them).  Pure: the thresholds come in ms_plausibility, 0 = off.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/validate.h"

#define MAX_DIMS MS_CUBE_MAX_DIMS
#define HISTORY 12 /* a series' level: its last 12 values */
#define SHOWN_PER_CHECK 5 /* findings per check; the rest are counted */
#define MEMBER_CANDIDATES 16

/* The cells of c mapped onto those of the previous cube p (same dimension
 * ids, categories matched by code). */
typedef struct cube_map {
        const ms_cube *c, *p;
        int *pcat[MAX_DIMS]; /* per dimension of c: position in p of each category, -1 = none */
        size_t pstride[MAX_DIMS]; /* stride in p of the dimension matched to c's d */
} cube_map;

static void cube_map_done(cube_map *m) {
        for (size_t d = 0; d < MAX_DIMS; d++)
                free(m->pcat[d]);
}

static int code_cmp(const void *a, const void *b, void *userdata) {
        const ms_dimension *d = userdata;
        return strcmp(d->categories[*(const size_t *) a].code, d->categories[*(const size_t *) b].code);
}

typedef struct code_key {
        const ms_dimension *d;
        const char *code;
} code_key;

static int code_find(const void *key, const void *elem) {
        const code_key *k = key;
        return strcmp(k->code, k->d->categories[*(const size_t *) elem].code);
}

/* pcat[k] = position in pd of cd's category k (by code), -1 when none:
 * one sort and a binary search each (30,000 geo codes are common). */
static int map_categories(const ms_dimension *cd, const ms_dimension *pd, int *pcat) {
        _cleanup_free_ size_t *order = calloc(pd->n_categories + 1, sizeof(*order));
        if (!order)
                return -ENOMEM;
        for (size_t j = 0; j < pd->n_categories; j++)
                order[j] = j;
        qsort_r(order, pd->n_categories, sizeof(*order), code_cmp, (void *) pd);
        for (size_t k = 0; k < cd->n_categories; k++) {
                code_key key = {.d = pd, .code = cd->categories[k].code};
                const size_t *hit = bsearch(&key, order, pd->n_categories, sizeof(*order), code_find);
                pcat[k] = hit ? (int) *hit : -1;
        }
        return 0;
}

/* 1 when mapped, 0 when the cubes' dimensions differ (validate.c reports
 * that), -ENOMEM. */
static int cube_map_build(const ms_cube *c, const ms_cube *p, cube_map *m) {
        *m = (cube_map){.c = c, .p = p};
        if (c->n_dims != p->n_dims || c->n_dims == 0)
                return 0;
        /* Every reader refuses a dimension id twice, so distinct dimensions
         * of c match distinct ones of p. */
        for (size_t d = 0; d < c->n_dims; d++) {
                int pd = ms_cube_dim_index(p, c->dims[d].id);
                if (pd < 0)
                        return 0;
                size_t stride = 1;
                for (size_t i = (size_t) pd + 1; i < p->n_dims; i++)
                        stride *= p->dims[i].n_categories;
                m->pstride[d] = stride;
                if (!(m->pcat[d] = calloc(c->dims[d].n_categories + 1, sizeof(int))) ||
                    map_categories(&c->dims[d], &p->dims[pd], m->pcat[d]) < 0)
                        return -ENOMEM;
        }
        return 1;
}

/* Offset in p of c's cell at pos, or SIZE_MAX when p has no such cell. */
static size_t cube_map_offset(const cube_map *m, const size_t *pos) {
        size_t off = 0;
        for (size_t d = 0; d < m->c->n_dims; d++) {
                int k = m->pcat[d][pos[d]];
                if (k < 0)
                        return SIZE_MAX;
                off += (size_t) k * m->pstride[d];
        }
        return off;
}

/* Counts of one check and the first few findings. */
static int finding(ms_validation *v, unsigned *shown, const char *check, const char *fmt, ...) _printf_(4, 5);
static int finding(ms_validation *v, unsigned *shown, const char *check, const char *fmt, ...) {
        char msg[300];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        if (++*shown > SHOWN_PER_CHECK) {
                v->n_errors++; /* counted, like findings past the cap */
                return 0;
        }
        return ms_validation_add(v, MS_VALIDATE_ERROR, check, "%s", msg);
}

typedef struct shown {
        unsigned size, zeros, level, member;
} shown;

/* Every value against the same cell of the last good cube: the share that
 * changed, single changes far beyond a revision, values turned to 0. */
static int check_cells(const cube_map *m, const ms_plausibility *pl, shown *sh, ms_validation *v) {
        const ms_cube *c = m->c, *p = m->p;
        size_t pos[MAX_DIMS], matched = 0, changed = 0, present = ms_cube_count_nonnull(p);
        char name[200];
        int r = 0;
        for (size_t off = 0; r >= 0 && off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                size_t po = cube_map_offset(m, pos);
                if (po == SIZE_MAX || isnan(p->values[po]))
                        continue;
                double was = p->values[po], now = c->values[off];
                matched++;
                if (now == was)
                        continue;
                changed++; /* a value now missing counts as changed */
                if (isnan(now))
                        continue;
                ms_validate_cell_name(c, pos, SIZE_MAX, name, sizeof(name));
                if (pl->zeros_min > 0 && now == 0 && was >= pl->zeros_min)
                        r = finding(v, &sh->zeros, "zeros", "%s: was %g in the last good data, now 0", name,
                                    was);
                else if (pl->max_revision_change > 0 && fabs(now - was) >= pl->revision_min &&
                         fabs(now - was) > pl->max_revision_change * fabs(was))
                        r = finding(
                                v, &sh->size, "revision-size",
                                "%s: was %g in the last good data, now %g (%+.0f%%, a revision changes at most %.0f%%)",
                                name, was, now, was != 0 ? (now - was) / was * 100 : INFINITY,
                                pl->max_revision_change * 100);
        }
        if (r < 0)
                return r;
        changed += present > matched ? present - matched : 0; /* cells gone with their category */
        if (pl->max_revised_share > 0 && present > 0 && changed > 2 &&
            (double) changed > pl->max_revised_share * (double) present)
                return ms_validation_add(v, MS_VALIDATE_ERROR, "revision-share",
                                         "%zu of the %zu values of the last good data changed or disappeared "
                                         "(%.1f%%, a revision changes at most %.1f%%)",
                                         changed, present, (double) changed / (double) present * 100,
                                         pl->max_revised_share * 100);
        return 0;
}

/* The series through the cell at pos (time dimension t): its last good
 * values before position k, at most HISTORY present ones.  Returns how
 * many; their min, max and sum. */
static size_t series_history(const cube_map *m, const size_t *pos, size_t t, size_t k, double *ret_min,
                             double *ret_max, double *ret_sum) {
        const ms_cube *c = m->c;
        size_t q[MAX_DIMS], n = 0;
        double lo = INFINITY, hi = -INFINITY, sum = 0;
        memcpy(q, pos, c->n_dims * sizeof(*q));
        for (size_t i = k; i-- > 0 && n < HISTORY;) {
                q[t] = i;
                size_t po = cube_map_offset(m, q);
                double x = po == SIZE_MAX ? NAN : m->p->values[po];
                if (isnan(x))
                        continue;
                n++;
                sum += x;
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
        }
        *ret_min = lo;
        *ret_max = hi;
        *ret_sum = sum;
        return n;
}

/* A value that the last good data did not have against its series' recent history: orders of magnitude
 * above its maximum or below its minimum is no new month but a unit error;
 * a 0 where the series counted hundreds is a gap filled with zeros. */
static int check_new_value(const cube_map *m, const ms_plausibility *pl, const size_t *pos, size_t t,
                           shown *sh, ms_validation *v) {
        const ms_cube *c = m->c;
        double now = c->values[ms_cube_offset(c, pos)], lo, hi, sum;
        size_t n = series_history(m, pos, t, pos[t], &lo, &hi, &sum);
        if (n < 3 || isnan(now))
                return 0;
        double mean = sum / (double) n;
        char name[200];
        ms_validate_cell_name(c, pos, SIZE_MAX, name, sizeof(name));
        if (pl->zeros_min > 0 && now == 0 && lo >= pl->zeros_min)
                return finding(v, &sh->zeros, "zeros", "%s: 0, where the %zu values before were %g to %g",
                               name, n, lo, hi);
        if (pl->level_factor <= 0 || mean < pl->level_min)
                return 0;
        if (now >= hi * pl->level_factor || (now > 0 && now * pl->level_factor <= lo))
                return finding(
                        v, &sh->level, "level",
                        "%s: %g, where the %zu values before were %g to %g (a jump beyond a factor of %g)",
                        name, now, n, lo, hi, pl->level_factor);
        return 0;
}

/* Each series (all cells that share every coordinate but time). */
static int check_series(const cube_map *m, const ms_plausibility *pl, shown *sh, ms_validation *v) {
        const ms_cube *c = m->c;
        int ti = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (ti < 0)
                return 0;
        size_t t = (size_t) ti, nt = c->dims[t].n_categories, pos[MAX_DIMS];
        int r = 0;
        for (size_t off = 0; r >= 0 && off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                if (pos[t] != 0)
                        continue;
                /* The common periods: the series' level against the last good one. */
                double sum_new = 0, sum_old = 0;
                size_t common = 0;
                for (size_t k = 0; k < nt; k++) {
                        pos[t] = k;
                        double now = c->values[ms_cube_offset(c, pos)];
                        size_t po = cube_map_offset(m, pos);
                        double was = po == SIZE_MAX ? NAN : m->p->values[po];
                        if (isnan(now) || isnan(was))
                                continue;
                        sum_new += now;
                        sum_old += was;
                        common++;
                }
                char name[200];
                /* All zeros: check_cells() names each (zeros). */
                if (pl->level_factor > 0 && common >= 3 && sum_old / (double) common >= pl->level_min &&
                    sum_new > 0 &&
                    (sum_new >= sum_old * pl->level_factor || sum_new * pl->level_factor <= sum_old)) {
                        ms_validate_cell_name(c, pos, t, name,
                                              sizeof(name)); /* the series: its time left out */
                        r = finding(
                                v, &sh->level, "level",
                                "the series %s: its %zu periods sum to %g, %g in the last good data (factor %.3g)",
                                name, common, sum_new, sum_old, sum_old > 0 ? sum_new / sum_old : INFINITY);
                }
                /* Periods the last good data did not have.  Without it there
                 * is no baseline: real series do break (Hungary's 2016 after
                 * the border closed), and only an operator can tell. */
                for (size_t k = 0; r >= 0 && k < nt; k++) {
                        pos[t] = k;
                        size_t po = cube_map_offset(m, pos);
                        if (po == SIZE_MAX || isnan(m->p->values[po]))
                                r = check_new_value(m, pl, pos, t, sh, v);
                }
        }
        return r;
}

/* Relative distance of member k's values in c from member j's in p, over
 * the cells both have: sum |c - p| / sum |p|; INFINITY without 3 cells. */
typedef struct member_acc {
        double diff, base;
        size_t n;
} member_acc;

static double member_distance(const member_acc *a) {
        return a->n >= 3 && a->base > 0 ? a->diff / a->base : INFINITY;
}

/* Accumulate, for the cells of c whose dimension d is at k, their distance
 * to p's cells with d at each of p's categories j (acc[j]). */
static void member_scan(const cube_map *m, size_t d, size_t k, member_acc *acc) {
        const ms_cube *c = m->c, *p = m->p;
        int pd = ms_cube_dim_index(p, c->dims[d].id);
        size_t pos[MAX_DIMS], np = p->dims[pd].n_categories;
        for (size_t off = 0; off < c->n_cells; off++) {
                ms_cube_positions(c, off, pos);
                if (pos[d] != k || isnan(c->values[off]))
                        continue;
                size_t po = cube_map_offset(m, pos);
                if (po == SIZE_MAX)
                        continue;
                size_t base = po - (size_t) m->pcat[d][k] * m->pstride[d];
                for (size_t j = 0; j < np; j++) {
                        double was = p->values[base + j * m->pstride[d]];
                        if (isnan(was))
                                continue;
                        acc[j].diff += fabs(c->values[off] - was);
                        acc[j].base += fabs(was);
                        acc[j].n++;
                }
        }
}

/* Each member's distance from its own last good values, all members of
 * dimension d in one pass (own[k] for c's category k). */
static void member_own(const cube_map *m, size_t d, member_acc *own) {
        const ms_cube *c = m->c, *p = m->p;
        size_t pos[MAX_DIMS];
        for (size_t off = 0; off < c->n_cells; off++) {
                if (isnan(c->values[off]))
                        continue;
                ms_cube_positions(c, off, pos);
                size_t po = cube_map_offset(m, pos);
                if (po == SIZE_MAX || isnan(p->values[po]))
                        continue;
                member_acc *a = &own[pos[d]];
                a->diff += fabs(c->values[off] - p->values[po]);
                a->base += fabs(p->values[po]);
                a->n++;
        }
}

/* Values under one member (geo=DE) that are another's (geo=FR) of the last
 * good data: a mix-up of codes, not a revision.  Only members whose values
 * moved far from their own are compared with the others (at most
 * MEMBER_CANDIDATES a dimension: each costs a pass over the cube). */
static int check_members(const cube_map *m, const ms_plausibility *pl, shown *sh, ms_validation *v) {
        const ms_cube *c = m->c, *p = m->p;
        int r = 0;
        for (size_t d = 0; r >= 0 && d < c->n_dims; d++) {
                if (c->dims[d].role == MS_ROLE_TIME || c->dims[d].n_categories < 2)
                        continue;
                int pd = ms_cube_dim_index(p, c->dims[d].id);
                size_t np = p->dims[pd].n_categories, nc = c->dims[d].n_categories, tried = 0;
                _cleanup_free_ member_acc *own = calloc(nc + 1, sizeof(*own));
                _cleanup_free_ member_acc *acc = calloc(np + 1, sizeof(*acc));
                if (!own || !acc)
                        return -ENOMEM;
                member_own(m, d, own);
                for (size_t k = 0; r >= 0 && k < nc && tried < MEMBER_CANDIDATES; k++) {
                        double dist_own = member_distance(&own[k]);
                        if (m->pcat[d][k] < 0 || !(dist_own > pl->member_distance * 5) || isinf(dist_own))
                                continue;
                        tried++;
                        memset(acc, 0, np * sizeof(*acc));
                        member_scan(m, d, k, acc);
                        size_t best = (size_t) m->pcat[d][k];
                        for (size_t j = 0; j < np; j++)
                                if (member_distance(&acc[j]) < member_distance(&acc[best]))
                                        best = j;
                        if (best == (size_t) m->pcat[d][k] ||
                            member_distance(&acc[best]) > pl->member_distance)
                                continue;
                        r = finding(
                                v, &sh->member, "member",
                                "%s=%s: its values are those of %s=%s in the last good data (off by %.1f%%), "
                                "not its own (off by %.0f%%)",
                                c->dims[d].id, c->dims[d].categories[k].code, c->dims[d].id,
                                p->dims[pd].categories[best].code, member_distance(&acc[best]) * 100,
                                dist_own * 100);
                }
        }
        return r;
}

int ms_validate_revisions(const ms_cube *c, const ms_cube *p, bool accepted, ms_validation *v) {
        cube_map m;
        int r = cube_map_build(p, c, &m); /* p's cells into c */
        if (r == 0)
                r = ms_validation_add(v, accepted ? MS_VALIDATE_WARNING : MS_VALIDATE_ERROR, "revision",
                                      "expected the %zu dimensions of the last good cube, got %zu", p->n_dims,
                                      c->n_dims);
        if (r <= 0) {
                cube_map_done(&m);
                return r;
        }
        size_t pos[MAX_DIMS];
        char name[200];
        for (size_t off = 0; r >= 0 && off < p->n_cells; off++) {
                double was = p->values[off];
                if (isnan(was))
                        continue;
                ms_cube_positions(p, off, pos);
                size_t o = cube_map_offset(&m, pos);
                double now = o == SIZE_MAX ? NAN : c->values[o];
                if (now == was)
                        continue;
                ms_validate_cell_name(p, pos, SIZE_MAX, name, sizeof(name));
                if (isnan(now))
                        r = ms_validation_add(v, MS_VALIDATE_WARNING, "revision", "%s: was %g, now missing",
                                              name, was);
                else {
                        v->n_revisions++;
                        r = ms_validation_add(v, MS_VALIDATE_WARNING, "revision",
                                              "%s: revised from %g to %g (%+g, %+.1f%%)", name, was, now,
                                              now - was, was != 0 ? (now - was) / was * 100 : INFINITY);
                }
        }
        cube_map_done(&m);
        return r;
}

int ms_validate_plausibility(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v) {
        const ms_plausibility *pl = &rules->plausibility;
        cube_map m = {.c = c};
        shown sh = {0};
        int r = 0;
        if (rules->previous && (r = cube_map_build(c, rules->previous, &m)) <= 0) {
                cube_map_done(&m);
                return r; /* dimensions differ: check_revisions() says so */
        }
        /* The most specific reason first: it is the one `status` shows. */
        if (m.p && pl->member_distance > 0)
                r = check_members(&m, pl, &sh, v);
        if (r >= 0 && m.p && (pl->level_factor > 0 || pl->zeros_min > 0))
                r = check_series(&m, pl, &sh, v);
        if (r >= 0 && m.p)
                r = check_cells(&m, pl, &sh, v);
        cube_map_done(&m);
        return r;
}
