/* SPDX-License-Identifier: MIT */
/*
 * The pieces the rest of the default set stands on (issue 6): the drop and
 * rank measures on a small table worked out by hand, label tables (parse,
 * lookup, errors with line:col), for_each expansion (ids, filters, names),
 * and per-series sources and measures in chart data.
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

#include "migstat/chart_data.h"
#include "migstat/chart_expand.h"
#include "migstat/labels.h"
#include "migstat/measure.h"
#include "migstat/source.h"

static ms_cube *table(const char *csv) {
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        ms_source_options o = {0};
        if (ms_source_parse("table", csv, strlen(csv), &o, &c, &err) < 0)
                fail_msg("%s", err.msg);
        return c;
}

/* Latest month 2025-02: B 30 > A 20 > C 5; TOTAL is the largest row. */
#define APPS \
        "origin,period,value\n" \
        "TOTAL,2025-01,100\nTOTAL,2025-02,60\nA,2025-01,50\nA,2025-02,20\n" \
        "B,2025-01,10\nB,2025-02,30\nC,2025-01,40\nC,2025-02,5\n"

static void codes_are(const ms_cube *c, const char *dim, const char *const *want, size_t n) {
        int d = ms_cube_dim_index(c, dim);
        assert_true(d >= 0);
        assert_int_equal(c->dims[d].n_categories, n);
        for (size_t i = 0; i < n; i++)
                assert_string_equal(c->dims[d].categories[i].code, want[i]);
}

static void rank_should_keep_the_largest_without_a_remainder(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS);
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_measure_apply(c, "window:1|drop:origin=TOTAL|rank:origin:2", NULL, &out, &err),
                         0);
        static const char *const want[] = {"B", "A"};
        codes_are(out, "origin", want, 2);
        assert_true(out->values[0] == 30 && out->values[1] == 20);
}

static void drop_should_name_an_unknown_code(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS);
        ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_measure_apply(c, "drop:origin=XX", NULL, &out, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "\"XX\""));
        assert_non_null(strstr(err.where, "drop:origin=XX"));
}

#define LABELS \
        "{\n  \"A\": {\"de\": \"Ägypten\", \"en\": \"Egypt\", \"id\": \"egy\"},\n" \
        "  \"B\": {\"de\": \"Irak\", \"en\": \"Iraq\"},\n  \"C\": {\"de\": \"Syrien\", \"en\": \"Syria\"}\n}\n"

static ms_labels *labels(const char *json) {
        ms_labels *t = NULL;
        ms_error err = {.offset = -1};
        if (ms_labels_parse(json, strlen(json), &t, &err) < 0)
                fail_msg("%s: %s", err.where, err.msg);
        return t;
}

static void labels_should_name_codes_per_language(void **state) {
        (void) state;
        _cleanup_(ms_labels_freep) ms_labels *t = labels(LABELS);
        assert_int_equal(ms_labels_count(t), 3);
        assert_string_equal(ms_labels_name(t, "A", MS_LANG_DE), "Ägypten");
        assert_string_equal(ms_labels_name(t, "B", MS_LANG_EN), "Iraq");
        assert_string_equal(ms_labels_id(t, "A"), "egy");
        assert_null(ms_labels_id(t, "B"));
        assert_null(ms_labels_name(t, "D", MS_LANG_DE));
}

