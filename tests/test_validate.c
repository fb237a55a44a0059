/* SPDX-License-Identifier: MIT */
/*
 * The validation gate: a clean table passes; each row plants one fault and
 * names the check that must catch it, at which level, with what message.
 * Then the bundled Eurostat decisions, whose totals must add up within
 * Eurostat's rounding to multiples of 5.
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

#include "migstat/measure.h"
#include "migstat/source.h"
#include "migstat/validate.h"

#define H "geo,decision,period,value\n"
/* TOTAL = POS + REJ exactly; months 2024-01..03. */
#define CLEAN \
        H "DE,TOTAL,2024-01,100\nDE,POS,2024-01,40\nDE,REJ,2024-01,60\n" \
          "DE,TOTAL,2024-02,110\nDE,POS,2024-02,50\nDE,REJ,2024-02,60\n" \
          "DE,TOTAL,2024-03,120\nDE,POS,2024-03,55\nDE,REJ,2024-03,65\n"

static ms_cube *table(const char *csv) {
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        ms_source_options o = {.allow_negative = true}; /* the gate, not the parser, judges signs here */
        if (ms_source_parse("table", csv, strlen(csv), &o, &c, &err) < 0)
                fail_msg("%s", err.msg);
        return c;
}

/* Validate c and check the level and, when check is set, that this check
 * reported msg (a substring of its first finding); prints every finding.
 * Both tables of planted faults end in this. */
static void expect_validation(const char *name, const ms_cube *c, const ms_validate_rules *rules, int level,
                              const char *check, const char *msg) {
        ms_validation v = {0};
        int got = ms_validate(c, rules, &v);
        print_message("%s: level %d\n", name, got);
        for (size_t f = 0; f < v.n_findings; f++)
                print_message("  %s: %s\n", v.findings[f].check, v.findings[f].msg);
        assert_int_equal(got, level);
        if (check) {
                size_t f = 0;
                while (f < v.n_findings && strcmp(v.findings[f].check, check) != 0)
                        f++;
                assert_true(f < v.n_findings);
                if (!strstr(v.findings[f].msg, msg))
                        fail_msg("%s: got \"%s\"", name, v.findings[f].msg);
        }
        ms_validation_done(&v);
}

static const char *const parts[] = {"POS", "REJ"};
static const ms_total_rule totals5 = {
        .dim = "decision", .total = "TOTAL", .parts = parts, .n_parts = 2, .rounding = 5};
static const char *const dims3[] = {"geo", "decision", "period"};
static const char *const need_de[] = {"geo=DE"};

typedef struct row {
        const char *name;
        const char *csv;
        const char *previous; /* CSV of the last good cube or NULL */
        int level;
        const char *check; /* the check that must report */
        const char *msg; /* substring of its first finding */
} row;

