/* SPDX-License-Identifier: MIT */
/* The embed snippet: structure, escaping of hostile strings, the dark
 * variant, missing values, and the edition helper. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "publish/editions.h"
#include "publish/snippet.h"

#define EVIL "<script>alert(\"x\")</script>&'"
#define EVIL_ESCAPED "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"

/* A chart CSV as ms_chart_write_csv writes it, with a hostile label
 * (quoted, with a comma and a doubled quote) and a missing value. */
static const char csv[] = "time,label,value,status\n"
                          "2019-03,March,13825,\n"
                          "2019M04,April,,p\n"
                          "X9,\"<script>alert(\"\"x\"\")</script>&'\",12.4,\n";

static char *write_snippet(ms_lang lang, bool dark, const char *text) {
        ms_snippet s = {.url_prefix = "https://x.example/current/",
                        .id = "c1",
                        .lang = lang,
                        .width = 600,
                        .height = 400,
                        .title = text,
                        .alt = text,
                        .source_line = text,
                        .licence = text,
                        .reference_period = "2019-04",
                        .unit = text,
                        .csv = csv,
                        .csv_len = sizeof(csv) - 1,
                        .has_dark = dark};
        ms_buf b = {0};
        assert_int_equal(ms_snippet_write(&s, &b), 0);
        return b.data;
}

/* A chart of 1200x675 with a dark variant and a phone variant of 640x800:
 * the variant tests differ only in the prefix, the language and a flag. */
static ms_snippet narrow_snippet(const char *url_prefix, ms_lang lang) {
        return (ms_snippet){.url_prefix = url_prefix,
                            .id = "c1",
                            .lang = lang,
                            .width = 1200,
                            .height = 675,
                            .title = "T",
                            .alt = "A",
                            .reference_period = "2019-04",
                            .csv = csv,
                            .csv_len = sizeof(csv) - 1,
                            .has_dark = true,
                            .narrow_width = 640,
                            .narrow_height = 800};
}

static size_t count(const char *hay, const char *needle) {
        size_t n = 0;
        for (const char *p = hay; (p = strstr(p, needle)); p++)
                n++;
        return n;
}

static void snippet_should_escape_every_string(void **state) {
        (void) state;
        char *h = write_snippet(MS_LANG_DE, false, EVIL);
        assert_null(strstr(h, "<script"));
        assert_null(strstr(h, "\"x\""));
        /* title (caption), alt, source line, licence, unit header, row label */
        assert_int_equal(count(h, EVIL_ESCAPED), 6);
        free(h);
}

static void snippet_should_have_picture_sizes_table_and_caption(void **state) {
        (void) state;
        char *h = write_snippet(MS_LANG_DE, false, "Titel");
        assert_non_null(
                strstr(h, "<source type=\"image/svg+xml\" srcset=\"https://x.example/current/c1.de.svg\" "
                          "width=\"600\" height=\"400\" />"));
        assert_non_null(strstr(h,
                               "srcset=\"https://x.example/current/c1.de.png 1x, "
                               "https://x.example/current/c1.de@2x.png 2x\" width=\"600\" height=\"400\""));
        assert_non_null(strstr(h, "<tr><th scope=\"row\">März 2019</th><td>13.825</td></tr>"));
        assert_non_null(strstr(h, "<tr><th scope=\"row\">Apr. 2019</th><td>keine Angabe</td></tr>"));
        assert_non_null(strstr(h, "Stand: Apr. 2019"));
        assert_non_null(strstr(h, "<a href=\"https://x.example/current/c1.de.csv\""));
        assert_null(strstr(h, "prefers-color-scheme"));
        assert_true(strstr(h, "</details>") < strstr(h, "<figcaption>")); /* figcaption last in figure */
        free(h);
}

static void snippet_should_offer_dark_variant_first_when_it_exists(void **state) {
        (void) state;
        char *h = write_snippet(MS_LANG_EN, true, "Title");
        const char *dark = strstr(h, "media=\"(prefers-color-scheme: dark)\"");
        assert_non_null(dark);
        assert_true(dark < strstr(h, "c1.en.svg\" width="));
        assert_non_null(strstr(h, "c1.en.dark.svg"));
        assert_non_null(strstr(h, "As of: Apr 2019"));
        assert_non_null(strstr(h, "<td>13,825</td>"));
        assert_non_null(strstr(h, "<td>12.4</td>"));
        free(h);
}

/* The phone variant: its sources come before the others (the browser takes
 * the first that matches), carry their own size, and switch at the midpoint
 * of the two widths; dark before light. */
