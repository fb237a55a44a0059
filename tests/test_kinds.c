/* SPDX-License-Identifier: MIT */
/*
 * Every chart kind laid out from real figures (the bundled Eurostat and
 * BAMF CSVs, read here), in both languages, at the publication size and a
 * phone size: no overlapping text, no text off the canvas, no text below
 * 4.5:1 contrast (ms_chart_problems), light and dark.  The CSV carries the
 * plotted numbers.  MIGSTAT_RENDER_OUT=DIR saves the PNGs to look at.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chart_data.h"
#include "golden.h"
#include "migstat/format.h"
#include "migstat/render.h"

#define FONTS_CONF MIGSTAT_SOURCE_DIR "/config/fonts.conf"
/* The bundled real data (data/PROVENANCE.md): a clean checkout has it. */
#define REAL MIGSTAT_SOURCE_DIR "/data/"
#define MAX_SET 8

typedef struct kind_case {
        const char *id;
        const char *spec;
        size_t n;
        ms_series *series[MAX_SET];
        const char *names[MS_LANG_COUNT][MAX_SET];
        const char *period;
        const char *csv_has; /* a plotted number that must be in the CSV */
        double alt_value; /* a number the alt text must state, from the data; NaN: computed in check_case */
        unsigned alt_decimals;
} kind_case;

static ms_renderer *renderer;

static int setup(void **state) {
        ms_error err = {};
        char msg[600];
        (void) state;
        if (ms_renderer_new(FONTS_CONF, &renderer, &err) < 0)
                fail_msg("renderer: %s", ms_error_format(&err, msg, sizeof(msg)));
        return 0;
}

static int teardown(void **state) {
        (void) state;
        ms_renderer_free(renderer);
        return 0;
}

static void save(const ms_buf *b, const char *id, ms_lang l, unsigned w, bool dark) {
        const char *dir = getenv("MIGSTAT_RENDER_OUT");
        char path[512];
        if (!dir)
                return;
        snprintf(path, sizeof(path), "%s/%s.%s.%u%s.png", dir, id, ms_lang_code(l), w, dark ? ".dark" : "");
        FILE *fp = fopen(path, "we");
        assert_non_null(fp);
        assert_int_equal(fwrite(b->data, 1, b->len, fp), b->len);
        assert_int_equal(fclose(fp), 0);
}

static void check_case(kind_case *k) {
        static const unsigned sizes[][2] = {{1200, 675}, {640, 800}};
        ms_chart_spec *spec = NULL;
        ms_error err = {};
        char msg[600];

        for (size_t i = 0; i < k->n; i++)
                if (!k->series[i])
                        fail_msg("%s: series %zu not found in the data", k->id, i + 1);
        if (ms_chart_spec_parse(k->spec, strlen(k->spec), &spec, &err) < 0)
                fail_msg("%s: spec: %s", k->id, ms_error_format(&err, msg, sizeof(msg)));
        for (size_t z = 0; z < 2; z++)
                for (int dark = 0; dark < 2; dark++)
                        for (ms_lang l = 0; l < MS_LANG_COUNT; l++) {
                                ms_series_set set = {k->n, (const ms_series *const *) k->series, k->names[l],
                                                     k->period, NULL};
                                ms_chart *c = NULL;
                                const char *problems;
                                ms_buf png = {}, csv = {}, svg = {};
                                spec->width = sizes[z][0];
                                spec->height = sizes[z][1];
                                spec->dark = dark;
                                if (ms_chart_layout_set(renderer, spec, &set, l, &c, &err) < 0)
                                        fail_msg("%s: layout: %s", k->id,
                                                 ms_error_format(&err, msg, sizeof(msg)));
                                if (ms_chart_problems(c, &problems) != 0)
                                        fail_msg("%s %ux%u %s%s: layout problems:\n%s", k->id, sizes[z][0],
                                                 sizes[z][1], ms_lang_code(l), dark ? " dark" : "", problems);
                                assert_int_equal(ms_chart_write_png(c, 1, &png, NULL), 0);
                                assert_int_equal(ms_chart_write_svg(c, &svg, NULL), 0);
                                assert_int_equal(ms_chart_write_csv(c, &csv, NULL), 0);
                                if (!strstr(csv.data, k->csv_has))
                                        fail_msg("%s: CSV lacks %s:\n%s", k->id, k->csv_has, csv.data);
                                char num[64];
                                assert_true(ms_format_number(l, k->alt_value, k->alt_decimals, num,
                                                             sizeof(num)) > 0);
                                if (!strstr(ms_chart_alt_text(c), num))
                                        fail_msg("%s: alt text lacks %s: %s", k->id, num,
                                                 ms_chart_alt_text(c));
                                save(&png, k->id, l, sizes[z][0], dark);
                                if (getenv("MIGSTAT_RENDER_OUT") && z == 0 && !dark)
                                        printf("ALT %s.%s: %s\n", k->id, ms_lang_code(l),
                                               ms_chart_alt_text(c));
                                if (!dark && (z == 0 || l == MS_LANG_DE)) {
                                        char name[128];
                                        snprintf(name, sizeof(name), "%s.%s.%u", k->id, ms_lang_code(l),
                                                 sizes[z][0]);
                                        golden_check(&png, name);
                                }
                                ms_chart_free(c);
                                ms_buf_done(&png);
                                ms_buf_done(&svg);
                                ms_buf_done(&csv);
                        }
        ms_chart_spec_free(spec);
        for (size_t i = 0; i < k->n; i++)
                ms_series_free(k->series[i]);
}