static const row rows[] = {
        {"clean table", CLEAN, NULL, MS_VALIDATE_OK, NULL, NULL},
        {"dimension missing", "geo,period,value\nDE,2024-01,1\n", NULL, MS_VALIDATE_ERROR, "dims",
         "expected a dimension \"decision\""},
        {"dimension extra", "geo,sex,decision,period,value\nDE,T,TOTAL,2024-01,1\n", NULL, MS_VALIDATE_ERROR,
         "dims", "unexpected dimension \"sex\""},
        {"required code missing", H "FR,TOTAL,2024-01,1\nFR,POS,2024-01,1\nFR,REJ,2024-01,0\n", NULL,
         MS_VALIDATE_ERROR, "required", "expected the category geo=DE"},
        {"negative count", H "DE,TOTAL,2024-01,0\nDE,POS,2024-01,5\nDE,REJ,2024-01,-5\n", NULL,
         MS_VALIDATE_ERROR, "negative", "decision=REJ, period=2024-01: expected a count >= 0, got -5"},
        {"total does not add up", H "DE,TOTAL,2024-01,120\nDE,POS,2024-01,40\nDE,REJ,2024-01,60\n", NULL,
         MS_VALIDATE_ERROR, "totals", "the parts sum to 100, the total is 120 (off by -20, allowed 7.5)"},
        {"total off within Eurostat's rounding",
         H "DE,TOTAL,2024-01,105\nDE,POS,2024-01,40\nDE,REJ,2024-01,60\n", NULL, MS_VALIDATE_OK, NULL, NULL},
        {"total code missing", H "DE,ALL,2024-01,1\nDE,POS,2024-01,1\nDE,REJ,2024-01,0\n", NULL,
         MS_VALIDATE_ERROR, "totals", "expected decision=TOTAL"},
        {"month-on-month jump",
         H "DE,TOTAL,2024-01,100\nDE,POS,2024-01,40\nDE,REJ,2024-01,60\n"
           "DE,TOTAL,2024-02,1000\nDE,POS,2024-02,400\nDE,REJ,2024-02,600\n",
         NULL, MS_VALIDATE_WARNING, "jump",
         "decision=TOTAL, period=2024-02: 1000 after 100 in the month before (factor 10.00"},
        {"revision against the last good cube", CLEAN,
         H "DE,TOTAL,2024-01,100\nDE,POS,2024-01,40\nDE,REJ,2024-01,60\nDE,TOTAL,2024-02,105\n",
         MS_VALIDATE_WARNING, "revision", "period=2024-02: revised from 105 to 110 (+5, +4.8%)"},
        {"a cell of the last good cube disappeared", CLEAN, H "DE,TOTAL,2023-12,90\n", MS_VALIDATE_WARNING,
         "revision", "period=2023-12: was 90, now missing"},
        {"stale", H "DE,TOTAL,2023-06,100\nDE,POS,2023-06,40\nDE,REJ,2023-06,60\n", NULL, MS_VALIDATE_WARNING,
         "stale", "the latest period with a value is 2023-06, 9 months before 2024-03 (expected at most 3)"},
};

static void planted_faults_are_caught(void **state) {
        (void) state;
        ms_period now = {.year = 2024, .kind = MS_PERIOD_MONTH, .sub = 3};
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
                const row *w = &rows[i];
                _cleanup_(ms_cube_freep) ms_cube *c = table(w->csv);
                _cleanup_(ms_cube_freep) ms_cube *prev = w->previous ? table(w->previous) : NULL;
                bool has_decision = ms_cube_dim_index(c, "decision") >= 0;
                ms_validate_rules rules = {
                        .dims = dims3,
                        .n_dims = 3,
                        .required = need_de,
                        .n_required = 1,
                        .totals = has_decision ? &totals5 : NULL,
                        .n_totals = has_decision,
                        .jump_factor = 3,
                        .jump_min = 50,
                        .previous = prev,
                        .now = &now,
                        .max_age_months = 3,
                };
                expect_validation(w->name, c, &rules, w->level, w->check, w->msg);
        }
}

static char *slurp(const char *name, size_t *ret_len) {
        char path[512];
        snprintf(path, sizeof(path), "%s/data/%s", MIGSTAT_SOURCE_DIR, name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char buf[4 << 20];
        *ret_len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        assert_true(*ret_len > 0 && *ret_len < sizeof(buf));
        return buf;
}

/* Eurostat migr_asydcfsta as bundled: TOTAL = TOTAL_POS + REJECTED for every
 * country and year, within rounding to 5 (2 parts: at most 7.5 off). */
static void bundled_eurostat_decisions_add_up(void **state) {
        (void) state;
        size_t len;
        const char *csv = slurp("asylum_decisions.csv", &len);
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_source_parse(NULL, csv, len, NULL, &c, &err), 0);
        static const char *const p[] = {"TOTAL_POS", "REJECTED"};
        ms_total_rule t = {.dim = "decision", .total = "TOTAL", .parts = p, .n_parts = 2, .rounding = 5};
        ms_validate_rules rules = {.totals = &t, .n_totals = 1};
        ms_validation v = {0};
        int level = ms_validate(c, &rules, &v);
        for (size_t f = 0; f < v.n_findings && f < 5; f++)
                print_message("  %s: %s\n", v.findings[f].check, v.findings[f].msg);
        assert_int_equal(level, MS_VALIDATE_OK);
        /* ... and the same rule with exact counting (BAMF's) would not hold: the
         * rounding tolerance is what makes Eurostat's figures pass. */
        t.rounding = 0;
        level = ms_validate(c, &rules, &v);
        assert_int_equal(level, MS_VALIDATE_ERROR);
        ms_validation_done(&v);
}