static void labels_should_reject_bad_tables_with_a_place(void **state) {
        (void) state;
        static const struct {
                const char *json, *where, *msg;
                unsigned line;
        } rows[] = {
                {"{\"A\": {\"de\": \"x\"}}", "A.en", "expected a name of 1-200 bytes of text, got nothing",
                 1},
                {"{\"A\": {\"de\": \"x\", \"en\": \"y\"},\n \"A\": {\"de\": \"x\", \"en\": \"y\"}}", "A",
                 "duplicate code", 1},
                {"{\"A\": {\"de\": \"x\", \"en\": \"y\"},\n \"B\": {\"de\": \"x\", \"en\": \"y\", \"iso\": 1}}",
                 "B.iso", "unknown key \"iso\"", 2},
                {"{\"A\": {\"de\": \"x\", \"en\": \"y\", \"id\": \"Not Valid\"}}", "A.id",
                 "expected 1-64 characters a-z, 0-9, -, got \"Not Valid\"", 1},
                {"{\"A\": {\"de\": \"\", \"en\": \"y\"}}", "A.de",
                 "expected a name of 1-200 bytes of text, got \"\"", 1},
                {"{\"A\": [\"x\", \"y\"]}", "A",
                 "expected an object {\"de\": name, \"en\": name}, got an array", 1},
                {"[]", "", "expected an object", 0},
                {"{\"A\": ", "", "invalid JSON", 1},
        };
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_labels *t = NULL;
                ms_error err = {.offset = -1};
                int r = ms_labels_parse(rows[i].json, strlen(rows[i].json), &t, &err);
                if (r >= 0 || strcmp(err.where, rows[i].where) != 0 || !strstr(err.msg, rows[i].msg) ||
                    (rows[i].line && err.line != rows[i].line))
                        fail_msg("row %zu: r=%d line=%u %s: \"%s\", want %s: \"%s\" on line %u", i, r,
                                 err.line, err.where, err.msg, rows[i].where, rows[i].msg, rows[i].line);
        }
}

#define SPEC \
        "{\"id\": \"profile\", \"kind\": \"column\", \"source\": \"apps\",\n" \
        " \"for_each\": {\"dim\": \"origin\", \"source\": \"apps\",\n" \
        "   \"measure\": \"window:1|drop:origin=TOTAL|rank:origin:2\"},\n" \
        " \"labels\": \"origins\", \"select\": {\"filters\": {\"origin\": \"TOTAL\"}},\n" \
        " \"title\": {\"de\": \"{name}: Anträge\", \"en\": \"{name}: applications\"}}"

static ms_chart_spec *spec(const char *json) {
        ms_chart_spec *s = NULL;
        ms_error err = {.offset = -1};
        if (ms_chart_spec_parse(json, strlen(json), &s, &err) < 0)
                fail_msg("%s: %s", err.where, err.msg);
        return s;
}

static void for_each_should_make_one_chart_per_ranked_category(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS);
        _cleanup_(ms_labels_freep) ms_labels *t = labels(LABELS);
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *s = spec(SPEC);
        s->label_table = t;
        ms_chart_spec **v = NULL;
        size_t n = 0;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_chart_spec_expand(s, c, &v, &n, &err), 0);
        assert_int_equal(n, 2);
        /* B has no "id" in the table: its lower-cased code names the chart. */
        assert_string_equal(v[0]->id, "profile-b");
        assert_string_equal(v[1]->id, "profile-egy");
        assert_string_equal(v[1]->instance_name[MS_LANG_EN], "Egypt");
        assert_int_equal(v[1]->n_filters, 2);
        assert_string_equal(v[1]->filters[1].dim, "origin");
        assert_string_equal(v[1]->filters[1].code, "A");
        assert_null(v[1]->for_each);
        /* Its measure sees only its category (a ranking in it ranks A's cells). */
        assert_string_equal(v[1]->measure, "filter:origin=A");
        for (size_t i = 0; i < n; i++)
                ms_chart_spec_free(v[i]);
        free(v);
}

/* UNHCR renamed its level for new applications (NA until 2020, FI since):
 * combine adds the codes up into one series; "*" adds up every category. */