#define SPEC_LICENCE(kind, extra, de, en, note_de, note_en, src, lic_de, lic_en) \
        "{\"id\":\"t\",\"kind\":\"" kind "\",\"source\":\"s\"," extra "\"title\":{\"de\":\"" de \
        "\",\"en\":\"" en "\"},\"note\":{\"de\":\"" note_de "\",\"en\":\"" note_en "\"}," \
        "\"footer\":{\"source\":{\"de\":\"Quelle: " src "\",\"en\":\"Source: " src "\"}," \
        "\"licence\":{\"de\":\"" lic_de "\",\"en\":\"" lic_en "\"}}}"
/* Eurostat states its data may be reused under CC BY 4.0 (data/PROVENANCE.md). */
#define SPEC(kind, extra, de, en, note_de, note_en, src) \
        SPEC_LICENCE(kind, extra, de, en, note_de, note_en, src, "CC BY 4.0", "CC BY 4.0")
/* BAMF states no open licence: official statistics, reused with attribution. */
#define SPEC_BAMF(kind, extra, de, en, note_de, note_en) \
        SPEC_LICENCE(kind, extra, de, en, note_de, note_en, "BAMF, Asylgeschäftsstatistik", \
                     "amtliche Statistik", "official statistics")

/* Chart 3's form: top 10 citizenships of first-time applicants in Germany, 2016 (Eurostat migr_asyappctza). */
static void bar_should_rank_citizenships(void **state) {
        static const char *const m[] = {"DE", "", NULL, "FRST", "2016"};
        kind_case k = {.id = "bar-citizenships",
                       .n = 1,
                       .period = "2016",
                       .csv_has = ",266250,",
                       .spec = SPEC("bar", "", "Erstanträge nach Staatsangehörigkeit, {latest}",
                                    "First-time applications by citizenship, {latest}",
                                    "Die zehn häufigsten.", "The ten most frequent.",
                                    "Eurostat (migr_asyappctza)")};
        (void) state;
        k.series[0] = cd_load(REAL "asylum_applications_annual.csv", m, 5, 2, 2, 5, 0);
        assert_non_null(k.series[0]);
        cd_keep_top(k.series[0], 10);
        k.alt_value = k.series[0]->values[0]; /* the largest: Syria */
        check_case(&k);
}

/* Chart 8's form: applications by member state, 2016, Germany highlighted. */
static void bar_should_highlight_germany(void **state) {
        static const char *const m[] = {NULL, "TOTAL", "", "ASY_APP", "2016"};
        kind_case k = {.id = "bar-eu",
                       .n = 1,
                       .period = "2016",
                       .csv_has = "DE,DE,745265,",
                       .spec = SPEC("bar", "\"highlight\":\"DE\",", "Asylanträge in Europa, {latest}",
                                    "Asylum applications in Europe, {latest}",
                                    "EU-Staaten, Schweiz, Norwegen, Island, Liechtenstein.",
                                    "EU states, Switzerland, Norway, Iceland, Liechtenstein.",
                                    "Eurostat (migr_asyappctza)")};
        (void) state;
        ms_series *s = cd_load(REAL "asylum_applications_annual.csv", m, 5, 0, 0, 5, 0);
        assert_non_null(s);
        size_t kept = 0;
        for (size_t i = 0; i < s->n; i++) { /* aggregates are no member states */
                if (!strcmp(s->codes[i], "EU28") || !strcmp(s->codes[i], "TOTAL")) {
                        free(s->codes[i]);
                        free(s->labels[i]);
                        continue;
                }
                s->codes[kept] = s->codes[i], s->labels[kept] = s->labels[i], s->values[kept] = s->values[i];
                kept++;
        }
        s->n = kept;
        cd_keep_top(s, 40); /* every reporting state (28 EU + CH, NO, IS, LI) */
        k.series[0] = s;
        k.alt_value = s->values[0];
        check_case(&k);
}

