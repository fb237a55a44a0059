/* SPDX-License-Identifier: MIT */
/* The error record owns a file name when asked to (issue 17: no global). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/error.h"

static void error_should_own_a_file_name_that_outlives_the_caller(void **state) {
        (void) state;
        ms_error err = {.offset = -1};
        char path[64] = "/etc/migstat/sources.d/eurostat.json";
        ms_error_set_file(&err, path);
        memset(path, 'x', sizeof(path) - 1); /* the caller's buffer is gone */
        ms_error_set(&err, -22, "kind", "expected a kind");
        err.line = 3, err.col = 5;
        char out[512];
        assert_string_equal(ms_error_format(&err, out, sizeof(out)),
                            "/etc/migstat/sources.d/eurostat.json:3:5: kind: expected a kind");
}

static void error_should_keep_the_end_of_a_long_path(void **state) {
        (void) state;
        ms_error err = {.offset = -1};
        char path[600];
        memset(path, 'd', sizeof(path));
        memcpy(path, "/very", 5);
        memcpy(path + sizeof(path) - 12, "/chart.json", 12);
        ms_error_set_file(&err, path);
        assert_true(strlen(err.file) < sizeof(err.file_buf));
        assert_memory_equal(err.file, "\xE2\x80\xA6", 3);
        assert_string_equal(err.file + strlen(err.file) - 11, "/chart.json");
}

static void error_clear_should_keep_the_file(void **state) {
        (void) state;
        ms_error err = {.offset = -1};
        ms_error_set_file(&err, "a.json");
        ms_error_set(&err, -22, "x", "bad");
        err.line = 9;
        ms_error_clear(&err);
        assert_string_equal(err.file, "a.json");
        assert_string_equal(err.msg, "");
        assert_int_equal(err.line, 0);
        assert_int_equal(err.offset, -1);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(error_should_own_a_file_name_that_outlives_the_caller),
                cmocka_unit_test(error_should_keep_the_end_of_a_long_path),
                cmocka_unit_test(error_clear_should_keep_the_file),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
