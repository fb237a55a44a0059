/* SPDX-License-Identifier: MIT */
/*
 * Real JSON-stat files against reference values from an independent reader
 * (tests/data/jsonstat-samples/expected.tsv, format in its README.md).
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

#include "migstat/buf.h"
#include "migstat/cube_csv.h"
#include "migstat/jsonstat.h"
#include "migstat/slice.h"

#define SAMPLES MIGSTAT_TEST_DATA "/jsonstat-samples/"

static int read_file(const char *path, char **ret, size_t *ret_len) {
        _cleanup_fclose_ FILE *f = fopen(path, "re");
        if (!f)
                return -errno;
        ms_buf b = {0};
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
                if (ms_buf_append(&b, chunk, n) < 0) {
                        ms_buf_done(&b);
                        return -ENOMEM;
                }
        if (ferror(f) || !b.data) {
                ms_buf_done(&b);
                return -EIO;
        }
        *ret = b.data;
        *ret_len = b.len;
        return 0;
}

/* Parse "file.json#sel" from the samples directory. */
static ms_cube *load_sample(const char *spec, bool keep_text) {
        char path[512], name[256];
        const char *hash = strchr(spec, '#');
        snprintf(name, sizeof(name), "%.*s", (int) (hash ? hash - spec : (ptrdiff_t) strlen(spec)), spec);
        snprintf(path, sizeof(path), SAMPLES "%s", name);
        _cleanup_free_ char *buf = NULL;
        size_t len;
        assert_int_equal(read_file(path, &buf, &len), 0);

        ms_jsonstat_options o = {.dataset = hash ? hash + 1 : NULL, .keep_text = keep_text};
        ms_error err = {.file = name};
        ms_cube *c = NULL;
        int r = ms_jsonstat_parse(buf, len, &o, &c, &err);
        if (r < 0) {
                char m[700];
                print_error("%s: %s\n", spec, ms_error_format(&err, m, sizeof(m)));
        }
        assert_int_equal(r, 0);
        return c;
}

/* The cell's value as expected.tsv spells it: the source's text, strings
 * JSON-quoted, "null" when missing. */
static void cell_text(const ms_cube *c, size_t off, char *buf, size_t n) {
        const char *t;
        switch (ms_cube_text(c, off, &t)) {
        case MS_CELL_TEXT_NUMBER: snprintf(buf, n, "%s", t); break;
        case MS_CELL_TEXT_STRING: snprintf(buf, n, "\"%s\"", t); break;
        default:
                if (isnan(c->values[off]))
                        snprintf(buf, n, "null");
                else
                        assert_true(ms_format_double(c->values[off], buf, n) >= 0);
        }
}

/* "dim=code;dim=code" in id order -> offset; false (printed) on a miss. */
static bool find_cell(const ms_cube *c, char *coord, size_t *ret_off) {
        size_t pos[64], i = 0;
        for (char *tok; (tok = strsep(&coord, ";")); i++) {
                char *eq = strchr(tok, '=');
                if (!eq || i >= c->n_dims || i >= 64) {
                        print_error("bad coordinate part \"%s\"\n", tok);
                        return false;
                }
                *eq = '\0';
                if (strcmp(c->dims[i].id, tok) != 0) {
                        print_error("dimension %zu: expected \"%s\", cube has \"%s\"\n", i, tok,
                                    c->dims[i].id);
                        return false;
                }
                int p = ms_dimension_find(&c->dims[i], eq + 1);
                if (p < 0) {
                        print_error("dimension %s: no code \"%s\"\n", tok, eq + 1);
                        return false;
                }
                pos[i] = (size_t) p;
        }
        if (i != c->n_dims) {
                print_error("coordinate names %zu of %zu dimensions\n", i, c->n_dims);
                return false;
        }
        *ret_off = ms_cube_offset(c, pos);
        return true;
}

/* One expected.tsv row: true when the cube agrees. */
static bool check_row(const ms_cube *c, char *coord, const char *value, const char *status) {
        char got[256];
        const char *got_status = "";
        if (strcmp(coord, "#ncells") == 0)
                snprintf(got, sizeof(got), "%zu", c->n_cells);
        else if (strcmp(coord, "#nonnull") == 0)
                snprintf(got, sizeof(got), "%zu", ms_cube_count_nonnull(c));
        else {
                size_t off;
                if (!find_cell(c, coord, &off))
                        return false;
                cell_text(c, off, got, sizeof(got));
                got_status = ms_cube_status(c, off) ?: "";
        }
        if (strcmp(got, value) != 0 || strcmp(got_status, status) != 0) {
                print_error("expected value %s status \"%s\", got value %s status \"%s\"\n", value, status,
                            got, got_status);
                return false;
        }
        return true;
}

