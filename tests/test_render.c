/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "chart_data.h"
#include "golden.h"
#include "migstat/render.h"

#define FONTS_CONF MIGSTAT_SOURCE_DIR "/config/fonts.conf"

/* Germany, asylum applications per month (first-time and subsequent), Eurostat
 * migr_asyappctzm, DE,TOTAL,ASY_APP, 2017-04 .. 2019-04. */
static const double de_applications[] = {
        16275, 17860, 16685, 18195, 20555, 18365, 18145, 19825, 14275, 19085, 15825, 15795, 14760,
        13910, 15185, 17050, 16560, 14215, 16080, 15175, 10540, 18265, 15365, 13825, 13585,
};

static const char spec_json[] =
        "{\n"
        "  \"id\": \"asylum-applications-monthly\",\n"
        "  \"kind\": \"column\",\n"
        "  \"source\": \"eurostat-asylum-monthly\",\n"
        "  \"select\": { \"filters\": { \"geo\": \"DE\", \"citizen\": \"TOTAL\" }, \"x\": \"time\", \"window\": 25 },\n"
        "  \"title\": { \"de\": \"Asylanträge in Deutschland pro Monat\",\n"
        "               \"en\": \"Asylum applications in Germany per month\" },\n"
        "  \"subtitle\": { \"de\": \"Erst- und Folgeanträge, {first} bis {latest}\",\n"
        "                  \"en\": \"First-time and subsequent applications, {first} to {latest}\" },\n"
        "  \"note\": { \"de\": \"Eurostat rundet die Zahlen auf ein Vielfaches von 5.\",\n"
        "              \"en\": \"Eurostat rounds the figures to multiples of 5.\" },\n"
        "  \"footer\": { \"source\": { \"de\": \"Quelle: Eurostat (migr_asyappctzm)\",\n"
        "                              \"en\": \"Source: Eurostat (migr_asyappctzm)\" },\n"
        "              \"licence\": { \"de\": \"Lizenz: CC BY 4.0\", \"en\": \"Licence: CC BY 4.0\" } },\n"
        "  \"unit\": { \"de\": \"Asylanträge\", \"en\": \"asylum applications\" },\n"
        "  \"verb\": { \"de\": \"gestellt\", \"en\": \"made\" }\n"
        "}\n";

/* n months ending 2019-04, values from de_applications. */
static ms_series *series_new(void) {
        size_t n = sizeof(de_applications) / sizeof(de_applications[0]);
        ms_series *s = calloc(1, sizeof(*s));
        assert_non_null(s);
        s->dim = strdup("time");
        s->n = n;
        s->codes = calloc(n, sizeof(char *));
        s->labels = calloc(n, sizeof(char *));
        s->values = calloc(n, sizeof(double));
        assert_non_null(s->codes);
        for (size_t i = 0; i < n; i++) {
                int m = 4 + (int) i; /* 2017-04 + i */
                assert_true(asprintf(&s->codes[i], "%04d-%02d", 2017 + (m - 1) / 12, (m - 1) % 12 + 1) > 0);
                s->labels[i] = strdup(s->codes[i]);
                s->values[i] = de_applications[i];
        }
        return s;
}

typedef struct fixture {
        ms_renderer *r;
        ms_chart_spec *spec;
        ms_series *s;
} fixture;

static int setup(void **state) {
        fixture *f = calloc(1, sizeof(*f));
        ms_error err = {};
        char msg[600];
        if (ms_renderer_new(FONTS_CONF, &f->r, &err) < 0)
                fail_msg("renderer: %s", ms_error_format(&err, msg, sizeof(msg)));
        if (ms_chart_spec_parse(spec_json, strlen(spec_json), &f->spec, &err) < 0)
                fail_msg("spec: %s", ms_error_format(&err, msg, sizeof(msg)));
        f->s = series_new();
        *state = f;
        return 0;
}

