/* SPDX-License-Identifier: MIT */
/*
 * Derived measures: each operation on a small table whose results are worked
 * out in the comments, then both protection rates from the bundled BAMF
 * decisions, checked against a hand calculation.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/measure.h"
#include "migstat/source.h"

static ms_cube *table(const char *csv) {
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        ms_source_options o = {.allow_negative = true};
        int r = ms_source_parse("table", csv, strlen(csv), &o, &c, &err);
        if (r < 0)
                fail_msg("%s", err.msg);
        return c;
}

static ms_cube *apply(const ms_cube *c, const char *pipeline, const ms_cube *pop) {
        ms_error err = {.offset = -1};
        ms_cube *out = NULL;
        int r = ms_measure_apply(c, pipeline, pop, &out, &err);
        if (r < 0)
                fail_msg("%s: %s: %s", pipeline, err.where, err.msg);
        return out;
}

static void assert_values(const ms_cube *c, const double *want, size_t n) {
        assert_int_equal(c->n_cells, n);
        for (size_t i = 0; i < n; i++) {
                if (isnan(want[i])) {
                        assert_true(isnan(c->values[i]));
                        continue;
                }
                if (fabs(c->values[i] - want[i]) > 1e-9)
                        fail_msg("cell %zu: got %.10g, want %.10g", i, c->values[i], want[i]);
        }
}

/* Two origins over 14 months; 2024-03 of B is missing. */
#define MONTHLY \
        "origin,period,value\n" \
        "A,2024-01,10\nA,2024-02,20\nA,2024-03,30\nA,2024-04,40\nA,2024-05,50\nA,2024-06,60\n" \
        "A,2024-07,70\nA,2024-08,80\nA,2024-09,90\nA,2024-10,100\nA,2024-11,110\nA,2024-12,120\n" \
        "A,2025-01,15\nA,2025-02,25\n" \
        "B,2024-01,1\nB,2024-02,2\nB,2024-04,4\nB,2024-05,5\nB,2024-06,6\nB,2024-07,7\nB,2024-08,8\n" \
        "B,2024-09,9\nB,2024-10,10\nB,2024-11,11\nB,2024-12,12\nB,2025-01,3\nB,2025-02,0\n"