/* Chart 6's form: first-instance decisions per year in Germany (Eurostat migr_asydcfsta). */
static void line_should_draw_decisions(void **state) {
        static const char *const codes[] = {"TOTAL", "TOTAL_POS", "REJECTED"};
        kind_case k = {
                .id = "line-decisions",
                .n = 3,
                .csv_has = "REJECTED" /* placeholder, set below */,
                .names = {{"alle Entscheidungen", "Schutz gewährt", "abgelehnt"},
                          {"All decisions", "Protection granted", "Rejected"}},
                .spec = SPEC("line", "", "Asylentscheidungen in Deutschland", "Asylum decisions in Germany",
                             "Erstinstanzliche Entscheidungen, {first} bis {latest}.",
                             "First-instance decisions, {first} to {latest}.", "Eurostat (migr_asydcfsta)")};
        (void) state;
        for (size_t i = 0; i < 3; i++) {
                const char *m[] = {"DE", "TOTAL", codes[i]};
                k.series[i] = cd_load(REAL "asylum_decisions.csv", m, 3, 3, 3, 4, 0);
        }
        k.csv_has = "\nabgelehnt,";
        if (k.series[0] && k.series[0]->n) {
                static char buf[64];
                snprintf(buf, sizeof(buf), ",%.0f,", k.series[0]->values[k.series[0]->n - 1]);
                k.csv_has = buf;
                k.alt_value = k.series[0]->values[k.series[0]->n - 1];
        }
        check_case(&k);
}

static const char *const outcomes[] = {"decisions_asylum_art16a",   "decisions_refugee_par3",
                                       "decisions_subsidiary_par4", "decisions_deportation_ban_par60",
                                       "decisions_rejected",        "decisions_formal"};

/* Chart 4's form: decisions by outcome, BAMF, the last 6 months of the data. */
static void stacked_should_share_outcomes(void **state) {
        kind_case k = {.id = "stacked-outcomes",
                       .n = 6,
                       .csv_has = ",2782,",
                       .names = {{"Asyl (Art. 16a)", "Flüchtlingsschutz", "subsidiärer Schutz",
                                  "Abschiebungsverbot", "abgelehnt", "formell erledigt"},
                                 {"Asylum (Art. 16a)", "Refugee status", "Subsidiary protection",
                                  "Deportation ban", "Rejected", "Otherwise closed"}},
                       .spec = SPEC_BAMF("stacked-bar", "", "Asylentscheidungen nach Ergebnis",
                                         "Asylum decisions by outcome",
                                         "Anteile an allen Entscheidungen des Monats.",
                                         "Shares of all decisions in the month.")};
        (void) state;
        for (size_t i = 0; i < 6; i++) {
                const char *m[] = {"DE", "TOTAL", NULL, outcomes[i]};
                k.series[i] = cd_load(REAL "bamf_decisions_monthly_de_2019-2021.csv", m, 4, 4, 4, 5, 6);
        }
        double total = 0; /* the alt text gives the latest bar's shares */
        for (size_t i = 0; i < 6; i++)
                if (k.series[i])
                        total += k.series[i]->values[5];
        k.alt_value = k.series[1] ? round(k.series[1]->values[5] / total * 100) : 0;
        check_case(&k);
}

/* Chart 2's series from migr_asyappctza: first-time applicants (FRST) and
 * the rest, all applicants (ASY_APP) minus first-time. */
