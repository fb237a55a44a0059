/* SPDX-License-Identifier: MIT */
/*
 * The `worldbank` kind: the World Bank API v2 answer [header, rows] for an
 * indicator, and its error documents (sent with HTTP 200), each malformed
 * variant with the JSON path and what was expected.  The counts here are
 * placeholders that exercise the parser; they are not World Bank figures.
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
#include "migstat/worldbank.h"
#include "parse_rows.h"

#define HEADER(pages) \
        "{\"page\":1,\"pages\":" #pages \
        ",\"per_page\":\"1000\",\"total\":2,\"sourceid\":\"2\",\"lastupdated\":\"2026-07-13\"}"
#define ROW(c, c3, date, v) \
        "{\"indicator\":{\"id\":\"SP.POP.TOTL\",\"value\":\"Population, total\"},\"country\":{\"id\":\"" c \
        "\",\"value\":\"Name " c "\"}," \
        "\"countryiso3code\":\"" c3 "\",\"date\":\"" date "\",\"value\":" v \
        ",\"unit\":\"\",\"obs_status\":\"\",\"decimal\":0}"
#define ANSWER(rows) "[" HEADER(1) ",[" rows "]]"

static const parse_row rows[] = {
        {"two countries", ANSWER(ROW("DE", "DEU", "2024", "2") "," ROW("FR", "FRA", "2024", "1")), .r = 0},
        {"null value is not available",
         ANSWER(ROW("DE", "DEU", "2024", "null") "," ROW("DE", "DEU", "2023", "5")), .r = 0},
        {"invalid value",
         "[{\"message\":[{\"id\":\"120\",\"key\":\"Invalid value\",\"value\":\"The provided parameter value is not valid\"}]}]",
         -EBADMSG, 0, 0, "[0].message",
         "the World Bank answered with an error: 120 Invalid value: The provided parameter value is not valid"},
        {"deleted indicator",
         "[{\"message\":[{\"id\":\"175\",\"key\":\"Invalid format\",\"value\":\"The indicator was not found.\"}]}]",
         -EBADMSG, 0, 0, "[0].message", "175 Invalid format: The indicator was not found."},
        {"no data", "[" HEADER(1) ",null]", -EBADMSG, 0, 0, "[1]", "expected rows, got none"},
        {"more pages", "[" HEADER(3) ",[" ROW("DE", "DEU", "2024", "2") "]]", -EBADMSG, 0, 0, "[0].pages",
         "got 3 pages (ask with a larger per_page)"},
        {"value as string", ANSWER(ROW("DE", "DEU", "2024", "\"2\"")), -EBADMSG, 0, 0, "[1][0].value",
         "expected a number or null, got a string"},
        {"country without id",
         "[" HEADER(
                 1) ",[{\"indicator\":{\"id\":\"SP.POP.TOTL\"},\"country\":{},\"date\":\"2024\",\"value\":1}]]",
         -EBADMSG, 0, 0, "[1][0].country.id", "expected a code string, got nothing"},
        {"date missing",
         "[" HEADER(1) ",[{\"indicator\":{\"id\":\"X\"},\"country\":{\"id\":\"DE\"},\"value\":1}]]", -EBADMSG,
         0, 0, "[1][0].date", "expected a code string, got nothing"},
        {"row not an object", "[" HEADER(1) ",[3]]", -EBADMSG, 0, 0, "[1][0]",
         "expected a row object, got a number"},
        {"header missing", "[[" ROW("DE", "DEU", "2024", "2") "]]", -EBADMSG, 0, 0, "",
         "expected the API's array [header, rows] of 2 elements"},
        {"an object", "{\"page\":1}", -EBADMSG, 0, 0, "",
         "expected the API's array [header, rows], got an object"},
        {"same row twice", ANSWER(ROW("DE", "DEU", "2024", "2") "," ROW("DE", "DEU", "2024", "3")), -EBADMSG,
         0, 0, "[1]", ""},
        {"negative", ANSWER(ROW("DE", "DEU", "2024", "-2")), -EBADMSG, 0, 0, "[1]", ""},
        {"truncated", "[" HEADER(1) ",[", -EBADMSG, 0, 0, "", "expected"},
};

static void answers_and_malformed_variants(void **state) {
        (void) state;
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_error err = {.file = "wb.json", .offset = -1};
                ms_cube *c = NULL;
                int r = ms_worldbank_parse(rows[i].input, strlen(rows[i].input), NULL, &c, &err);
                parse_row_check(&rows[i], r, c, &err);
        }
}

static void cube_shape(void **state) {
        (void) state;
        const char *json = ANSWER(ROW("DE", "DEU", "2024", "83510950") "," ROW(
                "DE", "DEU", "2023", "null") "," ROW("GR", "GRC", "2024", "10"));
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, json, strlen(json), NULL, &c, &err),
                         0); /* detected as worldbank */
        assert_int_equal(c->n_dims, 3); /* indicator x country x time */
        int g = ms_cube_dim_index(c, "country"), t = ms_cube_dim_index(c, "time");
        assert_true(g >= 0 && t >= 0);
        assert_int_equal(c->dims[g].role, MS_ROLE_GEO);
        assert_int_equal(c->dims[t].role, MS_ROLE_TIME);
        assert_string_equal(c->dims[g].categories[0].label, "Name DE");
        assert_string_equal(c->dims[t].categories[0].code, "2023"); /* sorted by period, oldest first */
        size_t pos[3] = {0};
        pos[g] = 0, pos[t] = 1;
        assert_true(c->values[ms_cube_offset(c, pos)] == 83510950);
        pos[t] = 0;
        assert_true(isnan(c->values[ms_cube_offset(c, pos)]));
        const char *error_doc = "[{\"message\":[{\"id\":\"120\"}]}]";
        ms_cube_free(TAKE_PTR(c));
        assert_int_equal(ms_source_parse(NULL, error_doc, strlen(error_doc), NULL, &c, &err), -EBADMSG);
        assert_non_null(strstr(err.msg, "World Bank answered with an error: 120"));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(answers_and_malformed_variants),
                cmocka_unit_test(cube_shape),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
