/* SPDX-License-Identifier: MIT */
/* The footer says where the figures come from and how current they are:
 * "Quelle: …  ·  Stand: 2024" on one line when it fits; on a phone, where a
 * long source fills the line, "Stand: 2024" takes a line of its own, and no
 * line starts with a lone "·" (as it did before).  The source line is the
 * real one of eu-applications-per-100k. */
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

#define SPEC(WIDTH, HEIGHT) \
        "{ \"id\": \"footer\", \"kind\": \"bar\", \"source\": \"s\", \"select\": { \"x\": \"geo\" },\n" \
        "  \"title\": { \"de\": \"Asylantragsteller je 100.000 Einwohner, 2024\", \"en\": \"Per 100,000\" },\n" \
        "  \"size\": { \"width\": " #WIDTH ", \"height\": " #HEIGHT " },\n" \
        "  \"footer\": { \"source\": { \"de\": \"Quelle: Eurostat, migr_asyappctza (auf 5 gerundet); " \
        "Weltbank, SP.POP.TOTL\", \"en\": \"Source: Eurostat\" },\n" \
        "              \"licence\": { \"de\": \"CC BY 4.0\", \"en\": \"CC BY 4.0\" } } }\n"

/* The footer of spec laid out in German, as its lines joined by "|". */
static void footer_lines(ms_renderer *r, const char *json, char *buf, size_t n) {
        ms_chart_spec *spec = NULL;
        ms_error err = {.offset = -1};
        assert_int_equal(ms_chart_spec_parse(json, strlen(json), &spec, &err), 0);
        char *codes[] = {"EL", "DE"};
        double values[] = {707.9, 300.0};
        ms_series s = {.dim = "geo", .n = 2, .codes = codes, .labels = codes, .values = values};
        const ms_series *one[] = {&s};
        ms_series_set set = {.n = 1, .series = one, .period = "2024"};
        ms_chart *c = NULL;
        assert_int_equal(ms_chart_layout_set(r, spec, &set, MS_LANG_DE, &c, &err), 0);
        buf[0] = '\0';
        for (size_t i = 0; i < c->n_texts; i++) {
                if (strcmp(c->texts[i].what, "footer") != 0)
                        continue;
                const char *text = pango_layout_get_text(c->texts[i].layout);
                for (GSList *l = pango_layout_get_lines_readonly(c->texts[i].layout); l; l = l->next) {
                        const PangoLayoutLine *line = l->data;
                        size_t len = strlen(buf);
                        snprintf(buf + len, n - len, "%s%.*s", len ? "|" : "", line->length,
                                 text + line->start_index);
                }
        }
        const char *problems = "";
        assert_int_equal(ms_chart_problems(c, &problems), 0);
        ms_chart_free(c);
        ms_chart_spec_free(spec);
}

static void footer_should_keep_as_of_whole(void **state) {
        (void) state;
        ms_renderer *r = NULL;
        ms_error err = {.offset = -1};
        char lines[512];
        assert_int_equal(ms_renderer_new(FONTS_CONF, &r, &err), 0);

        footer_lines(r, SPEC(1200, 675), lines, sizeof(lines));
        printf("wide: %s\n", lines);
        assert_string_equal(lines,
                            "Quelle: Eurostat, migr_asyappctza (auf 5 gerundet); Weltbank, SP.POP.TOTL  ·  "
                            "Stand:\xc2\xa0"
                            "2024");

        footer_lines(r, SPEC(640, 800), lines, sizeof(lines));
        printf("phone: %s\n", lines);
        assert_string_equal(lines,
                            "Quelle: Eurostat, migr_asyappctza (auf 5 gerundet); Weltbank, SP.POP.TOTL|"
                            "Stand:\xc2\xa0"
                            "2024");
        ms_renderer_free(r);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(footer_should_keep_as_of_whole),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
