/* SPDX-License-Identifier: MIT */
/*
 * Eurostat bulk TSV: a sample in the published layout holding Eurostat's
 * figures must equal the bundled CSV of the same extract; malformed variants
 * each give a clear error with line:col.
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

#include "migstat/eurostat_tsv.h"
#include "migstat/source.h"
#include "parse_rows.h"

#define HDR "unit,geo\\time\t2016M02 \t2016M01 \n"

static const parse_row rows[] = {
        {"valid", HDR "PER,DE\t1234 p\t: c\nPER,FR\t7 \t:\n", .r = 0},
        {"valid with CRLF", "unit,geo\\time\t2016 \r\nPER,DE\t5 \r\n", .r = 0},
        {"empty", "", -EBADMSG, 1, 1, NULL, "expected a header line"},
        {"no backslash", "unit,geo\t2016M02\nPER,DE\t1\n", -EBADMSG, 1, 1, NULL, "no backslash"},
        {"no periods", "unit,geo\\time\nPER,DE\n", -EBADMSG, 1, 14, NULL, "expected period columns"},
        {"bad period", "unit,geo\\time\t2016M13\nPER,DE\t1\n", -EBADMSG, 1, 15, NULL, "expected a period"},
        {"same period twice", "unit,geo\\time\t2016M02\t2016-02\nPER,DE\t1\t2\n", -EBADMSG, 1, 1, NULL,
         "expected each period once"},
        {"too few cells", HDR "PER,DE\t1\n", -EBADMSG, 2, 1, NULL,
         "expected 2 cells as in the header, got 1"},
        {"too many codes", HDR "PER,DE,X\t1\t2\n", -EBADMSG, 2, 8, NULL, "got more"},
        {"too few codes", HDR "PER\t1\t2\n", -EBADMSG, 2, 1, NULL, "expected 2 codes"},
        {"empty code", HDR "PER,\t1\t2\n", -EBADMSG, 2, 5, NULL, "expected a geo code"},
        {"number as word", HDR "PER,DE\tten\t2\n", -EBADMSG, 2, 8, NULL,
         "expected a number or \":\", got \"ten\""},
        {"number with comma", HDR "PER,DE\t1,5\t2\n", -EBADMSG, 2, 8, NULL, "expected a number"},
        {"bad flag", HDR "PER,DE\t1 P!\t2\n", -EBADMSG, 2, 10, NULL, "expected flags"},
        {"nan is no number", HDR "PER,DE\tnan\t2\n", -EBADMSG, 2, 8, NULL, "expected a number"},
        /* found by fuzz_eurostat_tsv: a NUL inside a code overran the code map */
        {"NUL in a code", HDR "P>\0E,DE\t1\t2\n", -EBADMSG, 2, 3, NULL,
         "without control characters, got the byte 0x00"},
        /* found by fuzz_eurostat_tsv: a dimension named twice made a cube
         * whose cells the revision check could not address */
        {"dimension twice", "unit,geo,unit\\time\t2016\nPER,DE,X\t1\n", -EBADMSG, 1, 10, NULL,
         "expected distinct dimension ids, got \"unit\" twice"},
        {"row dimension is time", "time,geo\\time\t2016\nPER,DE\t1\n", -EBADMSG, 1, 1, NULL,
         "got \"time\" as a row and the time dimension"},
        {"duplicate row", HDR "PER,DE\t1\t2\nPER,DE\t3\t4\n", -EBADMSG, 3, 1, NULL, "also on line 2"},
};

static void malformed_variants(void **state) {
        (void) state;
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_error err = {.file = "t.tsv", .offset = -1};
                ms_cube *c = NULL;
                size_t len = strlen(rows[i].input);
                if (strstr(rows[i].name, "NUL"))
                        len += strlen(rows[i].input + len + 1) + 1; /* the literal goes on after the NUL */
                int r = ms_eurostat_tsv_parse(rows[i].input, len, NULL, &c, &err);
                parse_row_check(&rows[i], r, c, &err);
        }
}