static void load_applicants_split(ms_series **s) {
        static const char *const all[] = {"DE", "TOTAL", "", "ASY_APP"}, *const first[] = {"DE", "TOTAL", "",
                                                                                           "FRST"};
        s[0] = cd_load(REAL "asylum_applications_annual.csv", first, 4, 4, 4, 5, 0);
        s[1] = cd_load(REAL "asylum_applications_annual.csv", all, 4, 4, 4, 5, 0);
        assert_non_null(s[0]);
        assert_non_null(s[1]);
        assert_int_equal(s[0]->n, s[1]->n);
        for (size_t i = 0; i < s[1]->n; i++)
                s[1]->values[i] -= s[0]->values[i];
}

/* Chart 2's form: applicants per year, first-time at the bottom and the rest
 * (all minus first-time, Eurostat migr_asyappctza) on top; the column is the
 * total and the alt text says it: 2016 = 722,365 + 22,900 = 745,265. */
static void stacked_column_should_stack_to_the_total(void **state) {
        kind_case k = {.id = "stacked-column-applicants",
                       .n = 2,
                       .csv_has = ",22900,",
                       .names = {{"Erstantragsteller", "Übrige"}, {"First-time applicants", "Others"}},
                       .spec = SPEC("stacked-column", "", "Asylantragsteller pro Jahr",
                                    "Asylum applicants per year", "Übrige = alle minus Erstantragsteller.",
                                    "Others = all minus first-time.", "Eurostat (migr_asyappctza)")};
        (void) state;
        load_applicants_split(k.series);
        k.alt_value = 745265;
        check_case(&k);
}

static size_t count_str(const char *hay, const char *needle) {
        size_t n = 0;
        for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
                n++;
        return n;
}

static void svg_of(const char *spec_json, ms_series **series, ms_buf *svg, ms_buf *csv) {
        static const char *const names[] = {"Erstantragsteller", "Übrige"};
        ms_chart_spec *spec = NULL;
        ms_chart *c = NULL;
        ms_series_set set = {2, (const ms_series *const *) series, names, NULL, NULL};
        assert_int_equal(ms_chart_spec_parse(spec_json, strlen(spec_json), &spec, NULL), 0);
        assert_int_equal(ms_chart_layout_set(renderer, spec, &set, MS_LANG_DE, &c, NULL), 0);
        assert_int_equal(ms_chart_write_svg(c, svg, NULL), 0);
        assert_int_equal(ms_chart_write_csv(c, csv, NULL), 0);
        ms_chart_free(c);
        ms_chart_spec_free(spec);
}

/* A year where one part is missing gets no column at all (a shorter stack
 * would misstate the total): each series' colour is painted once less (the
 * legend keeps its square), no other colour changes, and the CSV leaves the
 * value empty. */
static void stacked_column_should_skip_a_period_with_a_missing_part(void **state) {
        static const char spec_json[] =
                SPEC("stacked-column", "", "Antragsteller", "Applicants", "A", "N", "Eurostat");
        ms_series *s[2];
        ms_buf full = {}, gap = {}, csv = {};
        (void) state;
        load_applicants_split(s);
        svg_of(spec_json, s, &full, &csv);
        ms_buf_done(&csv);
        assert_string_equal(s[1]->codes[3], "2011");
        s[1]->values[3] = NAN;
        svg_of(spec_json, s, &gap, &csv);
        assert_non_null(strstr(csv.data, "Übrige,2011,2011,,"));
        size_t changed = 0;
        for (const char *p = full.data; (p = strstr(p, "fill:rgb(")); p++) {
                char fill[64];
                size_t len = strcspn(p, ")") + 1;
                if (len >= sizeof(fill))
                        continue;
                snprintf(fill, sizeof(fill), "%.*s", (int) len, p);
                if (strstr(full.data, fill) != p) /* each colour once, at its first place */
                        continue;
                size_t a = count_str(full.data, fill), b = count_str(gap.data, fill);
                if (a != b) {
                        assert_int_equal(a - b, 1);
                        changed++;
                }
        }
        assert_int_equal(changed, 2);
        ms_buf_done(&full);
        ms_buf_done(&gap);
        ms_buf_done(&csv);
        ms_series_free(s[0]);
        ms_series_free(s[1]);
}