static int teardown(void **state) {
        fixture *f = *state;
        ms_renderer_free(f->r);
        ms_chart_spec_free(f->spec);
        ms_series_free(f->s);
        free(f);
        return 0;
}

static ms_chart *layout(fixture *f, const ms_chart_spec *spec, ms_lang l) {
        ms_chart *c = NULL;
        ms_error err = {};
        char msg[600];
        if (ms_chart_layout(f->r, spec, f->s, l, &c, &err) < 0)
                fail_msg("layout: %s", ms_error_format(&err, msg, sizeof(msg)));
        return c;
}

/* Set MIGSTAT_RENDER_OUT=/tmp to look at the charts (migstat-chart-de.png ...). */
static void maybe_save(const ms_buf *b, ms_lang l, const char *suffix) {
        const char *dir = getenv("MIGSTAT_RENDER_OUT");
        char path[512];
        if (!dir)
                return;
        snprintf(path, sizeof(path), "%s/migstat-chart-%s%s", dir, ms_lang_code(l), suffix);
        FILE *fp = fopen(path, "we");
        assert_non_null(fp);
        assert_int_equal(fwrite(b->data, 1, b->len, fp), b->len);
        assert_int_equal(fclose(fp), 0);
}

static uint32_t be32(const unsigned char *p) {
        return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static void assert_png(const ms_buf *b, uint32_t w, uint32_t h) {
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        const unsigned char *p = (const unsigned char *) b->data;
        assert_true(b->len > 33);
        assert_memory_equal(p, sig, 8);
        assert_memory_equal(p + 12, "IHDR", 4);
        assert_int_equal(be32(p + 16), w);
        assert_int_equal(be32(p + 20), h);
}

static void check_language(fixture *f, ms_lang l, const char *number, const char *alt_start) {
        ms_chart *c = layout(f, f->spec, l);
        const char *problems;
        ms_buf svg = {}, svg2 = {}, png = {}, png2 = {}, png_2x = {}, csv = {};
        unsigned w, h;

        if (ms_chart_problems(c, &problems) != 0)
                fail_msg("layout problems:\n%s", problems);
        ms_chart_size(c, &w, &h);
        assert_int_equal(w, 1200);
        assert_int_equal(h, 675);
        assert_string_equal(ms_chart_reference_period(c), "2019-04");
        const char *alt = ms_chart_alt_text(c);
        assert_non_null(strstr(alt, number));
        assert_non_null(strstr(alt, alt_start));

        assert_int_equal(ms_chart_write_svg(c, &svg, NULL), 0);
        maybe_save(&svg, l, ".svg");
        assert_true(strncmp(svg.data, "<?xml", 5) == 0);
        assert_non_null(strstr(svg.data, "<svg"));
        assert_non_null(strstr(svg.data, "role=\"img\""));
        assert_non_null(strstr(svg.data, "<title id=\"t\">"));
        assert_non_null(strstr(svg.data, "<desc id=\"d\">"));
        assert_non_null(strstr(svg.data, number));
        assert_int_equal(ms_chart_write_svg(c, &svg2, NULL), 0);
        assert_int_equal(svg.len, svg2.len);
        assert_memory_equal(svg.data, svg2.data, svg.len);

        assert_int_equal(ms_chart_write_png(c, 1, &png, NULL), 0);
        maybe_save(&png, l, ".png");
        assert_png(&png, 1200, 675);
        assert_int_equal(ms_chart_write_png(c, 2, &png_2x, NULL), 0);
        maybe_save(&png_2x, l, "@2x.png");
        assert_png(&png_2x, 2400, 1350);
        ms_chart_free(c);

        c = layout(f, f->spec, l); /* a fresh layout gives the same bytes */
        assert_int_equal(ms_chart_write_png(c, 1, &png2, NULL), 0);
        assert_int_equal(png.len, png2.len);
        assert_memory_equal(png.data, png2.data, png.len);
        svg2.len = 0;
        assert_int_equal(ms_chart_write_svg(c, &svg2, NULL), 0);
        assert_int_equal(svg.len, svg2.len);
        assert_memory_equal(svg.data, svg2.data, svg.len);

        assert_int_equal(ms_chart_write_csv(c, &csv, NULL), 0);
        assert_true(strncmp(csv.data, "time,label,value,status\n2017-04,", 32) == 0);
        assert_non_null(strstr(csv.data, "2019-04,"));
        assert_non_null(strstr(csv.data, ",13585,\n"));

        maybe_save(&csv, l, ".csv");
        ms_chart_free(c);
        ms_buf_done(&svg);
        ms_buf_done(&svg2);
        ms_buf_done(&png);
        ms_buf_done(&png2);
        ms_buf_done(&png_2x);
        ms_buf_done(&csv);
}

static void render_should_lay_out_and_write_german(void **state) {
        check_language(*state, MS_LANG_DE, "13.585",
                       "Säulendiagramm: Asylanträge in Deutschland pro Monat, April 2017 bis April 2019. "
                       "Im April 2019 wurden 13.585 Asylanträge gestellt, 2 % weniger als im Vormonat "
                       "und 8 % weniger als im April 2018.");
}

static void render_should_lay_out_and_write_english(void **state) {
        check_language(*state, MS_LANG_EN, "13,585",
                       "Column chart: Asylum applications in Germany per month, April 2017 to April 2019. "
                       "In April 2019, 13,585 asylum applications were made, 2% fewer than in the previous "
                       "month and 8% fewer than in April 2018.");
}

/* Titles may carry markup-like text; it must reach the SVG escaped. */
static void render_should_escape_the_title(void **state) {
        fixture *f = *state;
        static const char json[] =
                "{\"id\":\"x\",\"kind\":\"column\",\"source\":\"s\","
                "\"title\":{\"de\":\"Asyl <script>alert(1)</script> & \\\"x\\\" 'y' gnp.exe\","
                "\"en\":\"T\"}}";
        /* A bidirectional override (it would make "exe.png" read "gnp.exe")
         * is refused by the spec parser, naming the field (issue 10). */
        static const char bidi[] = "{\"id\":\"x\",\"kind\":\"column\",\"source\":\"s\","
                                   "\"title\":{\"de\":\"\\u202egnp.exe\",\"en\":\"T\"}}";
        ms_chart_spec *spec = NULL;
        ms_buf svg = {};
        ms_error err = {.offset = -1};

        assert_int_equal(ms_chart_spec_parse(bidi, strlen(bidi), &spec, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "bidirectional control U+202E"));
        assert_int_equal(ms_chart_spec_parse(json, strlen(json), &spec, NULL), 0);
        ms_chart *c = layout(f, spec, MS_LANG_DE);
        assert_int_equal(ms_chart_write_svg(c, &svg, NULL), 0);
        assert_null(strstr(svg.data, "<script"));
        assert_non_null(strstr(svg.data, "<title id=\"t\">Asyl &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                                         "&quot;x&quot; &#39;y&#39; gnp.exe</title>"));
        assert_non_null(strstr(svg.data, "<desc id=\"d\">Säulendiagramm: Asyl &lt;script&gt;"));
        assert_null(strstr(svg.data, "\xe2\x80\xae"));
        /* Well-formed enough: one of each element, the document closes. */
        assert_null(strstr(strstr(svg.data, "<title") + 1, "<title"));
        assert_null(strstr(strstr(svg.data, "<desc") + 1, "<desc"));
        assert_non_null(strstr(svg.data, "</svg>"));
        ms_chart_free(c);
        ms_chart_spec_free(spec);
        ms_buf_done(&svg);
}

/* Missing values draw no column; the Stand is the last month with a value. */
static void render_should_skip_missing_values(void **state) {
        fixture *f = *state;
        ms_series *s = f->s;
        s->values[0] = s->values[10] = s->values[s->n - 1] = NAN;

        ms_chart *c = layout(f, f->spec, MS_LANG_EN);
        const char *problems;
        ms_buf png = {}, csv = {};
        if (ms_chart_problems(c, &problems) != 0)
                fail_msg("layout problems:\n%s", problems);
        assert_string_equal(ms_chart_reference_period(c), "2019-03");
        assert_non_null(strstr(ms_chart_alt_text(c), "In March 2019, 13,825 asylum applications were made"));
        assert_int_equal(ms_chart_write_png(c, 1, &png, NULL), 0);
        assert_int_equal(ms_chart_write_csv(c, &csv, NULL), 0);
        assert_non_null(strstr(csv.data, "\n2019-04,Apr 2019,,\n"));
        ms_chart_free(c);
        ms_buf_done(&png);
        ms_buf_done(&csv);

        for (size_t i = 0; i < s->n; i++)
                s->values[i] = NAN;
        ms_error err = {};
        assert_int_equal(ms_chart_layout(f->r, f->spec, s, MS_LANG_DE, &c, &err), -ENODATA);
        for (size_t i = 0; i < s->n; i++)
                s->values[i] = de_applications[i];
}

static const struct bad_spec {
        const char *json;
        const char *where;
        const char *msg; /* substring */
        unsigned line; /* 0: don't check */
} bad_specs[] = {
        {"{\"id\": ", "", "invalid JSON", 1},
        {"{\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"}}", "id", "missing", 0},
        {"{\"id\":\"Bad_Id\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"}}",
         "id", "got \"Bad_Id\"", 1},
        {"{\"id\":\"a\",\"kind\":\"pie\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"}}", "kind",
         "or \"stacked-column\", got \"pie\"", 1},
        {"{\"id\":\"a\",\"kind\":\"bar\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},\"theme\":\"blue\"}",
         "theme", "expected \"light\" or \"dark\", got \"blue\"", 1},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},\n"
         "\"select\":{\n  \"window\": \"x\"}}",
         "select.window", "expected a positive integer, got \"x\"", 3},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"select\":{\"window\":0}}",
         "select.window", "expected a positive integer, got 0", 1},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\"}}", "title.en",
         "missing", 0},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},\n"
         "\"tittle\":{}}",
         "tittle", "unknown key \"tittle\"", 2},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"size\":{\"width\":10,\"height\":675}}",
         "size.width", "expected an integer from 200 to 4000, got 10", 1},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"footer\":{\"source\":{\"de\":5,\"en\":\"b\"}}}",
         "footer.source.de", "expected a non-empty string, got 5", 1},
        {"{\"id\":\"a\",\"id\":\"b\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"}}",
         "id", "duplicate key", 1},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"select\":{\"filters\":{\"geo\":1}}}",
         "select.filters.geo", "expected a non-empty string, got 1", 1},
        {"[1, 2]", "(top level)", "expected an object, got an array", 0},
        {"{\"id\":\"a\",\"kind\":\"line\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"select\":{\"series\":\"decision\",\"series_labels\":{\"TOTAL\":{\"de\":\"a\"}}}}",
         "select.series_labels.TOTAL.en", "missing", 0},
        {"{\"id\":\"a\",\"kind\":\"line\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"select\":{\"series_labels\":[]}}",
         "select.series_labels", "expected an object of code", 1},
        {"{\"id\":\"a\",\"kind\":\"bar\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"select\":{\"population\":\"Pop\"}}",
         "select.population", "got \"Pop\"", 1},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},\n"
         "\"narrow\": true}",
         "narrow", "expected an object {\"width\", \"height\"} or false, got true", 2},
        {"{\"id\":\"a\",\"kind\":\"column\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},"
         "\"narrow\":{\"width\":640}}",
         "narrow.height", "missing", 0},
};