/* n row dimensions of one code each, the time dimension and one value. */
static int parse_with_row_dims(size_t n, ms_cube **ret, ms_error *err) {
        char buf[2048];
        size_t len = 0;
        for (size_t i = 0; i < n; i++)
                len += (size_t) snprintf(buf + len, sizeof(buf) - len, "%sd%zu", i ? "," : "", i);
        len += (size_t) snprintf(buf + len, sizeof(buf) - len, "\\time\t2016\n");
        for (size_t i = 0; i < n; i++)
                len += (size_t) snprintf(buf + len, sizeof(buf) - len, "%sX", i ? "," : "");
        len += (size_t) snprintf(buf + len, sizeof(buf) - len, "\t1\n");
        assert_true(len < sizeof(buf));
        return ms_eurostat_tsv_parse(buf, len, NULL, ret, err);
}

/* The time dimension counts: 63 row dimensions and time are the most a
 * cube holds, 64 and time are refused as too many dimensions (not cells). */
static void dimension_limit_counts_time(void **state) {
        (void) state;
        ms_error err = {.file = "t.tsv", .offset = -1};
        ms_cube *c = NULL;
        assert_int_equal(parse_with_row_dims(MS_CUBE_MAX_DIMS - 1, &c, &err), 0);
        assert_int_equal(c->n_dims, MS_CUBE_MAX_DIMS);
        c = ms_cube_free(c);
        assert_int_equal(parse_with_row_dims(MS_CUBE_MAX_DIMS, &c, &err), -E2BIG);
        assert_null(c);
        assert_non_null(strstr(err.msg, "expected at most 64 dimensions, the time dimension included"));
}

static void flags_and_order(void **state) {
        (void) state;
        const char *tsv = HDR "PER,DE\t1234 p\t: c\n";
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, tsv, strlen(tsv), NULL, &c, &err), 0);
        assert_int_equal(c->n_dims, 3);
        assert_string_equal(c->dims[2].id, "time");
        assert_int_equal(c->dims[2].role, MS_ROLE_TIME);
        assert_non_null(c->dims[2].periods);
        assert_string_equal(c->dims[2].categories[0].code, "2016M01"); /* sorted */
        assert_true(isnan(c->values[0]));
        assert_string_equal(ms_cube_status(c, 0), "c");
        assert_true(c->values[1] == 1234);
        assert_string_equal(ms_cube_status(c, 1), "p");
}

static char *slurp(const char *path, size_t *ret_len) {
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char bufs[2][1 << 17];
        static int which;
        char *b = bufs[which++ % 2];
        *ret_len = fread(b, 1, sizeof(bufs[0]), f);
        fclose(f);
        return b;
}

/* The TSV sample equals the bundled CSV extract, cell by cell. */
static void sample_equals_bundled_csv(void **state) {
        (void) state;
        size_t tl, cl;
        const char *tsv =
                slurp(MIGSTAT_SOURCE_DIR "/tests/data/eurostat-tsv/migr_asyappctzm-de-fr-2019.tsv", &tl);
        const char *csv = slurp(MIGSTAT_SOURCE_DIR "/data/asylum_applications_monthly.csv", &cl);
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *t = NULL, *c = NULL;
        assert_int_equal(ms_source_parse(NULL, tsv, tl, NULL, &t, &err), 0);
        assert_int_equal(ms_source_parse(NULL, csv, cl, NULL, &c, &err), 0);
        assert_int_equal(t->n_cells, 8);
        int geo = ms_cube_dim_index(t, "geo"), time = ms_cube_dim_index(t, "time");
        int cg = ms_cube_dim_index(c, "geo"), ct = ms_cube_dim_index(c, "period");
        assert_true(geo >= 0 && time >= 0 && cg >= 0 && ct >= 0);
        size_t pos[8], cpos[8] = {0};
        for (size_t off = 0; off < t->n_cells; off++) {
                ms_cube_positions(t, off, pos);
                cpos[cg] = (size_t) ms_dimension_find(&c->dims[cg], t->dims[geo].categories[pos[geo]].code);
                char code[16];
                snprintf(code, sizeof(code), "%.4s-%.2s", t->dims[time].categories[pos[time]].code,
                         t->dims[time].categories[pos[time]].code + 5);
                int k = ms_dimension_find(&c->dims[ct], code);
                assert_true(k >= 0);
                cpos[ct] = (size_t) k;
                assert_true(t->values[off] == c->values[ms_cube_offset(c, cpos)]);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(malformed_variants),
                cmocka_unit_test(dimension_limit_counts_time),
                cmocka_unit_test(flags_and_order),
                cmocka_unit_test(sample_equals_bundled_csv),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
