/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cycle/revisions.h"

static ssize_t count(const char *a, const char *b) {
        return ms_revisions_count(a, strlen(a), b, strlen(b));
}

static void test_identical(void **state) {
        (void) state;
        const char *csv = "geo,time,value,status\nDE,2019-01,100,\nDE,2019-02,200,p\n";
        assert_int_equal(count(csv, csv), 0);
}

/* A changed value and a status that lost its "p" are two revisions; the
 * rows come in another order; a new month is not a revision. */
static void test_revised_values_and_status(void **state) {
        (void) state;
        const char *old = "geo,time,value,status\nDE,2019-01,100,\nDE,2019-02,200,p\nDE,2019-03,300,p\n";
        const char *new = "geo,time,value,status\nDE,2019-03,300,p\nDE,2019-02,200,\nDE,2019-01,105,\n"
                          "DE,2019-04,400,p\n";
        assert_int_equal(count(old, new), 2);
}

static void test_withdrawn_cells_are_not_revisions(void **state) {
        (void) state;
        assert_int_equal(count("geo,time,value,status\nDE,2019-01,1,\nFR,2019-01,2,\n",
                               "geo,time,value,status\nDE,2019-01,1,\n"),
                         0);
}

static void test_other_shape_is_not_comparable(void **state) {
        (void) state;
        assert_int_equal(count("geo,time,value,status\nDE,2019,1,\n", "geo,sex,time,value,status\nDE,T,2019,1,\n"),
                         -EINVAL);
}

static void test_crlf_and_empty(void **state) {
        (void) state;
        assert_int_equal(count("geo,value,status\r\nDE,1,\r\n", "geo,value,status\r\nDE,2,\r\n"), 1);
        assert_int_equal(count("geo,value,status\n", "geo,value,status\n"), 0);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_identical),
                cmocka_unit_test(test_revised_values_and_status),
                cmocka_unit_test(test_withdrawn_cells_are_not_revisions),
                cmocka_unit_test(test_other_shape_is_not_comparable),
                cmocka_unit_test(test_crlf_and_empty),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