/* Chart 5's form: both protection rates of 2021-11, computed from BAMF's counts. */
static void tile_should_show_both_rates(void **state) {
        kind_case k = {
                .id = "tile-rates",
                .n = 2,
                .period = "2021-11",
                .csv_has = "2021-11,",
                .names = {{"Gesamtschutzquote: Anteil der Schutzgewährungen an allen Entscheidungen",
                           "Bereinigte Schutzquote: ohne formelle Entscheidungen"},
                          {"Overall protection rate: protection granted among all decisions",
                           "Adjusted protection rate: without otherwise closed cases"}},
                .spec = SPEC_BAMF(
                        "tile", "\"percent\":true,", "Schutzquote, {latest}", "Protection rate, {latest}",
                        "Formelle Entscheidungen (z. B. Dublin-Verfahren, Rücknahmen) prüfen keinen Schutz; "
                        "die bereinigte Quote lässt sie weg.",
                        "Formal decisions (e.g. Dublin transfers, withdrawals) do not examine protection; "
                        "the adjusted rate leaves them out.")};
        double v[6], total;
        (void) state;
        for (size_t i = 0; i < 6; i++) {
                const char *m[] = {"DE", "TOTAL", NULL, outcomes[i], "2021-11"};
                ms_series *s = cd_load(REAL "bamf_decisions_monthly_de_2019-2021.csv", m, 5, 4, 4, 5, 0);
                assert_non_null(s);
                v[i] = s->values[0];
                ms_series_free(s);
        }
        const char *m[] = {"DE", "TOTAL", NULL, "decisions_total", "2021-11"};
        for (size_t i = 0; i < 2; i++) {
                k.series[i] = cd_load(REAL "bamf_decisions_monthly_de_2019-2021.csv", m, 5, 4, 4, 5, 0);
                assert_non_null(k.series[i]);
        }
        total = k.series[0]->values[0];
        assert_true(total > 0);
        k.series[0]->values[0] = (v[0] + v[1] + v[2] + v[3]) / total * 100;
        k.series[1]->values[0] = (v[0] + v[1] + v[2] + v[3]) / (total - v[5]) * 100;
        k.alt_value = k.series[1]->values[0];
        k.alt_decimals = 1;
        check_case(&k);
}

/* Chart 9's form: monthly first-time applications of the largest groups, 2021. */
static void multiples_should_share_a_scale(void **state) {
        static const char *const codes[] = {"475", "423", "438", "163", "430", "439"};
        kind_case k = {.id = "multiples-countries",
                       .n = 6,
                       .csv_has = ",4697,",
                       .spec = SPEC_BAMF("small-multiples", "", "Erstanträge nach Herkunftsland",
                                         "First-time applications by country of origin",
                                         "Gleiche Skala in allen Feldern.", "Same scale in every panel.")};
        (void) state;
        for (size_t i = 0; i < 6; i++) {
                const char *m[] = {"DE", codes[i], NULL, "applications_first"};
                k.series[i] = cd_load(REAL "bamf_applications_monthly_de.csv", m, 4, 4, 2, 5, 12);
                assert_non_null(k.series[i]);
                k.names[MS_LANG_DE][i] = k.names[MS_LANG_EN][i] = k.series[i]->labels[0];
        }
        /* labels are freed with the series: copy the names first */
        char *own[6];
        for (size_t i = 0; i < 6; i++) {
                own[i] = strdup(k.names[0][i]);
                k.names[MS_LANG_DE][i] = k.names[MS_LANG_EN][i] = own[i];
        }
        k.alt_value = k.series[0]->values[k.series[0]->n - 1];
        check_case(&k);
        for (size_t i = 0; i < 6; i++)
                free(own[i]);
}

/* The layout problems of the `top` largest 2016 applicant counts of the
 * EU states as ranked bars in lang (into buf), and how many there are. */
static size_t bar_problems(const char *spec_json, size_t top, ms_lang lang, char *buf, size_t size) {
        static const char *const m[] = {NULL, "TOTAL", "", "ASY_APP", "2016"};
        ms_series *s = cd_load(REAL "asylum_applications_annual.csv", m, 5, 0, 0, 5, 0);
        ms_chart_spec *spec = NULL;
        ms_chart *c = NULL;
        const char *problems;
        assert_non_null(s);
        cd_keep_top(s, top);
        assert_int_equal(ms_chart_spec_parse(spec_json, strlen(spec_json), &spec, NULL), 0);
        assert_int_equal(ms_chart_layout(renderer, spec, s, lang, &c, NULL), 0);
        size_t n = ms_chart_problems(c, &problems);
        snprintf(buf, size, "%s", problems);
        ms_chart_free(c);
        ms_chart_spec_free(spec);
        ms_series_free(s);
        return n;
}