static void operations_on_a_small_table(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(MONTHLY);
        /* sum over origin: A + B per month; 2024-03 only A (B missing counts as absent). */
        _cleanup_(ms_cube_freep) ms_cube *sum = apply(c, "sum:origin", NULL);
        assert_values(sum, (const double[]){11, 22, 30, 44, 55, 66, 77, 88, 99, 110, 121, 132, 18, 25}, 14);
        /* window: the last 2 months. */
        _cleanup_(ms_cube_freep) ms_cube *w = apply(c, "window:2", NULL);
        assert_values(w, (const double[]){15, 25, 3, 0}, 4);
        assert_string_equal(w->dims[1].categories[0].code, "2025-01");
        /* annual: A 2024 = 10+20+...+120 = 780; A 2025 has 2 months -> NaN;
         * B 2024 misses March -> NaN. */
        _cleanup_(ms_cube_freep) ms_cube *y = apply(c, "annual", NULL);
        assert_values(y, (const double[]){780, NAN, NAN, NAN}, 4);
        assert_string_equal(y->dims[1].categories[0].code, "2024");
        /* ytd: A 2025-02 = 15 + 25 = 40; B 2024-04 = NaN (March missing); B 2024-02 = 1 + 2. */
        _cleanup_(ms_cube_freep) ms_cube *ytd = apply(c, "ytd", NULL);
        assert_true(ytd->values[13] == 40);
        assert_true(isnan(ytd->values[14 + 3]));
        assert_true(ytd->values[14 + 1] == 3);
        assert_true(ytd->values[11] == 780);
        /* change to the previous month: A 2024-02 = 20 - 10 = 10, in % = 100;
         * A 2024-01 has no previous month -> NaN; B 2025-02: 0 - 3 = -3, -100 %. */
        _cleanup_(ms_cube_freep) ms_cube *ch = apply(c, "change", NULL);
        assert_true(isnan(ch->values[0]));
        assert_true(ch->values[1] == 10);
        assert_true(ch->values[14 + 13] == -3); /* B: 2024-01 .. 2025-02 at 14 .. 27 */
        assert_true(isnan(ch->values[14 + 3])); /* B 2024-04: March missing */
        _cleanup_(ms_cube_freep) ms_cube *chp = apply(c, "change:pct", NULL);
        assert_true(chp->values[1] == 100);
        assert_true(chp->values[14 + 13] == -100);
        /* to the same month a year earlier: A 2025-01 = 15 - 10 = 5, +50 %; B 2025-02: 0 - 2, -100 %. */
        _cleanup_(ms_cube_freep) ms_cube *cy = apply(c, "change-year", NULL);
        assert_true(cy->values[12] == 5);
        assert_true(isnan(cy->values[0]));
        _cleanup_(ms_cube_freep) ms_cube *cyp = apply(c, "change-year:pct", NULL);
        assert_true(cyp->values[12] == 50);
        assert_true(cyp->values[14 + 13] == -100);
        /* share of the sum over origin: A 2024-01 = 10 / 11 * 100; A 2024-03 = 30 / 30. */
        _cleanup_(ms_cube_freep) ms_cube *sh = apply(c, "share:origin", NULL);
        assert_true(fabs(sh->values[0] - 1000.0 / 11) < 1e-9);
        assert_true(sh->values[2] == 100);
        /* top 1 of origin: A (sum 795) first, B as OTHER. */
        _cleanup_(ms_cube_freep) ms_cube *top = apply(c, "top:origin:1", NULL);
        assert_int_equal(top->dims[0].n_categories, 2);
        assert_string_equal(top->dims[0].categories[1].code, "OTHER");
        assert_true(top->values[14] == 1);
        /* quarterly: A 2024-Q1 = 10+20+30 = 60, Q4 = 330; A 2025-Q1 has 2
         * months -> NaN; B 2024-Q1 misses March -> NaN, B 2024-Q2 = 15. */
        _cleanup_(ms_cube_freep) ms_cube *q = apply(c, "quarterly", NULL);
        assert_values(q, (const double[]){60, 150, 240, 330, NAN, NAN, 15, 24, 33, NAN}, 10);
        assert_string_equal(q->dims[1].categories[0].code, "2024-Q1");
        assert_string_equal(q->dims[1].categories[4].code, "2025-Q1");
        /* quarters of quarters are themselves; years cannot be split. */
        _cleanup_(ms_cube_freep) ms_cube *qq = apply(q, "quarterly", NULL);
        assert_values(qq, (const double[]){60, 150, 240, 330, NAN, NAN, 15, 24, 33, NAN}, 10);
        /* difference: origin gains "A-B" = A - B; B 2024-03 missing -> NaN. */
        _cleanup_(ms_cube_freep) ms_cube *df = apply(c, "difference:origin:A:B", NULL);
        assert_int_equal(df->dims[0].n_categories, 3);
        assert_string_equal(df->dims[0].categories[2].code, "A-B");
        assert_true(df->values[28] == 9 && df->values[29] == 18 && isnan(df->values[30]));
        assert_true(df->values[0] == 10 && df->values[14] == 1); /* A and B unchanged */
        /* a pipeline: filter then annual. */
        _cleanup_(ms_cube_freep) ms_cube *fa = apply(c, "filter:origin=A|annual", NULL);
        assert_values(fa, (const double[]){780, NAN}, 2);
}

static void top_n_with_other(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c =
                table("origin,period,value\nSY,2024,5\nAF,2024,9\nTR,2024,7\nIQ,2024,1\n");
        /* top 2 by total: AF 9, TR 7; OTHER = SY 5 + IQ 1 = 6. */
        _cleanup_(ms_cube_freep) ms_cube *t = apply(c, "top:origin:2", NULL);
        assert_string_equal(t->dims[0].categories[0].code, "AF");
        assert_string_equal(t->dims[0].categories[1].code, "TR");
        assert_values(t, (const double[]){9, 7, 6}, 3);
}

static void per_100k(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c =
                table("geo,period,value\nDE,2015-01,25042\nDE,2015-02,26083\nFR,2015-01,10\n");
        _cleanup_(ms_cube_freep) ms_cube *pop =
                table("geo,age,period,value\nDE,TOTAL,2015,81197537\nDE,TOTAL,2016,82175684\n");
        /* 25042 / 81,197,537 * 100,000 = 30.8408...; FR has no population -> NaN. */
        _cleanup_(ms_cube_freep) ms_cube *p = apply(c, "per-100k", pop);
        assert_true(fabs(p->values[0] - 25042.0 / 81197537 * 100000) < 1e-9);
        assert_true(fabs(p->values[0] - 30.8408) < 1e-4);
        assert_true(isnan(p->values[2]));
}