/* BAMF decisions as bundled: the parts add up exactly to the total for every
 * month with a published total. */
static void bundled_bamf_decisions_add_up(void **state) {
        (void) state;
        size_t len;
        const char *csv = slurp("bamf_decisions_monthly_de_2019-2021.csv", &len);
        ms_error err = {.offset = -1};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL, *tot = NULL;
        assert_int_equal(ms_source_parse(NULL, csv, len, NULL, &c, &err), 0);
        assert_int_equal(ms_measure_filter(c, "citizenship_bamf_code", "TOTAL", &tot, &err), 0);
        static const char *const p[] = {"decisions_asylum_art16a",   "decisions_refugee_par3",
                                        "decisions_subsidiary_par4", "decisions_deportation_ban_par60",
                                        "decisions_rejected",        "decisions_formal"};
        ms_total_rule t = {.dim = "measure", .total = "decisions_total", .parts = p, .n_parts = 6};
        ms_validate_rules rules = {.totals = &t, .n_totals = 1, .jump_factor = 3, .jump_min = 1000};
        ms_validation v = {0};
        int level = ms_validate(tot, &rules, &v);
        for (size_t f = 0; f < v.n_findings && f < 5; f++)
                print_message("  %s: %s\n", v.findings[f].check, v.findings[f].msg);
        assert_int_equal(ms_validation_count(&v, "totals"), 0);
        /* The slump in the data (13,154 decisions in March 2020, 5,340 in April)
         * and the rebound to 16,748 in May are flagged, as warnings. */
        assert_int_equal(level, MS_VALIDATE_WARNING);
        bool may = false;
        for (size_t f = 0; f < v.n_findings; f++)
                may |= strstr(v.findings[f].msg,
                              "measure=decisions_total, period=2020-05: 16748 after 5340") != NULL;
        assert_true(may);
        ms_validation_done(&v);
}

/* Plausibility against the last good data: two countries, six months. */
#define PH "geo,period,value\n"
#define PGOOD \
        PH "DE,2024-01,1000\nDE,2024-02,1100\nDE,2024-03,1200\nDE,2024-04,1300\nDE,2024-05,1400\nDE,2024-06,1500\n" \
           "AT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\nAT,2024-05,240\nAT,2024-06,250\n"

typedef struct plaus_row {
        const char *name, *csv;
        bool accepted;
        int level;
        const char *check, *msg;
} plaus_row;