/* The check can fail: 15 ranked bars do not fit 200 px of height. */
static void bar_should_report_a_squeeze(void **state) {
        static const char spec_json[] = SPEC("bar", "\"size\":{\"width\":640,\"height\":240},", "Asylanträge",
                                             "Applications", "Anmerkung", "Note", "Eurostat");
        char problems[4096];
        (void) state;
        assert_true(bar_problems(spec_json, 15, MS_LANG_DE, problems, sizeof(problems)) > 0);
        assert_non_null(strstr(problems, "overlaps"));
}

/* A note that needs more than its five lines is cut short with "…": the
 * check names it, so an editor learns that readers miss its end. */
#define LONG_NOTE "Diese Anmerkung erklärt sehr ausführlich, was die Zahlen zählen und was nicht. "
static void note_cut_short_should_be_reported(void **state) {
        static const char spec_json[] =
                SPEC("bar", "\"size\":{\"width\":640,\"height\":800},", "Asylanträge", "Applications",
                     LONG_NOTE LONG_NOTE LONG_NOTE LONG_NOTE LONG_NOTE LONG_NOTE, "Note", "Eurostat");
        char problems[4096];
        (void) state;
        assert_int_equal(bar_problems(spec_json, 5, MS_LANG_DE, problems, sizeof(problems)), 1);
        assert_non_null(strstr(problems, "note \"Diese Anmerkung"));
        assert_non_null(strstr(problems, "is cut short"));
        /* The English note is short: nothing to report. */
        assert_int_equal(bar_problems(spec_json, 5, MS_LANG_EN, problems, sizeof(problems)), 0);
}

/* Category labels come from remote data: markup and bidi controls in one
 * reach the SVG (alt text in <desc>) as text, and the SVG stays well-formed
 * XML (checked by xmllint, a real parser). */
static void bar_should_keep_hostile_labels_as_text(void **state) {
        static const char *const m[] = {"DE", "", NULL, "FRST", "2016"};
        static const char spec_json[] =
                SPEC("bar", "", "Erstanträge {latest}", "First-time applications {latest}", "Anmerkung",
                     "Note", "Eurostat");
        ms_series *s = cd_load(REAL "asylum_applications_annual.csv", m, 5, 2, 2, 5, 0);
        ms_chart_spec *spec = NULL;
        ms_chart *c = NULL;
        ms_buf svg = {};
        (void) state;
        assert_non_null(s);
        cd_keep_top(s, 5);
        free(s->labels[0]);
        s->labels[0] = strdup("<script>alert(1)</script>&\"'\xe2\x80\xae\xe2\x81\xa6gnp.exe");
        assert_int_equal(ms_chart_spec_parse(spec_json, strlen(spec_json), &spec, NULL), 0);
        assert_int_equal(ms_chart_layout(renderer, spec, s, MS_LANG_EN, &c, NULL), 0);
        assert_int_equal(ms_chart_write_svg(c, &svg, NULL), 0);
        assert_null(strstr(svg.data, "<script"));
        assert_null(strstr(svg.data, "\xe2\x80\xae"));
        assert_non_null(strstr(
                svg.data,
                "Highest: &lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;&#x202E;&#x2066;gnp.exe"));
        FILE *p = popen("xmllint --noout - 2>&1", "w");
        assert_non_null(p);
        assert_int_equal(fwrite(svg.data, 1, svg.len, p), svg.len);
        assert_int_equal(pclose(p), 0);
        ms_chart_free(c);
        ms_chart_spec_free(spec);
        ms_buf_done(&svg);
        ms_series_free(s);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(bar_should_rank_citizenships),
                cmocka_unit_test(bar_should_highlight_germany),
                cmocka_unit_test(line_should_draw_decisions),
                cmocka_unit_test(stacked_should_share_outcomes),
                cmocka_unit_test(stacked_column_should_stack_to_the_total),
                cmocka_unit_test(stacked_column_should_skip_a_period_with_a_missing_part),
                cmocka_unit_test(tile_should_show_both_rates),
                cmocka_unit_test(multiples_should_share_a_scale),
                cmocka_unit_test(bar_should_report_a_squeeze),
                cmocka_unit_test(note_cut_short_should_be_reported),
                cmocka_unit_test(bar_should_keep_hostile_labels_as_text),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