static void spec_parse_should_name_the_bad_field(void **state) {
        (void) state;
        for (size_t i = 0; i < sizeof(bad_specs) / sizeof(bad_specs[0]); i++) {
                const struct bad_spec *t = &bad_specs[i];
                ms_chart_spec *spec = NULL;
                ms_error err = {.file = "bad.json"};
                char msg[600];
                int r = ms_chart_spec_parse(t->json, strlen(t->json), &spec, &err);
                if (r >= 0 || strcmp(err.where, t->where) != 0 || !strstr(err.msg, t->msg) ||
                    (t->line && err.line != t->line))
                        fail_msg("case %zu: got %d \"%s\", want where \"%s\" msg \"%s\" line %u", i, r,
                                 ms_error_format(&err, msg, sizeof(msg)), t->where, t->msg, t->line);
                assert_null(spec);
        }
}

/* "narrow": false, a size of its own, or a main size that is narrow already. */
static void spec_parse_should_take_the_narrow_size(void **state) {
        (void) state;
        static const struct {
                const char *extra;
                unsigned w, h;
        } cases[] = {
                {"\"narrow\": false", 0, 0},
                {"\"narrow\": {\"width\": 480, \"height\": 600}", 480, 600},
                {"\"size\": {\"width\": 600, \"height\": 600}", 0, 0},
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char json[512];
                ms_chart_spec *spec = NULL;
                snprintf(
                        json, sizeof(json),
                        "{\"id\":\"a\",\"kind\":\"bar\",\"source\":\"s\",\"title\":{\"de\":\"a\",\"en\":\"b\"},%s}",
                        cases[i].extra);
                assert_int_equal(ms_chart_spec_parse(json, strlen(json), &spec, NULL), 0);
                assert_int_equal(spec->narrow_width, cases[i].w);
                assert_int_equal(spec->narrow_height, cases[i].h);
                ms_chart_spec_free(spec);
        }
}