static const plaus_row plaus_rows[] = {
        {"unchanged", PGOOD, false, MS_VALIDATE_OK, NULL, NULL},
        {"a small revision publishes, listed",
         PH
         "DE,2024-01,1000\nDE,2024-02,1100\nDE,2024-03,1200\nDE,2024-04,1300\n"
         "DE,2024-05,1400\nDE,2024-06,1510\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\n"
         "AT,2024-05,240\nAT,2024-06,250\n",
         false, MS_VALIDATE_WARNING, "revision", "geo=DE, period=2024-06: revised from 1500 to 1510"},
        {"a new month in line publishes", PGOOD "DE,2024-07,1450\nAT,2024-07,260\n", false, MS_VALIDATE_OK,
         NULL, NULL},
        {"the last months 0",
         PH
         "DE,2024-01,1000\nDE,2024-02,1100\nDE,2024-03,1200\nDE,2024-04,1300\nDE,2024-05,0\n"
         "DE,2024-06,0\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\nAT,2024-05,240\nAT,2024-06,250\n",
         false, MS_VALIDATE_ERROR, "zeros", "geo=DE, period=2024-05: was 1400 in the last good data, now 0"},
        {"a new month of 0", PGOOD "DE,2024-07,0\nAT,2024-07,260\n", false, MS_VALIDATE_ERROR, "zeros",
         "geo=DE, period=2024-07: 0, where the 6 values before were 1000 to 1500"},
        {"a new month x1000", PGOOD "DE,2024-07,1500000\nAT,2024-07,260\n", false, MS_VALIDATE_ERROR, "level",
         "geo=DE, period=2024-07: 1.5e+06, where the 6 values before were 1000 to 1500"},
        {"all /1000",
         PH
         "DE,2024-01,1\nDE,2024-02,1.1\nDE,2024-03,1.2\nDE,2024-04,1.3\nDE,2024-05,1.4\nDE,2024-06,1.5\n"
         "AT,2024-01,0.2\nAT,2024-02,0.21\nAT,2024-03,0.22\nAT,2024-04,0.23\nAT,2024-05,0.24\nAT,2024-06,0.25\n",
         false, MS_VALIDATE_ERROR, "level",
         "the series geo=DE: its 6 periods sum to 7.5, 7500 in the last good data"},
        {"AT's figures under DE",
         PH
         "DE,2024-01,200\nDE,2024-02,210\nDE,2024-03,220\nDE,2024-04,230\nDE,2024-05,240\n"
         "DE,2024-06,250\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\nAT,2024-05,240\nAT,2024-06,250\n",
         false, MS_VALIDATE_ERROR, "member",
         "geo=DE: its values are those of geo=AT in the last good data (off by 0.0%)"},
        {"one value far off",
         PH
         "DE,2024-01,1000\nDE,2024-02,3300\nDE,2024-03,1200\nDE,2024-04,1300\nDE,2024-05,1400\n"
         "DE,2024-06,1500\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\nAT,2024-05,240\nAT,2024-06,250\n",
         false, MS_VALIDATE_ERROR, "revision-size",
         "geo=DE, period=2024-02: was 1100 in the last good data, now 3300 (+200%"},
        {"history rewritten by 10 %",
         PH
         "DE,2024-01,1100\nDE,2024-02,1210\nDE,2024-03,1320\nDE,2024-04,1430\nDE,2024-05,1540\n"
         "DE,2024-06,1650\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\nAT,2024-05,240\nAT,2024-06,250\n",
         false, MS_VALIDATE_ERROR, "revision-share",
         "6 of the 12 values of the last good data changed or disappeared (50.0%"},
        {"the same, accepted by the operator",
         PH
         "DE,2024-01,1100\nDE,2024-02,1210\nDE,2024-03,1320\nDE,2024-04,1430\n"
         "DE,2024-05,1540\nDE,2024-06,1650\nAT,2024-01,200\nAT,2024-02,210\nAT,2024-03,220\nAT,2024-04,230\n"
         "AT,2024-05,240\nAT,2024-06,250\n",
         true, MS_VALIDATE_WARNING, "revision", "revised from 1000 to 1100"},
};

static void plausibility_against_the_last_good_data(void **state) {
        (void) state;
        static const ms_plausibility pl = {.max_revised_share = 0.25,
                                           .max_revision_change = 0.5,
                                           .revision_min = 50,
                                           .level_factor = 10,
                                           .level_min = 100,
                                           .zeros_min = 50,
                                           .member_distance = 0.02};
        _cleanup_(ms_cube_freep) ms_cube *prev = table(PGOOD);
        for (size_t i = 0; i < sizeof(plaus_rows) / sizeof(plaus_rows[0]); i++) {
                const plaus_row *w = &plaus_rows[i];
                _cleanup_(ms_cube_freep) ms_cube *c = table(w->csv);
                ms_validate_rules rules = {.previous = prev, .plausibility = pl, .accepted = w->accepted};
                expect_validation(w->name, c, &rules, w->level, w->check, w->msg);
        }
}

