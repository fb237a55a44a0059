/* SPDX-License-Identifier: MIT */
/*
 * The `unhcr` kind: pages in the documented shape of the UNHCR population
 * statistics API (page, maxPages, items[] with year, coo_iso, coa_iso,
 * procedure_type, app_type, dec_level, app_pc, applied / dec_*), merged
 * across pages and pivoted; malformed variants each give a clear error with
 * the JSON path.  The counts here are placeholders that exercise the parser;
 * they are not UNHCR figures and are never published.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/source.h"
#include "migstat/unhcr.h"
#include "parse_rows.h"

#define REC(y, coo, applied) \
        "{\"year\":" #y ",\"coo_id\":1,\"coo\":\"X\",\"coo_iso\":\"" coo "\",\"coo_name\":\"Name " coo "\"," \
        "\"coa_iso\":\"DEU\",\"coa_name\":\"Germany\",\"procedure_type\":\"G\",\"app_type\":\"N\"," \
        "\"dec_level\":\"FI\",\"app_pc\":\"P\",\"applied\":" applied "}"
#define PAGE(n, max, items) "{\"page\":" #n ",\"maxPages\":" #max ",\"items\":[" items "]}"

static const parse_row rows[] = {
        {"one page", PAGE(1, 1, REC(2020, "SYR", "1") "," REC(2020, "AFG", "2")), .r = 0},
        {"two pages", "[" PAGE(1, 2, REC(2020, "SYR", "1")) "," PAGE(2, 2, REC(2021, "SYR", "3")) "]",
         .r = 0},
        {"null count is not available", PAGE(1, 1, REC(2020, "SYR", "null")), .r = 0},
        /* The API's own mix: "0"/"12" as strings, "-" for not applicable. */
        {"count as a string of digits", PAGE(1, 1, REC(2020, "SYR", "\"12\"")), .r = 0},
        {"\"-\" is not available", PAGE(1, 1, REC(2020, "SYR", "\"-\"")), .r = 0},
        {"count as another string", PAGE(1, 1, REC(2020, "SYR", "\"12a\"")), -EBADMSG, 0, 0,
         "items[0].applied",
         "expected a count (a JSON number, a string of digits or \"-\"), got a string \"12a\""},
        {"negative count as a string", PAGE(1, 1, REC(2020, "SYR", "\"-4\"")), -EBADMSG, 0, 0,
         "items[0].applied", "got a string \"-4\""},
        {"negative count", PAGE(1, 1, REC(2020, "SYR", "-4")), -EBADMSG, 0, 0, "items[0].applied",
         "a whole number >= 0), got -4"},
        {"fractional count", PAGE(1, 1, REC(2020, "SYR", "1.5")), -EBADMSG, 0, 0, "items[0].applied",
         "got 1.5"},
        {"year as string", PAGE(1, 1, "{\"year\":\"2020\",\"coo_iso\":\"SYR\",\"applied\":1}"), -EBADMSG, 0,
         0, "items[0].year", "expected a year as a JSON number (1900..2200), got a string"},
        {"missing code", PAGE(1, 1, REC(2020, "SYR", "1") ",{\"year\":2020,\"applied\":1}"), -EBADMSG, 0, 0,
         "items[1].coo_iso", "expected a code string, got nothing"},
        {"duplicate record", PAGE(1, 1, REC(2020, "SYR", "1") "," REC(2020, "SYR", "2")), -EBADMSG, 0, 0,
         "items[1]", "expected each record once"},
        {"missing page", PAGE(1, 3, REC(2020, "SYR", "1")), -EBADMSG, 0, 0, "items",
         "expected all 3 pages (maxPages), got 1"},
        {"pages out of order",
         "[" PAGE(2, 2, REC(2020, "SYR", "1")) "," PAGE(1, 2, REC(2021, "SYR", "1")) "]", -EBADMSG, 0, 0,
         "pages[0].items", "expected page 1"},
        {"items not an array", "{\"page\":1,\"maxPages\":1,\"items\":{}}", -EBADMSG, 0, 0, "items",
         "expected an \"items\" array, got an object"},
        {"no counts", PAGE(1, 1, "{\"year\":2020,\"coo_iso\":\"SYR\"}"), -EBADMSG, 0, 0, "items",
         "expected records with a count"},
        {"error document", "{\"message\":\"Invalid parameter coa\"}", -EBADMSG, 0, 0, "message",
         "UNHCR answered with an error: Invalid parameter coa"},
        {"empty array", "[]", -EBADMSG, 0, 0, "", "expected at least one page"},
        {"truncated", "{\"page\":1,\"items\":[", -EBADMSG, 0, 0, "", "expected JSON"},
};

