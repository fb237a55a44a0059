/* SPDX-License-Identifier: MIT */
/* Eurostat's flags on plotted values become a footnote (issue 15), in the
 * chart's language, after the spec's own note; ":" (not available) is not
 * a flag.  Values and flags are real, as recorded from the API
 * (notes/live-apis.md): migr_asyappctzm 2026-06, DE 5,790 and ES 3,005
 * flagged p; demo_pjan, DE aged 25 on 1 January 2023, 974,583 flagged b. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"
#include "migstat/chart_spec.h"
#include "migstat/render.h"

#define FONTS_CONF MIGSTAT_SOURCE_DIR "/config/fonts.conf"

static const char bars_json[] =
        "{ \"id\": \"flags-bars\", \"kind\": \"bar\", \"source\": \"s\",\n"
        "  \"select\": { \"x\": \"geo\" },\n"
        "  \"title\": { \"de\": \"Asylanträge im Juni 2026\", \"en\": \"Asylum applications in June 2026\" },\n"
        "  \"note\": { \"de\": \"Auf 5 gerundet.\", \"en\": \"Rounded to 5.\" },\n"
        "  \"footer\": { \"source\": { \"de\": \"Quelle: Eurostat\", \"en\": \"Source: Eurostat\" } } }\n";

/* The text of the chart's note, or NULL. */
static const char *note_of(const ms_chart *c) {
        for (size_t i = 0; i < c->n_texts; i++)
                if (strcmp(c->texts[i].what, "note") == 0)
                        return pango_layout_get_text(c->texts[i].layout);
        return NULL;
}

static void check_note(ms_renderer *r, const ms_chart_spec *spec, const char *const codes[], double *values,
                       char **status, size_t n, ms_lang lang, const char *want) {
        char *cc[8], *labels[8];
        memcpy(cc, codes, n * sizeof(char *));
        memcpy(labels, codes, n * sizeof(char *));
        ms_series s = {
                .dim = "geo", .n = n, .codes = cc, .labels = labels, .values = values, .status = status};
        const ms_series *one[] = {&s};
        ms_series_set set = {.n = 1, .series = one, .period = "2026-06"};
        ms_chart *c = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_chart_layout_set(r, spec, &set, lang, &c, &err), 0);
        const char *note = note_of(c);
        printf("%s: %s\n", ms_lang_code(lang), note ? note : "(no note)");
        assert_non_null(note);
        assert_string_equal(note, want);
        const char *problems = "";
        assert_int_equal(ms_chart_problems(c, &problems), 0); /* the footnote fits */
        const char *dir = getenv("FLAGS_PNG_DIR"); /* to look at it */
        if (dir) {
                char path[512];
                ms_buf b = {0};
                snprintf(path, sizeof(path), "%s/flags-%s-%zu.png", dir, ms_lang_code(lang), n);
                assert_int_equal(ms_chart_write_png(c, 1, &b, &err), 0);
                FILE *f = fopen(path, "w");
                assert_non_null(f);
                fwrite(b.data, 1, b.len, f);
                fclose(f);
                ms_buf_done(&b);
        }
        ms_chart_free(c);
}

static void flags_on_plotted_values_should_become_a_footnote(void **state) {
        (void) state;
        ms_renderer *r = NULL;
        ms_chart_spec *spec = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_renderer_new(FONTS_CONF, &r, &err), 0);
        assert_int_equal(ms_chart_spec_parse(bars_json, strlen(bars_json), &spec, &err), 0);
        static const char *const geo[] = {"DE", "ES"};
        double v[] = {5790, 3005};
        char *p[] = {NULL, "p"};
        check_note(r, spec, geo, v, p, 2, MS_LANG_EN, "Rounded to 5. Source flags: p = provisional");
        check_note(r, spec, geo, v, p, 2, MS_LANG_DE,
                   "Auf 5 gerundet. Kennzeichen der Quelle: p = vorläufig");
        /* Flags combine; each letter is named once, in a fixed order. */
        static const char *const de25[] = {"DE"};
        double v25[] = {974583};
        char *bp[] = {"b"};
        check_note(r, spec, de25, v25, bp, 1, MS_LANG_EN,
                   "Rounded to 5. Source flags: b = break in time series");
        char *both[] = {"pb", "dp"};
        check_note(
                r, spec, geo, v, both, 2, MS_LANG_EN,
                "Rounded to 5. Source flags: b = break in time series, d = definition differs, p = provisional");
        /* ":" marks a missing value, not a flag: the note stays the spec's. */
        char *na[] = {NULL, ":"};
        check_note(r, spec, geo, v, na, 2, MS_LANG_EN, "Rounded to 5.");
        ms_chart_spec_free(spec);
        ms_renderer_free(r);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(flags_on_plotted_values_should_become_a_footnote),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