/* First-time applicants are a subset of all: below is fine, above never. */
static void a_subset_is_at_most_its_total(void **state) {
        (void) state;
        static const char *const first[] = {"FRST"};
        const ms_total_rule rule = {.dim = "applicant",
                                    .total = "ASY_APP",
                                    .parts = first,
                                    .n_parts = 1,
                                    .rounding = 5,
                                    .at_most = true};
        ms_validate_rules rules = {.totals = &rule, .n_totals = 1};
        _cleanup_(ms_cube_freep) ms_cube *ok =
                table("applicant,period,value\nASY_APP,2024-01,100\nFRST,2024-01,80\n");
        _cleanup_(ms_cube_freep) ms_cube *bad =
                table("applicant,period,value\nASY_APP,2024-01,100\nFRST,2024-01,140\n");
        ms_validation v = {0};
        assert_int_equal(ms_validate(ok, &rules, &v), MS_VALIDATE_OK);
        ms_validation_done(&v);
        assert_int_equal(ms_validate(bad, &rules, &v), MS_VALIDATE_ERROR);
        assert_non_null(strstr(v.findings[0].msg,
                               "applicant=ASY_APP, period=2024-01: the parts sum to 140, the total is 100 "
                               "(off by 40, allowed 5, the parts at most the total)"));
        ms_validation_done(&v);
}

static ms_cube *jsonstat_time(const char *codes, const char *values) {
        char doc[1024];
        snprintf(doc, sizeof(doc),
                 "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"time\"],\"size\":[3],"
                 "\"dimension\":{\"time\":{\"category\":{\"index\":%s}}},\"value\":%s}",
                 codes, values);
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        if (ms_source_parse("jsonstat", doc, strlen(doc), NULL, &c, &err) < 0)
                fail_msg("%s", err.msg);
        return c;
}

static void the_time_dimension_is_one_axis(void **state) {
        (void) state;
        ms_error err = {.offset = -1};
        /* Descending in the source: ascending after, the values with their periods. */
        _cleanup_(ms_cube_freep) ms_cube *c =
                jsonstat_time("[\"2019M03\",\"2019-01\",\"2019M02\"]", "[3,1,2]");
        assert_int_equal(ms_cube_normalize_time(c, &err), 0);
        assert_string_equal(c->dims[0].categories[0].code, "2019-01");
        assert_string_equal(c->dims[0].categories[1].code, "2019-02");
        assert_string_equal(c->dims[0].categories[2].code, "2019-03");
        assert_true(c->values[0] == 1 && c->values[1] == 2 && c->values[2] == 3);
        _cleanup_(ms_cube_freep) ms_cube *q =
                jsonstat_time("[\"2019-01\",\"2019-02\",\"2019-Q1\"]", "[1,2,3]");
        assert_int_equal(ms_cube_normalize_time(q, &err), -EBADMSG);
        print_message("%s\n", err.msg);
        assert_non_null(strstr(
                err.msg, "expected one frequency, got a month (\"2019-01\") and a quarter (\"2019-Q1\")"));
        _cleanup_(ms_cube_freep) ms_cube *d =
                jsonstat_time("[\"2019-03\",\"2019-01\",\"2019M03\"]", "[3,1,4]");
        assert_int_equal(ms_cube_normalize_time(d, &err), -EBADMSG);
        print_message("%s\n", err.msg);
        assert_non_null(strstr(err.msg, "\"2019-03\" and \"2019M03\" are the same period"));
        /* A month after now + slack is an error; within the slack it is not. */
        _cleanup_(ms_cube_freep) ms_cube *f =
                jsonstat_time("[\"2024-02\",\"2024-03\",\"2024-05\"]", "[1,2,3]");
        ms_period now = {.year = 2024, .kind = MS_PERIOD_MONTH, .sub = 3};
        ms_validate_rules rules = {.now = &now, .check_future = true};
        ms_validation v = {0};
        assert_int_equal(ms_validate(f, &rules, &v), MS_VALIDATE_ERROR);
        assert_non_null(strstr(v.findings[0].msg, "time=2024-05: a period after the current month 2024-03"));
        ms_validation_done(&v);
        rules.future_months = 2;
        assert_int_equal(ms_validate(f, &rules, &v), MS_VALIDATE_OK);
        ms_validation_done(&v);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(planted_faults_are_caught),
                cmocka_unit_test(plausibility_against_the_last_good_data),
                cmocka_unit_test(the_time_dimension_is_one_axis),
                cmocka_unit_test(a_subset_is_at_most_its_total),
                cmocka_unit_test(bundled_eurostat_decisions_add_up),
                cmocka_unit_test(bundled_bamf_decisions_add_up),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