static void samples_should_match_expected_tsv(void **state) {
        (void) state;
        _cleanup_free_ char *tsv = NULL;
        size_t len, rows = 0, checked = 0, failed = 0;
        char loaded[256] = "";
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;

        assert_int_equal(read_file(SAMPLES "expected.tsv", &tsv, &len), 0);
        char *rest = tsv;
        for (char *line; (line = strsep(&rest, "\n"));) {
                if (!line[0] || strncmp(line, "file\t", 5) == 0)
                        continue; /* header, final newline */
                rows++;
                char *f[4] = {line, NULL, NULL, NULL};
                for (int i = 1; i < 4; i++) {
                        char *tab = strchr(f[i - 1], '\t');
                        assert_non_null(tab);
                        *tab = '\0';
                        f[i] = tab + 1;
                }
                if (strcmp(loaded, f[0]) != 0) {
                        c = ms_cube_free(c);
                        c = load_sample(f[0], true);
                        snprintf(loaded, sizeof(loaded), "%s", f[0]);
                }
                char coord[512];
                snprintf(coord, sizeof(coord), "%s", f[1]);
                if (check_row(c, coord, f[2], f[3]))
                        checked++;
                else {
                        print_error("  at %s %s\n", f[0], f[1]);
                        failed++;
                }
        }
        print_message("%zu of %zu rows checked\n", checked, rows);
        assert_int_equal(failed, 0);
        assert_true(rows >= 100); /* the file has 108 data rows: never pass vacuously */
        assert_int_equal(checked, rows);
}

/* Without keep_text the numbers are the same; string values become missing. */
static void samples_without_text_should_hold_same_numbers(void **state) {
        (void) state;
        static const char *const files[] = {"oecd.json",
                                            "canada.json",
                                            "galicia.json",
                                            "order.json",
                                            "oecd-canada.json#canada",
                                            "scb-statswe-1x.json",
                                            "eurostat-une_rt_m-de-since-2024-01.json"};
        for (size_t i = 0; i < ELEMENTSOF(files); i++) {
                _cleanup_(ms_cube_freep) ms_cube *a = load_sample(files[i], true);
                _cleanup_(ms_cube_freep) ms_cube *b = load_sample(files[i], false);
                assert_int_equal(a->n_cells, b->n_cells);
                assert_null(b->text_kind);
                for (size_t off = 0; off < a->n_cells; off++) {
                        const char *t;
                        if (ms_cube_text(a, off, &t) == MS_CELL_TEXT_NUMBER)
                                assert_true(strtod(t, NULL) == b->values[off]);
                        else
                                assert_true(isnan(b->values[off]));
                }
        }
}

static void samples_should_carry_metadata_and_roles(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *oecd = load_sample("oecd.json", false);
        assert_string_equal(oecd->updated, "2012-11-27");
        assert_string_equal(oecd->label, "Unemployment rate in the OECD countries 2003-2014");
        assert_int_equal(ms_cube_dim_by_role(oecd, MS_ROLE_TIME), 2);
        assert_int_equal(ms_cube_dim_by_role(oecd, MS_ROLE_GEO), 1);
        assert_int_equal(ms_cube_dim_by_role(oecd, MS_ROLE_METRIC), 0);
        /* concept has no index: its code is label's single key */
        assert_string_equal(oecd->dims[0].categories[0].code, "UNR");
        assert_string_equal(oecd->dims[0].categories[0].label, "unemployment rate");

        _cleanup_(ms_cube_freep) ms_cube *es = load_sample("eurostat-une_rt_m-de-since-2024-01.json", false);
        assert_string_equal(es->source, "ESTAT");
        assert_int_equal(ms_cube_dim_by_role(es, MS_ROLE_TIME), ms_cube_dim_index(es, "time"));
        assert_int_equal(ms_cube_dim_by_role(es, MS_ROLE_GEO), ms_cube_dim_index(es, "geo"));

        _cleanup_(ms_cube_freep) ms_cube *order = load_sample("order.json", false);
        assert_string_equal(order->dims[0].categories[2].label, "3"); /* no label: the code */

        _cleanup_(ms_cube_freep) ms_cube *scb = load_sample("scb-statswe-1x.json#0", false);
        assert_int_equal(scb->n_cells, 1120);
}