static void spec_parse_should_fill_defaults_and_the_request(void **state) {
        fixture *f = *state;
        ms_slice_request req;
        assert_int_equal(f->spec->width, 1200);
        assert_int_equal(f->spec->height, 675);
        assert_int_equal(f->spec->narrow_width, 640); /* a phone variant unless the spec says otherwise */
        assert_int_equal(f->spec->narrow_height, 800);
        ms_chart_spec_slice_request(f->spec, &req);
        assert_int_equal(req.window, 25);
        assert_int_equal(req.n_filters, 2);
        assert_string_equal(req.filters[0].dim, "geo");
        assert_string_equal(req.filters[0].code, "DE");
        assert_string_equal(req.free_dim, "time");
        assert_true(ms_id_is_valid("asylum-applications-monthly"));
        assert_false(ms_id_is_valid(""));
        assert_false(ms_id_is_valid("../etc"));
        assert_false(ms_id_is_valid("A"));
}

static void renderer_should_reject_a_config_without_inter(void **state) {
        ms_renderer *r = NULL;
        ms_error err = {};
        (void) state;
        assert_true(ms_renderer_new("/nonexistent/fonts.conf", &r, &err) < 0);
        assert_non_null(strstr(err.msg, "/nonexistent/fonts.conf"));
        assert_null(r);
}