static void bad_pipelines(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(MONTHLY);
        static const struct {
                const char *pipeline, *where, *msg;
        } rows[] = {
                {"median", "step 1 (median)", "unknown measure \"median\""},
                {"sum:country", "step 1", "no dimension \"country\" (the cube has origin, period)"},
                {"filter:origin=C", "step 1", "no code \"C\""},
                {"annual|ytd", "step 2 (ytd)", "needs months"},
                {"annual|quarterly", "step 2 (quarterly)",
                 "quarterly: period \"2024\" is longer than a quarter"},
                {"window:0", "step 1", "unknown measure"},
                {"difference:origin:A:C", "step 1", "no code \"C\" in dimension \"origin\""},
                {"difference:period:2024-01:2024-02", "step 1", "is the time dimension"},
                {"per-100k", "step 1", "needs a population"},
                {"protection", "step 1", "no dimension \"measure\""},
                {"", "", "expected a measure name"},
        };
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
                ms_error err = {.offset = -1};
                ms_cube *out = NULL;
                assert_int_equal(ms_measure_apply(c, rows[i].pipeline, NULL, &out, &err), -EINVAL);
                assert_null(out);
                if (!strstr(err.where, rows[i].where) || !strstr(err.msg, rows[i].msg))
                        fail_msg("%s: got %s: %s", rows[i].pipeline, err.where, err.msg);
        }
}

/*
 * Both protection rates for Germany, calendar year 2019, from the bundled
 * BAMF decisions (data/bamf_decisions_monthly_de_2019-2021.csv, rows with
 * citizenship_bamf_code TOTAL = "Herkunftslaender gesamt").  2019 is the last
 * calendar year the bundle covers with the published total for every month
 * (2020-11 has no TOTAL row; the bundle ends in 2021-11).  Monthly values:
 *
 *   month    total   art16a  par3   par4   par60  formal
 *   2019-01  19921   235     4204   2390   651    5955
 *   2019-02  19823   234     4000   2268   585    6384
 *   2019-03  19587   231     5140   1730   802    5983
 *   2019-04  15201   196     3630    801   609    5256
 *   2019-05  15335   151     3428    689   497    5918
 *   2019-06  12948   134     2921   1382   358    4627
 *   2019-07  16814   188     3862   2604   420    5445
 *   2019-08  15040   195     3293   1770   412    5294
 *   2019-09  13321   131     2936   1548   410    4589
 *   2019-10  12963   143     2899   1417   380    4671
 *   2019-11  14136   159     3492   1574   463    4630
 *   2019-12  11892   191     3068   1214   324    3850
 *   sum     186981  2188    42873  19387  5911   62602
 *
 * (Check: with rejections 54,020 the parts add to 186,981, the total.)
 * granted = 2188 + 42873 + 19387 + 5911 = 70,359
 * Gesamtschutzquote       = 70,359 / 186,981            = 37.6290 %
 * bereinigte Schutzquote  = 70,359 / (186,981 - 62,602) = 70,359 / 124,379 = 56.5682 %
 * These are sums of the monthly reports; BAMF's annual report may differ a
 * little because monthly figures are not revised.
 */
static void protection_rates_germany_2019(void **state) {
        (void) state;
        char path[512];
        snprintf(path, sizeof(path), "%s/data/bamf_decisions_monthly_de_2019-2021.csv", MIGSTAT_SOURCE_DIR);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char buf[4 << 20];
        size_t len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        assert_true(len > 0 && len < sizeof(buf));
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, buf, len, NULL, &c, &err), 0);
        _cleanup_(ms_cube_freep) ms_cube *g =
                apply(c, "filter:citizenship_bamf_code=TOTAL|annual|protection", NULL);
        _cleanup_(ms_cube_freep) ms_cube *b =
                apply(c, "filter:citizenship_bamf_code=TOTAL|annual|protection-adjusted", NULL);
        /* dims: geo(1) x citizenship(1) x period(years 2019, 2020, 2021) */
        int t = ms_cube_dim_index(g, "period");
        assert_true(t >= 0);
        assert_string_equal(g->dims[t].categories[0].code, "2019");
        assert_true(fabs(g->values[0] - 70359.0 / 186981 * 100) < 1e-9);
        assert_true(fabs(g->values[0] - 37.6290) < 1e-4);
        assert_true(fabs(b->values[0] - 70359.0 / 124379 * 100) < 1e-9);
        assert_true(fabs(b->values[0] - 56.5682) < 1e-4);
        /* 2020 lacks the November total, 2021 several months: no annual rate. */
        assert_true(isnan(g->values[1]));
        assert_true(isnan(g->values[2]));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(operations_on_a_small_table),
                cmocka_unit_test(top_n_with_other),
                cmocka_unit_test(per_100k),
                cmocka_unit_test(bad_pipelines),
                cmocka_unit_test(protection_rates_germany_2019),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