static void pages_and_malformed_variants(void **state) {
        (void) state;
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_error err = {.file = "u.json", .offset = -1};
                ms_cube *c = NULL;
                int r = ms_unhcr_parse(rows[i].input, strlen(rows[i].input), NULL, &c, &err);
                parse_row_check(&rows[i], r, c, &err);
        }
}

static void pivot(void **state) {
        (void) state;
        const char *json = "[" PAGE(1, 2, REC(2021, "SYR", "5") "," REC(2020, "AFG", "2")) "," PAGE(
                2, 2, REC(2020, "SYR", "7")) "]";
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, json, strlen(json), NULL, &c, &err),
                         0); /* detected as unhcr */
        /* year x coo_iso x coa_iso x procedure_type x app_type x dec_level x app_pc x measure */
        assert_int_equal(c->n_dims, 8);
        assert_string_equal(c->dims[0].id, "year");
        assert_int_equal(c->dims[0].role, MS_ROLE_TIME);
        assert_non_null(c->dims[0].periods);
        assert_string_equal(c->dims[0].categories[0].code, "2020");
        int coo = ms_cube_dim_index(c, "coo_iso"), coa = ms_cube_dim_index(c, "coa_iso");
        assert_int_equal(c->dims[coa].role, MS_ROLE_GEO);
        assert_string_equal(c->dims[coo].categories[0].code, "SYR");
        assert_string_equal(c->dims[coo].categories[0].label, "Name SYR");
        assert_int_equal(c->n_cells, 4); /* 2 years x 2 origins */
        assert_true(c->values[0] == 7); /* 2020 SYR */
        assert_true(c->values[1] == 2); /* 2020 AFG */
        assert_true(c->values[2] == 5); /* 2021 SYR */
        assert_true(isnan(c->values[3])); /* 2021 AFG: no record */
}

static void decisions_and_page_info(void **state) {
        (void) state;
        const char *json = PAGE(
                1, 1,
                "{\"year\":2022,\"coo_iso\":\"AFG\",\"coa_iso\":\"DEU\",\"dec_level\":\"FI\",\"dec_pc\":\"P\","
                "\"dec_recognized\":3,\"dec_other\":2,\"dec_rejected\":1,\"dec_closed\":0,\"dec_total\":6}");
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_unhcr_parse(json, strlen(json), NULL, &c, &err), 0);
        int m = ms_cube_dim_index(c, "measure");
        assert_true(m >= 0);
        assert_int_equal(c->dims[m].n_categories, 5);
        unsigned page, max;
        const char *p2 = "{\"page\":2,\"maxPages\":7,\"items\":[]}";
        assert_int_equal(ms_unhcr_page_info(p2, strlen(p2), &page, &max, &err), 0);
        assert_int_equal(page, 2);
        assert_int_equal(max, 7);
        assert_int_equal(ms_unhcr_page_info("{\"page\":3}", 10, &page, &max, &err), -EBADMSG);
}

/* Counts as the API types them: numbers, strings of digits, "-". */
static void string_counts_as_the_api_sends_them(void **state) {
        (void) state;
        const char *json = PAGE(
                1, 1, REC(2020, "SYR", "\"12\"") "," REC(2020, "AFG", "\"-\"") "," REC(2020, "IRQ", "\"0\""));
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_unhcr_parse(json, strlen(json), NULL, &c, &err), 0);
        assert_int_equal(c->n_cells, 3); /* one year x three origins */
        assert_true(c->values[0] == 12);
        assert_true(isnan(c->values[1]));
        assert_true(c->values[2] == 0);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(pages_and_malformed_variants),
                cmocka_unit_test(pivot),
                cmocka_unit_test(decisions_and_page_info),
                cmocka_unit_test(string_counts_as_the_api_sends_them),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