static void combine_should_add_up_renamed_codes(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c =
                table("level,year,value\nNA,2020,5\nFI,2021,7\nRA,2020,1\nRA,2021,2\n");
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(
                ms_measure_apply(c, "combine:level:first=NA+FI|filter:level=first", NULL, &out, &err), 0);
        assert_true(out->n_cells == 2 && out->values[0] == 5 && out->values[1] == 7);
        ms_cube_free(TAKE_PTR(out));
        assert_int_equal(ms_measure_apply(c, "combine:level:ALL=*|filter:level=ALL", NULL, &out, &err), 0);
        assert_true(out->values[0] == 6 && out->values[1] == 9);
        ms_cube_free(TAKE_PTR(out));
        /* Neither code has a value: the sum is missing, not 0. */
        ms_cube *partial = table("level,year,value\nNA,2020,5\nFI,2021,\nRA,2021,2\n");
        assert_int_equal(ms_measure_apply(partial, "combine:level:x=FI|filter:level=x", NULL, &out, &err), 0);
        assert_true(isnan(out->values[0]) && isnan(out->values[1]));
        ms_cube_free(partial);
        ms_cube_free(TAKE_PTR(out));
        assert_int_equal(ms_measure_apply(c, "combine:level:x=NA+XX", NULL, &out, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "\"XX\""));
        assert_int_equal(ms_measure_apply(c, "combine:level:RA=NA", NULL, &out, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "has a code \"RA\" already"));
}

/* The five largest citizenships of the latest year: ranked by that period
 * only; a category without a value in it is not among the largest. */
static void top_latest_should_rank_by_the_latest_period_only(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS "D,2025-01,1000\n");
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_measure_apply(c, "drop:origin=TOTAL|top:origin:2", NULL, &out, &err), 0);
        static const char *const by_total[] = {"D", "A", "OTHER"};
        codes_are(out, "origin", by_total, 3);
        ms_cube_free(TAKE_PTR(out));
        assert_int_equal(ms_measure_apply(c, "drop:origin=TOTAL|top-latest:origin:2", NULL, &out, &err), 0);
        static const char *const by_latest[] = {"B", "A", "OTHER"};
        codes_are(out, "origin", by_latest, 3);
        ms_cube_free(TAKE_PTR(out));
        /* Asked for 5, only B, A and C have a value in 2025-02. */
        assert_int_equal(ms_measure_apply(c, "drop:origin=TOTAL|top-latest:origin:5", NULL, &out, &err), 0);
        static const char *const only_with_value[] = {"B", "A", "C", "OTHER"};
        codes_are(out, "origin", only_with_value, 4);
        assert_int_equal(ms_measure_apply(c, "top-latest:period:2", NULL, &out, &err), -EINVAL);
}

/* UNHCR's outcomes: refugee status + complementary protection over all
 * decisions (adjusted: without the otherwise closed). */
static void protection_unhcr_should_count_both_forms(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c =
                table("measure,year,value\ndec_recognized,2023,30\ndec_other,2023,20\n"
                      "dec_rejected,2023,25\ndec_closed,2023,25\ndec_total,2023,100\n");
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_measure_apply(c, "protection-unhcr", NULL, &out, &err), 0);
        assert_true(out->n_cells == 1 && out->values[0] == 50);
        ms_cube_free(TAKE_PTR(out));
        assert_int_equal(ms_measure_apply(c, "protection-unhcr-adjusted", NULL, &out, &err), 0);
        assert_true(fabs(out->values[0] - 50.0 / 75 * 100) < 1e-12);
}

/* Eurostat writes Greece EL, the World Bank GR: per-100k matches them. */
static void per_100k_should_match_eurostat_el_to_iso_gr(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table("geo,time,value\nEL,2024,50\nDE,2024,300\n");
        _cleanup_(ms_cube_freep) ms_cube *pop =
                table("geo,time,value\nGR,2024,10000000\nDE,2024,100000000\n");
        _cleanup_(ms_cube_freep) ms_cube *out = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_measure_apply(c, "per-100k", pop, &out, &err), 0);
        int g = ms_cube_dim_index(out, "geo");
        size_t pos[2] = {0};
        pos[g] = (size_t) ms_dimension_find(&out->dims[g], "EL");
        assert_true(out->values[ms_cube_offset(out, pos)] == 0.5);
}

