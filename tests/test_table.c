/* SPDX-License-Identifier: MIT */
/*
 * The `table` kind: good variants (quoting, BOM, ';' with decimal comma,
 * label columns, period order) and malformed ones, each with the error an
 * editor reads (line:col, column, message); then the bundled real tables.
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

#include "migstat/period.h"
#include "migstat/source.h"
#include "migstat/table.h"
#include "parse_rows.h"

#define HDR "geo,period,value,status\n"

static const parse_row rows[] = {
        {"valid", HDR "DE,2024,10,\nFR,2024,20,p\n", .r = 0},
        {"valid with CRLF and BOM", "\xEF\xBB\xBF" HDR "DE,2024,10,\r\nFR,2024,20,p\r\n", .r = 0},
        {"quoted fields with delimiter and quote",
         "geo,label_x,period,value\n\"DE\",\"a,\"\"b\"\"\",2024,\"5\"\n", .r = 0},
        {"semicolon with decimal comma", "geo;period;value\nDE;2024;1.234,5\nFR;2024;0,25\n", .r = 0},
        {"no value column", "geo,period,count\nDE,2024,1\n", -EBADMSG, 1, 1, "", "column named \"value\""},
        {"empty file", "", -EBADMSG, 0, 0, "", "header row"},
        {"short row", HDR "DE,2024,10\n", -EBADMSG, 2, 1, "", "expected 4 fields as in the header, got 3"},
        {"long row", HDR "DE,2024,10,,x\n", -EBADMSG, 2, 1, "", "got 5"},
        {"number as word", HDR "DE,2024,ten,\n", -EBADMSG, 2, 9, "column 3 (value)", "expected a number"},
        {"thousands comma in a comma file", HDR "DE,2024,\"1,234\",\n", -EBADMSG, 2, 9, "column 3 (value)",
         "expected a number"},
        {"negative count", HDR "DE,2024,-5,\n", -EBADMSG, 2, 9, "column 3 (value)",
         "expected a count (>= 0)"},
        {"bad thousands grouping", "geo;period;value\nDE;2024;1.23,5\n", -EBADMSG, 2, 9, "column 3 (value)",
         "thousands groups"},
        {"duplicate cell", HDR "DE,2024,1,\nFR,2024,2,\nDE,2024,3,\n", -EBADMSG, 4, 1, "", "also on line 2"},
        {"empty code", HDR "DE,2024,1,\n,2024,2,\n", -EBADMSG, 3, 1, "column 1 (geo)", "expected a geo code"},
        {"not a period", HDR "DE,2024,1,\nDE,last year,2,\n", -EBADMSG, 3, 4, "column 2 (period)",
         "expected a period"},
        {"mixed frequencies", HDR "DE,2024,1,\nDE,2024-02,2,\n", -EBADMSG, 3, 4, "column 2 (period)",
         "one frequency"},
        {"duplicate column", "geo,geo,value\nDE,DE,1\n", -EBADMSG, 1, 5, "column 2", "unique column names"},
        {"empty column name", "geo,,value\nDE,x,1\n", -EBADMSG, 1, 5, "column 2", "column name"},
        {"unclosed quote", HDR "DE,2024,\"10,\n", -EBADMSG, 2, 0, "", "unterminated quoted field"},
        {"quote inside unquoted field", HDR "DE,20\"24,1,\n", -EBADMSG, 2, 0, "", "expected a quote"},
        {"latin-1 byte", "geo,label_geo,value\nDE,M\xfcnchen,1\n", -EBADMSG, 2, 5, "", "expected UTF-8"},
        {"label column without target", "geo,foo_label,value\nDE,x,1\n", -EBADMSG, 1, 5,
         "column 2 (foo_label)", "label column"},
        {"control character in a code", HDR "D\rE,2024,1,\n", -EBADMSG, 2, 1, "column 1 (geo)",
         "control characters"},
};

static void malformed_variants_give_clear_errors(void **state) {
        (void) state;
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_error err = {.file = "t.csv", .offset = -1};
                ms_cube *c = NULL;
                int r = ms_table_parse(rows[i].input, strlen(rows[i].input), NULL, &c, &err);
                parse_row_check(&rows[i], r, c, &err);
        }
}

static double cell(const ms_cube *c, const char *const *codes) {
        size_t pos[8];
        assert_true(c->n_dims <= 8);
        for (size_t d = 0; d < c->n_dims; d++) {
                int k = ms_dimension_find(&c->dims[d], codes[d]);
                assert_true(k >= 0);
                pos[d] = (size_t) k;
        }
        return c->values[ms_cube_offset(c, pos)];
}

static void semicolon_decimal_comma_and_order(void **state) {
        (void) state;
        const char *csv = "geo;period;value;status\nDE;2024-03;1.234,5;\nDE;2024-01;0,25;p\nDE;2024-02;:;\n";
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_table_parse(csv, strlen(csv), NULL, &c, &err), 0);
        assert_int_equal(c->n_dims, 2);
        assert_int_equal(c->dims[1].role, MS_ROLE_TIME);
        assert_int_equal(c->dims[0].role, MS_ROLE_GEO);
        assert_string_equal(c->dims[1].categories[0].code, "2024-01"); /* sorted by period */
        assert_string_equal(c->dims[1].categories[2].code, "2024-03");
        assert_true(c->values[0] == 0.25);
        assert_string_equal(ms_cube_status(c, 0), "p");
        assert_true(isnan(c->values[1]));
        assert_string_equal(ms_cube_status(c, 1), ":");
        assert_true(c->values[2] == 1234.5);
}

