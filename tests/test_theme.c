/* SPDX-License-Identifier: MIT */
/* The contrast measure behind the render-time lint, and the themes against it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout_int.h"

static void contrast_should_match_wcag(void **state) {
        (void) state;
        assert_float_equal(lo_contrast(0xffffff, 0x000000), 21.0, 1e-9);
        assert_float_equal(lo_contrast(0x123456, 0x123456), 1.0, 1e-9);
        /* #767676 is the lightest grey with 4.5:1 on white, #777777 just fails. */
        assert_true(lo_contrast(0x767676, 0xffffff) >= 4.5);
        assert_true(lo_contrast(0x777777, 0xffffff) < 4.5);
}

static void themes_should_pass_their_own_lint(void **state) {
        (void) state;
        const lo_theme *themes[] = {&lo_theme_light, &lo_theme_dark};
        for (size_t t = 0; t < 2; t++) {
                const lo_theme *th = themes[t];
                assert_true(lo_contrast(th->text, th->bg) >= MIN_CONTRAST);
                assert_true(lo_contrast(th->subtle, th->bg) >= MIN_CONTRAST);
                assert_true(lo_contrast(th->footer, th->bg) >= MIN_CONTRAST);
                assert_true(lo_contrast(th->marker, th->bg) >= 3.0);
                for (size_t i = 0; i < N_PALETTE; i++) {
                        if (lo_contrast(th->palette[i], th->bg) < 3.0)
                                fail_msg("theme %zu colour %zu: %.2f:1", t, i,
                                         lo_contrast(th->palette[i], th->bg));
                        /* labels on a segment pick the better of dark and white */
                        assert_true(lo_contrast(lo_text_on(th, th->palette[i]), th->palette[i]) >=
                                    MIN_CONTRAST);
                }
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(contrast_should_match_wcag),
                cmocka_unit_test(themes_should_pass_their_own_lint),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