static void csv_should_print_source_text_and_status(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = load_sample("order.json", true);
        ms_buf b = {0};
        assert_int_equal(ms_cube_write_csv(c, &b), 0);
        const char *head = "A,B,C,value,status\n1,1,1,A1B1C1,\n1,1,2,A1B1C2,\n";
        assert_true(b.len > strlen(head));
        b.data[strlen(head)] = '\0';
        assert_string_equal(b.data, head);
        ms_buf_done(&b);

        _cleanup_(ms_cube_freep) ms_cube *e = load_sample("eurostat-une_rt_m-de-since-2024-01.json", true);
        assert_int_equal(ms_cube_write_csv(e, &b), 0);
        assert_non_null(strstr(b.data, "M,SA,TOTAL,PC_ACT,T,DE,2026-06,4.0,\n"));
        assert_non_null(strstr(b.data, "M,SA,TOTAL,PC_ACT,T,DE,2026-08,,\n"));
        ms_buf_done(&b);

        _cleanup_(ms_cube_freep) ms_cube *x = load_sample("eurostat-sts_inpr_m-ie-confidential.json", false);
        assert_int_equal(ms_cube_write_csv(x, &b), 0);
        assert_non_null(strstr(b.data, ",IE,2023-01,,|C\n"));
        ms_buf_done(&b);

        _cleanup_(ms_cube_freep) ms_cube *z =
                load_sample("eurostat-nama_10_gdp-de-since-2030-empty.json", true);
        assert_int_equal(ms_cube_write_csv(z, &b), 0);
        assert_null(strchr(strchr(b.data, '\n') + 1, '\n')); /* header only */
        ms_buf_done(&b);
}

static void format_double_should_be_shortest_round_trip(void **state) {
        (void) state;
        static const struct {
                double v;
                const char *s;
        } rows[] = {
                {0.1, "0.1"},
                {12345, "12345"},
                {1e6, "1000000"},
                {-2.5, "-2.5"},
                {5.943826289, "5.943826289"},
                {1.0 / 3, "0.3333333333333333"},
                {1e300, "1e+300"},
                {4.0, "4"},
                {NAN, ""},
                {123456789012.5, "123456789012.5"},
        };
        char buf[64];
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                assert_true(ms_format_double(rows[i].v, buf, sizeof(buf)) >= 0);
                assert_string_equal(buf, rows[i].s);
        }
        assert_int_equal(ms_format_double(0.1, buf, 3), -ENOBUFS);
}

static void slice_should_fix_filters_and_window(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = load_sample("canada.json", false);
        ms_filter f[] = {{"age", "T"}, {"concept", "POP"}};
        ms_slice_request req = {.filters = f, .n_filters = 2, .free_dim = "sex"};
        _cleanup_(ms_series_freep) ms_series *s = NULL;
        ms_error err = {0};
        assert_int_equal(ms_cube_slice(c, &req, &s, &err), 0);
        assert_int_equal(s->n, 3);
        assert_string_equal(s->dim, "sex");
        assert_string_equal(s->codes[0], "T");
        assert_true(s->values[0] == 34880.5);
        assert_string_equal(s->status[0], "a");
        s = ms_series_free(s);

        /* no filter for age, which has 20 categories */
        req.n_filters = 1;
        f[0] = (ms_filter){"concept", "POP"};
        assert_int_equal(ms_cube_slice(c, &req, &s, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "\"age\""));
        assert_non_null(strstr(err.msg, "T, "));
        f[0] = (ms_filter){"concept", "XX"};
        assert_int_equal(ms_cube_slice(c, &req, &s, &err), -ENOENT);
        assert_non_null(strstr(err.msg, "unknown code \"XX\"; valid codes: POP, PERCENT"));
        f[0] = (ms_filter){"nope", "XX"};
        assert_int_equal(ms_cube_slice(c, &req, &s, &err), -ENOENT);
        assert_non_null(strstr(err.msg, "unknown dimension \"nope\""));
        assert_null(s);

        _cleanup_(ms_cube_freep) ms_cube *e = load_sample("eurostat-une_rt_m-de-since-2024-01.json", false);
        ms_slice_request r2 = {.window = 3}; /* free dim: time; all others size 1 */
        assert_int_equal(ms_cube_slice(e, &r2, &s, &err), 0);
        assert_int_equal(s->n, 3);
        assert_string_equal(s->codes[2], "2026-08");
        assert_true(isnan(s->values[2]));
        assert_true(s->values[1] == 4.0);
        assert_null(s->status[1]);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(samples_should_match_expected_tsv),
                cmocka_unit_test(samples_without_text_should_hold_same_numbers),
                cmocka_unit_test(samples_should_carry_metadata_and_roles),
                cmocka_unit_test(csv_should_print_source_text_and_status),
                cmocka_unit_test(format_double_should_be_shortest_round_trip),
                cmocka_unit_test(slice_should_fix_filters_and_window),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