static void time_dimension_carries_periods(void **state) {
        (void) state;
        const char *csv = "geo,period,value\nDE,2016M02,5\nDE,2015M12,3\nDE,2016M01,4\n";
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, csv, strlen(csv), NULL, &c, &err), 0);
        const ms_dimension *t = &c->dims[1];
        assert_non_null(t->periods);
        assert_int_equal(t->periods[0].year, 2015);
        assert_int_equal(t->periods[0].sub, 12);
        assert_int_equal(t->periods[2].kind, MS_PERIOD_MONTH);
        assert_string_equal(t->categories[2].code, "2016M02"); /* as the source wrote it */
        assert_int_equal(ms_cube_normalize_periods(c), 0);
        assert_string_equal(t->categories[2].code, "2016-02");
        assert_string_equal(t->categories[2].label, "2016-02");
        assert_true(c->values[2] == 5);
}

static void labels_and_lone_cr(void **state) {
        (void) state;
        const char *csv = "geo,citizenship_code,citizenship_label_de,period,value\n"
                          "DE,459,\"Pers. aus\rGebieten\",2019-11,1\nDE,,Syrien,2019-11,2\n";
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_table_parse(csv, strlen(csv), NULL, &c, &err), 0);
        int d = ms_cube_dim_index(c, "citizenship_code");
        assert_true(d >= 0);
        assert_string_equal(c->dims[d].categories[0].label, "Pers. aus Gebieten");
        assert_string_equal(c->dims[d].categories[1].code, "Syrien"); /* label stands in for an empty code */
}

static void detect_kinds(void **state) {
        (void) state;
        const char *kind = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_source_detect("  {\"class\":\"dataset\"}", 21, &kind, &err), 0);
        assert_string_equal(kind, "jsonstat");
        assert_int_equal(ms_source_detect("\xEF\xBB\xBFgeo;\"value\"\n", 16, &kind, &err), 0);
        assert_string_equal(kind, "table");
        assert_int_equal(ms_source_detect("hello world\n", 12, &kind, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "cannot tell the kind"));
        ms_cube *c = NULL;
        assert_int_equal(ms_source_parse("xml", "", 0, NULL, &c, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "unknown kind \"xml\""));
        assert_null(c);
}

static void limits_refuse_cleanly(void **state) {
        (void) state;
        const char *csv = HDR "DE,2024,1,\nFR,2024,2,\nIT,2024,3,\n";
        ms_table_options o = {.max_cells = 2};
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        assert_int_equal(ms_table_parse(csv, strlen(csv), &o, &c, &err), -E2BIG);
        ms_table_options od = {.max_dims = 1};
        assert_int_equal(ms_table_parse(csv, strlen(csv), &od, &c, &err), -E2BIG);
        assert_non_null(strstr(err.msg, "at most 1 dimensions"));
        assert_null(c);
}

static char *slurp(const char *name, size_t *ret_len) {
        char path[512];
        snprintf(path, sizeof(path), "%s/data/%s", MIGSTAT_SOURCE_DIR, name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        assert_int_equal(fseek(f, 0, SEEK_END), 0);
        long n = ftell(f);
        assert_true(n > 0);
        rewind(f);
        char *b = malloc((size_t) n);
        assert_non_null(b);
        assert_int_equal(fread(b, 1, (size_t) n, f), (size_t) n);
        fclose(f);
        *ret_len = (size_t) n;
        return b;
}

/* Figures from data/PROVENANCE.md and the published sources it names. */
static void bundled_tables(void **state) {
        (void) state;
        size_t len;
        ms_error err = {.offset = -1};
        _cleanup_free_ char *dep = slurp("deportations_yearly_de.csv", &len);
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, dep, len, NULL, &c, &err), 0);
        assert_true(cell(c, (const char *const[]){"DE", "deportations", "2023"}) == 16430);
        assert_true(cell(c, (const char *const[]){"DE", "deportations", "2015"}) == 20888);

        _cleanup_free_ char *bamf = slurp("bamf_decisions_monthly_de_2019-2021.csv", &len);
        _cleanup_(ms_cube_freep) ms_cube *b = NULL;
        assert_int_equal(ms_source_parse("table", bamf, len, NULL, &b, &err), 0);
        assert_true(cell(b, (const char *const[]){"DE", "TOTAL", "decisions_asylum_art16a", "2019-01"}) ==
                    235);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(malformed_variants_give_clear_errors),
                cmocka_unit_test(semicolon_decimal_comma_and_order),
                cmocka_unit_test(labels_and_lone_cr),
                cmocka_unit_test(time_dimension_carries_periods),
                cmocka_unit_test(detect_kinds),
                cmocka_unit_test(limits_refuse_cleanly),
                cmocka_unit_test(bundled_tables),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
