/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Derived measures as named operations on cubes (docs/measures.md has the
 * formulas).  Each takes a cube and returns a new one; the input is never
 * changed.  A result cell is NaN where an input it needs is missing.
 * Pure: no I/O, no clock.  Errors: -EINVAL with err (unknown dimension or
 * code, a time dimension that is not periods, ...), -ENOMEM.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

/* Keep one category of dimension dim (the dimension stays, with size 1). */
int ms_measure_filter(const ms_cube *c, const char *dim, const char *code, ms_cube **ret, ms_error *err);
/* Sum over dimension dim (it is removed).  Missing cells count as absent;
 * a result is NaN only when every summed cell is missing. */
int ms_measure_sum(const ms_cube *c, const char *dim, ms_cube **ret, ms_error *err);
/* The last n periods of the time dimension. */
int ms_measure_window(const ms_cube *c, size_t n, ms_cube **ret, ms_error *err);
/* The n categories of dim with the largest total (summed over all other
 * cells), in that order, then other_code (default "OTHER") = the sum of the rest. */
int ms_measure_top(const ms_cube *c, const char *dim, size_t n, const char *other_code, ms_cube **ret,
                   ms_error *err);
/* As ms_measure_top(), ranked by the latest period with a value only (the
 * five largest citizenships of the latest year, drawn over every year). */
int ms_measure_top_latest(const ms_cube *c, const char *dim, size_t n, const char *other_code, ms_cube **ret,
                          ms_error *err);
/* Appends to dim the category `code` = the sum of the categories `parts`
 * that have a value (NaN only when none has): one series from codes that a
 * source changed over time (UNHCR's dec_level NA until 2020, FI since).
 * parts NULL: every category (all citizenships together). */
int ms_measure_combine(const ms_cube *c, const char *dim, const char *code, const char *const *parts,
                       size_t n_parts, ms_cube **ret, ms_error *err);
/* Every category of dim but code (e.g. the grand total before ranking). */
int ms_measure_drop(const ms_cube *c, const char *dim, const char *code, ms_cube **ret, ms_error *err);
/* The n categories of dim with the largest total, largest first, and no
 * "other" remainder: a top-10 chart shows ten ranked categories. */
int ms_measure_rank(const ms_cube *c, const char *dim, size_t n, ms_cube **ret, ms_error *err);
/* Monthly (or quarterly) -> calendar years: the sum of a year's periods;
 * NaN unless the cube holds every period of that year with a value. */
int ms_measure_annual(const ms_cube *c, ms_cube **ret, ms_error *err);
/* Months -> quarters: the sum of a quarter's three months; NaN unless all
 * three have a value.  Quarters pass through; years and halves are an error. */
int ms_measure_quarterly(const ms_cube *c, ms_cube **ret, ms_error *err);
/* Appends to dim the category "a-b" with the cells a - b (NaN when either
 * is missing): e.g. all applicants minus first-time applicants. */
int ms_measure_difference(const ms_cube *c, const char *dim, const char *a, const char *b, ms_cube **ret,
                          ms_error *err);
/* Year to date: each month's cell = the sum of January .. that month of its
 * year; NaN when one of them is missing. */
int ms_measure_ytd(const ms_cube *c, ms_cube **ret, ms_error *err);
/* Share of total in percent: cell / the cell with dim = total_code * 100
 * (total_code NULL: over the sum of dim's categories). */
int ms_measure_share(const ms_cube *c, const char *dim, const char *total_code, ms_cube **ret, ms_error *err);

typedef enum ms_change_kind {
        MS_CHANGE_PREVIOUS, /* to the previous period (month to month) */
        MS_CHANGE_PREVIOUS_YEAR, /* to the same period one year earlier */
} ms_change_kind;
/* Change v - v_prev, or with percent (v - v_prev) / v_prev * 100. */
int ms_measure_change(const ms_cube *c, ms_change_kind kind, bool percent, ms_cube **ret, ms_error *err);
/* Per `per` inhabitants (100000): cell / population * per, matching the geo
 * code and the calendar year of the period (population on 1 January of
 * that year).  pop must have a geo and a time dimension, all others of size 1. */
int ms_measure_per_capita(const ms_cube *c, const ms_cube *pop, double per, ms_cube **ret, ms_error *err);

/* The codes of the decision outcomes along a dimension (BAMF's by default). */
typedef struct ms_protection_codes {
        const char *dim; /* "measure" */
        const char *total; /* decisions_total */
        const char *art16a; /* decisions_asylum_art16a */
        const char *par3; /* decisions_refugee_par3 */
        const char *par4; /* decisions_subsidiary_par4 */
        const char *par60; /* decisions_deportation_ban_par60 */
        const char *formal; /* decisions_formal */
} ms_protection_codes;
extern const ms_protection_codes ms_protection_codes_bamf;
/* UNHCR's decisions (measure dec_recognized, dec_other, dec_rejected,
 * dec_closed, dec_total): refugee status + complementary protection. */
extern const ms_protection_codes ms_protection_codes_unhcr;
/* Gesamtschutzquote (adjusted = false): (art16a + par3 + par4 + par60) / total * 100;
 * bereinigte Schutzquote (adjusted = true): the same over (total - formal).
 * The outcome dimension is removed. */
int ms_measure_protection_rate(const ms_cube *c, const ms_protection_codes *codes, bool adjusted,
                               ms_cube **ret, ms_error *err);

/* A pipeline of named operations separated by '|', e.g.
 *   "filter:citizenship_bamf_code=TOTAL|annual|protection"
 * Names: filter:DIM=CODE, drop:DIM=CODE, sum:DIM, rank:DIM:N, window:N,
 * top:DIM:N, top-latest:DIM:N, combine:DIM:CODE=A+B (or CODE=* for all),
 * difference:DIM:A:B, annual, quarterly, ytd, share:DIM[:TOTAL],
 * change[:pct], change-year[:pct], per-100k (needs pop), protection[:DIM],
 * protection-adjusted[:DIM], protection-unhcr, protection-unhcr-adjusted.
 * err->where names the failing step. */
int ms_measure_apply(const ms_cube *c, const char *pipeline, const ms_cube *pop, ms_cube **ret,
                     ms_error *err);
