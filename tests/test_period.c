/* SPDX-License-Identifier: MIT */
/* Reference periods: every spelling period.h promises, order, rejects. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/macro.h"
#include "migstat/period.h"

static void spellings_should_parse_and_normalize(void **state) {
        (void) state;
        static const struct {
                const char *code;
                int year;
                ms_period_kind kind;
                int sub;
                const char *normal;
        } rows[] = {
                {"2025", 2025, MS_PERIOD_YEAR, 0, "2025"},
                {"2025-06", 2025, MS_PERIOD_MONTH, 6, "2025-06"},
                {"2025M06", 2025, MS_PERIOD_MONTH, 6, "2025-06"},
                {"2025M12", 2025, MS_PERIOD_MONTH, 12, "2025-12"},
                {"2025-01", 2025, MS_PERIOD_MONTH, 1, "2025-01"},
                {"2025-Q2", 2025, MS_PERIOD_QUARTER, 2, "2025-Q2"},
                {"2025Q2", 2025, MS_PERIOD_QUARTER, 2, "2025-Q2"},
                {"2025Q4", 2025, MS_PERIOD_QUARTER, 4, "2025-Q4"},
                {"2025-S1", 2025, MS_PERIOD_HALF, 1, "2025-S1"},
                {"2025H1", 2025, MS_PERIOD_HALF, 1, "2025-S1"},
                {"2025S2", 2025, MS_PERIOD_HALF, 2, "2025-S2"},
                {"1999", 1999, MS_PERIOD_YEAR, 0, "1999"},
        };
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_period p;
                char buf[32];
                if (ms_period_parse(rows[i].code, &p) < 0)
                        fail_msg("\"%s\" was rejected", rows[i].code);
                assert_int_equal(p.year, rows[i].year);
                assert_int_equal(p.kind, rows[i].kind);
                assert_int_equal(p.sub, rows[i].sub);
                ms_period_format(&p, buf, sizeof(buf));
                assert_string_equal(buf, rows[i].normal);
                /* the normalized code reads back as the same period */
                ms_period q;
                assert_int_equal(ms_period_parse(buf, &q), 0);
                assert_int_equal(ms_period_compare(&p, &q), 0);
        }
}

static void malformed_codes_should_be_rejected(void **state) {
        (void) state;
        static const char *const bad[] = {
                "2025-6", "2025M13", "abcd",   "2025Q5",   "2025M00", "2025-00",  "2025-13",
                "2025Q0", "2025S3",  "2025H0", "202506",   "2025-",   "2025M",    "25",
                "",       "2025-Q",  "2025X1", "2025-Q2x", "2025M6",  "2025M123", " 2025",
        };
        for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
                ms_period p = {.year = -1};
                int r = ms_period_parse(bad[i], &p);
                if (r != -EINVAL)
                        fail_msg("\"%s\": expected -EINVAL, got %d (year %d sub %d)", bad[i], r, p.year,
                                 p.sub);
                assert_int_equal(p.year, -1); /* ret untouched on failure */
        }
}

static void periods_should_order_by_start_then_length(void **state) {
        (void) state;
        /* ascending: a year before its parts, parts by their start month, at
         * the same start the longer period first */
        static const char *const sorted[] = {
                "2024-12", "2025",    "2025-S1", "2025-Q1", "2025-01", "2025-02", "2025-Q2",
                "2025-04", "2025-S2", "2025-Q3", "2025-07", "2025-12", "2026",
        };
        for (size_t i = 0; i < ELEMENTSOF(sorted); i++)
                for (size_t j = 0; j < ELEMENTSOF(sorted); j++) {
                        ms_period a, b;
                        assert_int_equal(ms_period_parse(sorted[i], &a), 0);
                        assert_int_equal(ms_period_parse(sorted[j], &b), 0);
                        int c = ms_period_compare(&a, &b);
                        int want = i < j ? -1 : i > j ? 1 : 0;
                        if ((c > 0) - (c < 0) != want)
                                fail_msg("compare(%s, %s) = %d, expected sign %d", sorted[i], sorted[j], c,
                                         want);
                }
        ms_period a, b;
        assert_int_equal(ms_period_parse("2025M06", &a), 0);
        assert_int_equal(ms_period_parse("2025-06", &b), 0);
        assert_int_equal(ms_period_compare(&a, &b), 0);
}

static void prev_year_should_keep_the_part(void **state) {
        (void) state;
        static const struct {
                const char *code, *prev;
        } rows[] = {
                {"2025-06", "2024-06"},
                {"2025Q1", "2024-Q1"},
                {"2025H2", "2024-S2"},
                {"2000", "1999"},
        };
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_period p;
                char buf[32];
                assert_int_equal(ms_period_parse(rows[i].code, &p), 0);
                ms_period q = ms_period_prev_year(&p);
                ms_period_format(&q, buf, sizeof(buf));
                assert_string_equal(buf, rows[i].prev);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(spellings_should_parse_and_normalize),
                cmocka_unit_test(malformed_codes_should_be_rejected),
                cmocka_unit_test(periods_should_order_by_start_then_length),
                cmocka_unit_test(prev_year_should_keep_the_part),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