static void for_each_should_refuse_a_category_without_a_label(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS);
        _cleanup_(ms_labels_freep) ms_labels *t = labels("{\"A\": {\"de\": \"Ägypten\", \"en\": \"Egypt\"}}");
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *s = spec(SPEC);
        s->label_table = t;
        ms_chart_spec **v = NULL;
        size_t n = 0;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_chart_spec_expand(s, c, &v, &n, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "no entry for \"B\""));
}

/* Two sources: a series may come from the other one with its own measure. */
static const ms_cube *lookup(const char *id, void *userdata) {
        ms_cube *const *cubes = userdata;
        return strcmp(id, "apps") == 0 ? cubes[0] : strcmp(id, "other") == 0 ? cubes[1] : NULL;
}

static void series_should_take_their_own_source_and_measure(void **state) {
        (void) state;
        ms_cube *cubes[2] = {table(APPS), table("origin,period,value\nA,2025-01,7\nA,2025-02,8\n")};
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *s = spec(
                "{\"id\": \"x\", \"kind\": \"line\", \"source\": \"apps\", \"select\": {\"filters\": {\"origin\": \"A\"},"
                " \"series_labels\": {\"mine\": {\"de\": \"a\", \"en\": \"a\", \"measure\": \"ytd\"},"
                " \"theirs\": {\"de\": \"b\", \"en\": \"b\", \"source\": \"other\"}}},"
                " \"title\": {\"de\": \"t\", \"en\": \"t\"}}");
        ms_chart_data *d = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_chart_data_select_from(s, lookup, cubes, &d, &err), 0);
        ms_chart_data_free(d);
        /* A source that is not loaded is named. */
        free(s->series_labels[1].source);
        s->series_labels[1].source = strdup("nowhere");
        assert_int_equal(ms_chart_data_select_from(s, lookup, cubes, &d, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "\"nowhere\""));
        ms_cube_free(cubes[0]);
        ms_cube_free(cubes[1]);
}

/* Series that the data chooses are named by the spec's label table. */
static void series_should_take_names_from_the_label_table(void **state) {
        (void) state;
        _cleanup_(ms_cube_freep) ms_cube *c = table(APPS);
        _cleanup_(ms_labels_freep) ms_labels *t = labels(LABELS);
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *s = spec(
                "{\"id\": \"x\", \"kind\": \"line\", \"source\": \"apps\", \"labels\": \"origins\","
                " \"select\": {\"measure\": \"drop:origin=TOTAL\", \"series\": \"origin\"}, \"title\": {\"de\": \"t\", \"en\": \"t\"}}");
        s->label_table = t;
        ms_chart_data *d = NULL;
        ms_error err = {.offset = -1};
        ms_cube *cubes[2] = {c, NULL};
        assert_int_equal(ms_chart_data_select_from(s, lookup, cubes, &d, &err), 0);
        ms_chart_data_free(d);
        _cleanup_(ms_labels_freep) ms_labels *partial =
                labels("{\"A\": {\"de\": \"Ägypten\", \"en\": \"Egypt\"}}");
        s->label_table = partial;
        assert_int_equal(ms_chart_data_select_from(s, lookup, cubes, &d, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "no de name for series \"B\""));
        s->label_table = NULL;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(combine_should_add_up_renamed_codes),
                cmocka_unit_test(top_latest_should_rank_by_the_latest_period_only),
                cmocka_unit_test(protection_unhcr_should_count_both_forms),
                cmocka_unit_test(per_100k_should_match_eurostat_el_to_iso_gr),
                cmocka_unit_test(series_should_take_names_from_the_label_table),
                cmocka_unit_test(rank_should_keep_the_largest_without_a_remainder),
                cmocka_unit_test(drop_should_name_an_unknown_code),
                cmocka_unit_test(labels_should_name_codes_per_language),
                cmocka_unit_test(labels_should_reject_bad_tables_with_a_place),
                cmocka_unit_test(for_each_should_make_one_chart_per_ranked_category),
                cmocka_unit_test(for_each_should_refuse_a_category_without_a_label),
                cmocka_unit_test(series_should_take_their_own_source_and_measure),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