static void snippet_should_offer_narrow_variant_on_small_screens(void **state) {
        (void) state;
        ms_snippet s = narrow_snippet("", MS_LANG_DE);
        ms_buf b = {0};
        assert_int_equal(ms_snippet_write(&s, &b), 0);
        const char *h = b.data;
        const char *nd = strstr(h, "<source media=\"(max-width: 920px) and (prefers-color-scheme: dark)\" "
                                   "type=\"image/svg+xml\" srcset=\"c1.de.narrow.dark.svg\" width=\"640\" "
                                   "height=\"800\" />");
        const char *n = strstr(h, "<source media=\"(max-width: 920px)\" type=\"image/svg+xml\" "
                                  "srcset=\"c1.de.narrow.svg\" width=\"640\" height=\"800\" />");
        const char *d = strstr(h, "<source media=\"(prefers-color-scheme: dark)\"");
        assert_non_null(nd);
        assert_non_null(n);
        assert_non_null(d);
        assert_true(nd < n && n < d);
        /* The main size's sources carry their size; the <img> is the phone
         * variant, what is left when a CMS strips <picture> and srcset. */
        assert_non_null(strstr(h, "srcset=\"c1.de.svg\" width=\"1200\" height=\"675\" />"));
        assert_non_null(strstr(
                h, "<img src=\"c1.de.narrow.png\" srcset=\"c1.de.narrow.png 1x, c1.de.narrow@2x.png 2x\" "
                   "width=\"640\" height=\"800\" alt=\"A\""));
        ms_buf_done(&b);
        /* Without a narrow size there is no narrow source. */
        char *plain = write_snippet(MS_LANG_DE, true, "T");
        assert_null(strstr(plain, "narrow"));
        assert_null(strstr(plain, "(max-width"));
        free(plain);
}

/* Light only: no dark source.  Plain: one <img> of the phone variant at 2x,
 * no <picture>, the table and the caption kept. */
static void snippet_variants_should_leave_out_what_they_promise(void **state) {
        (void) state;
        ms_snippet s = narrow_snippet("https://x.example/current/", MS_LANG_EN);
        s.light_only = true;
        ms_buf b = {0};
        assert_int_equal(ms_snippet_write(&s, &b), 0);
        assert_null(strstr(b.data, "dark"));
        assert_non_null(strstr(b.data, "<picture>"));
        ms_buf_done(&b);
        s.light_only = false;
        s.plain = true;
        assert_int_equal(ms_snippet_write(&s, &b), 0);
        assert_null(strstr(b.data, "<picture"));
        assert_null(strstr(b.data, "<source"));
        assert_null(strstr(b.data, "srcset"));
        assert_non_null(strstr(b.data,
                               "<img src=\"https://x.example/current/c1.en.narrow@2x.png\" width=\"640\" "
                               "height=\"800\" alt=\"A\""));
        assert_non_null(strstr(b.data, "<table>"));
        assert_non_null(strstr(b.data, "<figcaption>"));
        ms_buf_done(&b);
}

static void edition_should_be_the_latest_period(void **state) {
        (void) state;
        char e[32];
        const char *a[] = {"2019M03", NULL, "2019-04", "bogus", "2018-12"};
        assert_int_equal(ms_edition_from_periods(a, 5, e, sizeof(e)), 0);
        assert_string_equal(e, "2019-04");
        const char *mixed[] = {"2023", "2019-04", "2022-Q4"}; /* a yearly chart sorts after */
        assert_int_equal(ms_edition_from_periods(mixed, 3, e, sizeof(e)), 0);
        assert_string_equal(e, "2019-04");
        const char *q[] = {"2025Q2", "2024"};
        assert_int_equal(ms_edition_from_periods(q, 1, e, sizeof(e)), 0);
        assert_string_equal(e, "2025-Q2");
        const char *none[] = {"x", NULL};
        assert_int_equal(ms_edition_from_periods(none, 2, e, sizeof(e)), -EINVAL);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(snippet_should_escape_every_string),
                cmocka_unit_test(snippet_should_have_picture_sizes_table_and_caption),
                cmocka_unit_test(snippet_should_offer_dark_variant_first_when_it_exists),
                cmocka_unit_test(snippet_should_offer_narrow_variant_on_small_screens),
                cmocka_unit_test(snippet_variants_should_leave_out_what_they_promise),
                cmocka_unit_test(edition_should_be_the_latest_period),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