/* A config that finds no Inter must say which file and what it found. */
static void renderer_should_name_what_it_found_instead_of_inter(void **state) {
        static const char conf[] =
                "<?xml version=\"1.0\"?>\n<fontconfig><dir>/nonexistent-migstat</dir></fontconfig>\n";
        char path[] = "/tmp/migstat-fonts-XXXXXX.conf";
        ms_renderer *r = NULL;
        ms_error err = {};
        (void) state;
        int fd = mkstemps(path, 5);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, conf, sizeof(conf) - 1), (ssize_t) sizeof(conf) - 1);
        assert_int_equal(close(fd), 0);
        assert_true(ms_renderer_new(path, &r, &err) < 0);
        (void) unlink(path);
        assert_non_null(strstr(err.msg, path));
        assert_non_null(strstr(err.msg, "Inter"));
        assert_null(r);
}

/* Chart 1 as configured: the real spec file and the last 37 months of the
 * bundled Eurostat data (25 drawn, 12 more for the previous-year markers),
 * at the publication size and a phone size, in both languages. */
static void render_should_mark_the_previous_year_on_chart_1(void **state) {
        fixture *f = *state;
        static const char *const match[] = {"DE", "TOTAL", "ASY_APP"};
        size_t len = 0;
        char *json = cd_slurp(MIGSTAT_SOURCE_DIR "/config/charts.d/asylum-applications-monthly.json", &len);
        ms_series *s =
                cd_load(MIGSTAT_SOURCE_DIR "/data/asylum_applications_monthly.csv", match, 3, 3, -1, 4, 37);
        ms_chart_spec *spec = NULL;
        ms_slice_request req;
        assert_non_null(json);
        assert_non_null(s);
        assert_int_equal(s->n, 37);
        assert_int_equal(ms_chart_spec_parse(json, len, &spec, NULL), 0);
        ms_chart_spec_slice_request(spec, &req);
        assert_int_equal(req.window, 37); /* 25 drawn + 12 for the comparison */
        static const unsigned sizes[][2] = {{1200, 675}, {640, 800}};
        for (size_t k = 0; k < 2; k++)
                for (ms_lang l = 0; l < MS_LANG_COUNT; l++) {
                        ms_chart *c = NULL;
                        const char *problems;
                        ms_buf png = {}, csv = {};
                        spec->width = sizes[k][0];
                        spec->height = sizes[k][1];
                        assert_int_equal(ms_chart_layout(f->r, spec, s, l, &c, NULL), 0);
                        if (ms_chart_problems(c, &problems) != 0)
                                fail_msg("%ux%u %s: layout problems:\n%s", sizes[k][0], sizes[k][1],
                                         ms_lang_code(l), problems);
                        assert_int_equal(ms_chart_write_csv(c, &csv, NULL), 0);
                        /* 25 rows; April 2019 with April 2018 (real: 14,760) as its comparison. */
                        assert_true(strncmp(csv.data, "time,label,previous_year,value,status\n2017-04,",
                                            46) == 0);
                        assert_non_null(strstr(csv.data, "\n2019-04,"));
                        assert_non_null(strstr(csv.data, l == MS_LANG_DE ? ",Apr. 2019,14760,13585,\n"
                                                                         : ",Apr 2019,14760,13585,\n"));
                        assert_non_null(strstr(csv.data, ",67865,16275,\n")); /* 2017-04 vs 2016-04 */
                        assert_int_equal(ms_chart_write_png(c, 1, &png, NULL), 0);
                        char suffix[64];
                        snprintf(suffix, sizeof(suffix), "-compare-%u.png", sizes[k][0]);
                        maybe_save(&png, l, suffix);
                        snprintf(suffix, sizeof(suffix), "asylum-applications-monthly.%s.%u", ms_lang_code(l),
                                 sizes[k][0]);
                        golden_check(&png, suffix);
                        ms_chart_free(c);
                        ms_buf_done(&png);
                        ms_buf_done(&csv);
                }
        ms_chart_spec_free(spec);
        ms_series_free(s);
        free(json);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(render_should_lay_out_and_write_german),
                cmocka_unit_test(render_should_lay_out_and_write_english),
                cmocka_unit_test(render_should_escape_the_title),
                cmocka_unit_test(render_should_skip_missing_values),
                cmocka_unit_test(spec_parse_should_name_the_bad_field),
                cmocka_unit_test(spec_parse_should_take_the_narrow_size),
                cmocka_unit_test(spec_parse_should_fill_defaults_and_the_request),
                cmocka_unit_test(renderer_should_reject_a_config_without_inter),
                cmocka_unit_test(renderer_should_name_what_it_found_instead_of_inter),
                cmocka_unit_test(render_should_mark_the_previous_year_on_chart_1),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
