/* SPDX-License-Identifier: MIT */
/* The `eurostat` kind's URLs: the dissemination API form, encoding, refusals;
 * and an API error document reported with Eurostat's message. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/eurostat.h"
#include "migstat/source.h"

static void urls(void **state) {
        (void) state;
        const ms_filter f[] = {
                {"geo", "DE"},
                {"geo", "FR"},
                {"citizen", "TOTAL"},
                {"applicant", "ASY_APP"},
                {"sinceTimePeriod", "2024-01"},
        };
        ms_buf b = {0};
        ms_error err = {.offset = -1};
        assert_int_equal(ms_eurostat_url("migr_asyappctzm", f, 5, "de", &b, &err), 0);
        assert_string_equal(
                b.data,
                "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/migr_asyappctzm"
                "?format=JSON&lang=de&geo=DE&geo=FR&citizen=TOTAL&applicant=ASY_APP&sinceTimePeriod=2024-01");
        const ms_filter odd[] = {{"unit", "a b&c"}};
        assert_int_equal(ms_eurostat_url("demo_pjan", odd, 1, "en", &b, &err), 0);
        assert_string_equal(b.data, MS_EUROSTAT_API "demo_pjan?format=JSON&lang=en&unit=a%20b%26c");
        ms_buf_done(&b);

        static const struct {
                const char *code, *lang, *dim, *val, *msg;
        } bad[] = {
                {"migr asy", "de", "geo", "DE", "expected a Eurostat dataset code"},
                {"", "de", "geo", "DE", "expected a Eurostat dataset code"},
                {"migr_asyappctzm", "es", "geo", "DE", "expected the language de, en or fr"},
                {"migr_asyappctzm", "de", "ge&o", "DE", "expected a dimension id"},
                {"migr_asyappctzm", "de", "geo", "", "expected a code for the filter on \"geo\""},
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                ms_filter one = {(char *) bad[i].dim, (char *) bad[i].val};
                ms_buf o = {0};
                assert_int_equal(ms_eurostat_url(bad[i].code, &one, 1, bad[i].lang, &o, &err), -EINVAL);
                assert_null(o.data);
                assert_non_null(strstr(err.msg, bad[i].msg));
        }
}

static void error_document(void **state) {
        (void) state;
        /* The shape Eurostat answers a too large request with (shared/notes/jsonstat.md). */
        const char *doc =
                "{\"error\":[{\"status\":413,\"id\":413,\"label\":\"EXTRACTION_TOO_BIG: The requested extraction is too big, "
                "estimated 10305182 rows, max authorised is 5000000, please change your filters to reduce the extraction size\"}]}";
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        assert_true(ms_source_parse("eurostat", doc, strlen(doc), NULL, &c, &err) < 0);
        assert_null(c);
        assert_non_null(strstr(err.msg, "EXTRACTION_TOO_BIG"));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(urls),
                cmocka_unit_test(error_document),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
