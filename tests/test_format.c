/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/format.h"

#define MINUS "\xe2\x88\x92"

static const struct number_case {
        ms_lang lang;
        double v;
        unsigned decimals;
        const char *want;
} number_cases[] = {
        {MS_LANG_DE, 12345, 0, "12.345"},
        {MS_LANG_EN, 12345, 0, "12,345"},
        {MS_LANG_DE, 51.75, 1, "51,8"},
        {MS_LANG_EN, 51.75, 1, "51.8"},
        {MS_LANG_DE, 0, 0, "0"},
        {MS_LANG_EN, 0, 2, "0.00"},
        {MS_LANG_DE, 999, 0, "999"},
        {MS_LANG_DE, 1000, 0, "1.000"},
        {MS_LANG_DE, 1234567, 0, "1.234.567"},
        {MS_LANG_EN, 1234567.891, 2, "1,234,567.89"},
        {MS_LANG_EN, 250000000, 0, "250,000,000"},
        {MS_LANG_DE, -12345, 0, MINUS "12.345"},
        {MS_LANG_EN, -0.5, 1, MINUS "0.5"},
        {MS_LANG_DE, -1234.56, 1, MINUS "1.234,6"},
        {MS_LANG_DE, -0.4, 0, "0"}, /* no minus zero after rounding */
        {MS_LANG_EN, 0.5, 0, "1"}, /* half away from zero */
        {MS_LANG_EN, 2.5, 0, "3"},
        {MS_LANG_DE, 999.96, 1, "1.000,0"},
        {MS_LANG_EN, 13585, 0, "13,585"},
        {MS_LANG_DE, 0.05, 2, "0,05"},
};

static void format_number_should_follow_the_language(void **state) {
        (void) state;
        for (size_t i = 0; i < sizeof(number_cases) / sizeof(number_cases[0]); i++) {
                const struct number_case *t = &number_cases[i];
                char buf[64];
                int r = ms_format_number(t->lang, t->v, t->decimals, buf, sizeof(buf));
                if (r < 0 || strcmp(buf, t->want) != 0)
                        fail_msg("case %zu: %g/%u: got \"%s\" (%d), want \"%s\"", i, t->v, t->decimals,
                                 r < 0 ? "" : buf, r, t->want);
                assert_int_equal(r, (int) strlen(t->want));
        }
}

static void format_number_should_refuse_what_it_cannot_write(void **state) {
        char buf[64], tiny[4];
        (void) state;
        assert_int_equal(ms_format_number(MS_LANG_DE, NAN, 0, buf, sizeof(buf)), -EDOM);
        assert_int_equal(ms_format_number(MS_LANG_DE, INFINITY, 0, buf, sizeof(buf)), -EDOM);
        assert_int_equal(ms_format_number(MS_LANG_DE, 1e20, 0, buf, sizeof(buf)), -ERANGE);
        assert_int_equal(ms_format_number(MS_LANG_DE, 12345, 0, tiny, sizeof(tiny)), -ENOBUFS);
        assert_int_equal(ms_format_number(MS_LANG_DE, 1, 9, buf, sizeof(buf)), -EINVAL);
        assert_int_equal(ms_format_number(MS_LANG_COUNT, 1, 0, buf, sizeof(buf)), -EINVAL);
}

static const struct month_case {
        ms_lang lang;
        int month;
        const char *want_short, *want_long;
} month_cases[] = {
        {MS_LANG_DE, 1, "Jan.", "Januar"},     {MS_LANG_DE, 3, "März", "März"},
        {MS_LANG_DE, 5, "Mai", "Mai"},         {MS_LANG_DE, 6, "Juni", "Juni"},
        {MS_LANG_DE, 9, "Sept.", "September"}, {MS_LANG_DE, 12, "Dez.", "Dezember"},
        {MS_LANG_EN, 1, "Jan", "January"},     {MS_LANG_EN, 5, "May", "May"},
        {MS_LANG_EN, 9, "Sep", "September"},   {MS_LANG_EN, 12, "Dec", "December"},
};

static void month_names_should_follow_the_language(void **state) {
        (void) state;
        for (size_t i = 0; i < sizeof(month_cases) / sizeof(month_cases[0]); i++) {
                const struct month_case *t = &month_cases[i];
                assert_string_equal(ms_format_month_short(t->lang, t->month), t->want_short);
                assert_string_equal(ms_format_month_long(t->lang, t->month), t->want_long);
        }
        assert_null(ms_format_month_short(MS_LANG_DE, 0));
        assert_null(ms_format_month_long(MS_LANG_EN, 13));
}

static const struct period_case {
        ms_lang lang;
        const char *code;
        const char *want;
} period_cases[] = {
        {MS_LANG_DE, "2026-01", "Jan. 2026"},  {MS_LANG_EN, "2026-01", "Jan 2026"},
        {MS_LANG_DE, "2025M03", "März 2025"},  {MS_LANG_EN, "2025M03", "Mar 2025"},
        {MS_LANG_DE, "2019-09", "Sept. 2019"}, {MS_LANG_DE, "2025-Q2", "2. Quartal 2025"},
        {MS_LANG_EN, "2025Q2", "Q2 2025"},     {MS_LANG_DE, "2025-S1", "1. Halbjahr 2025"},
        {MS_LANG_EN, "2025H2", "H2 2025"},     {MS_LANG_DE, "2025", "2025"},
        {MS_LANG_EN, "2025", "2025"},
};

static void format_period_should_follow_the_language(void **state) {
        (void) state;
        for (size_t i = 0; i < sizeof(period_cases) / sizeof(period_cases[0]); i++) {
                const struct period_case *t = &period_cases[i];
                ms_period p;
                char buf[64];
                assert_int_equal(ms_period_parse(t->code, &p), 0);
                int r = ms_format_period(t->lang, &p, buf, sizeof(buf));
                assert_int_equal(r, (int) strlen(t->want));
                assert_string_equal(buf, t->want);
        }
}

static void format_period_should_refuse_a_small_buffer(void **state) {
        ms_period p = {.year = 2026, .kind = MS_PERIOD_MONTH, .sub = 1};
        char buf[5];
        (void) state;
        assert_int_equal(ms_format_period(MS_LANG_DE, &p, buf, sizeof(buf)), -ENOBUFS);
        p.sub = 13;
        assert_int_equal(ms_format_period(MS_LANG_DE, &p, buf, sizeof(buf)), -EINVAL);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(format_number_should_follow_the_language),
                cmocka_unit_test(format_number_should_refuse_what_it_cannot_write),
                cmocka_unit_test(month_names_should_follow_the_language),
                cmocka_unit_test(format_period_should_follow_the_language),
                cmocka_unit_test(format_period_should_refuse_a_small_buffer),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
