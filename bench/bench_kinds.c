/* SPDX-License-Identifier: MIT */
/*
 * migstat-bench-kinds: per chart kind, layout + SVG and layout + PNG (1x
 * and 2x) in ms (median and p90 of N runs), at 1200x675, from the bundled
 * real figures in data/ (as the tests read them).  Run from the top of the
 * source tree:
 *
 *   build/bench/migstat-bench-kinds [--iterations N] [--dark]
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tests/chart_data.h"
#include "bench_util.h"
#include "migstat/render.h"

#define REAL "data/"

typedef struct kind {
        const char *name, *spec;
        size_t n;
        ms_series *s[6];
        const char *names[6];
        const char *period;
} kind;

#define SPEC(k, extra) \
        "{\"id\":\"b\",\"kind\":\"" k "\",\"source\":\"s\"," extra \
        "\"title\":{\"de\":\"Titel {latest}\",\"en\":\"Title\"},\"note\":{\"de\":\"Anmerkung\",\"en\":\"Note\"}," \
        "\"footer\":{\"source\":{\"de\":\"Quelle: Eurostat, BAMF\",\"en\":\"Source\"}}}"

static const char *const outcomes[] = {"decisions_asylum_art16a",   "decisions_refugee_par3",
                                       "decisions_subsidiary_par4", "decisions_deportation_ban_par60",
                                       "decisions_rejected",        "decisions_formal"};

static void load(kind *k) {
        static const char *const monthly[] = {"DE", "TOTAL", "ASY_APP"}, *const eu[] = {NULL, "TOTAL", "",
                                                                                        "ASY_APP", "2016"};
        static const char *const dec[] = {"TOTAL", "TOTAL_POS", "REJECTED"}, *const cc[] = {"475", "423",
                                                                                            "438", "163",
                                                                                            "430", "439"};
        k[0] = (kind){.name = "column + marker (chart 1)",
                      .spec = SPEC("column", "\"select\":{\"window\":25,\"compare\":\"previous-year\"},"),
                      .n = 1,
                      .period = NULL};
        k[0].s[0] = cd_load("data/asylum_applications_monthly.csv", monthly, 3, 3, -1, 4, 37);
        k[1] = (kind){.name = "bar, 15 ranked",
                      .spec = SPEC("bar", "\"highlight\":\"DE\","),
                      .n = 1,
                      .period = "2016"};
        k[1].s[0] = cd_load(REAL "asylum_applications_annual.csv", eu, 5, 0, 0, 5, 0);
        if (k[1].s[0])
                cd_keep_top(k[1].s[0], 15);
        k[2] = (kind){.name = "line, 3 series", .spec = SPEC("line", ""), .n = 3, .names = {"a", "b", "c"}};
        for (size_t i = 0; i < 3; i++) {
                const char *m[] = {"DE", "TOTAL", dec[i]};
                k[2].s[i] = cd_load(REAL "asylum_decisions.csv", m, 3, 3, 3, 4, 0);
        }
        k[3] = (kind){.name = "stacked-bar, 6 x 6",
                      .spec = SPEC("stacked-bar", ""),
                      .n = 6,
                      .names = {"a", "b", "c", "d", "e", "f"}};
        k[5] = (kind){.name = "small-multiples, 6 x 12",
                      .spec = SPEC("small-multiples", ""),
                      .n = 6,
                      .names = {"a", "b", "c", "d", "e", "f"}};
        for (size_t i = 0; i < 6; i++) {
                const char *m[] = {"DE", "TOTAL", NULL, outcomes[i]},
                           *mc[] = {"DE", cc[i], NULL, "applications_first"};
                k[3].s[i] = cd_load(REAL "bamf_decisions_monthly_de_2019-2021.csv", m, 4, 4, 4, 5, 6);
                k[5].s[i] = cd_load(REAL "bamf_applications_monthly_de.csv", mc, 4, 4, 2, 5, 12);
        }
        k[4] = (kind){.name = "tile, 2 rates",
                      .spec = SPEC("tile", "\"percent\":true,"),
                      .n = 2,
                      .names = {"a", "b"},
                      .period = "2021-11"};
        for (size_t i = 0; i < 2;
             i++) { /* any two real shares: refugee status and rejections of the last month */
                const char *m[] = {"DE", "TOTAL", NULL, outcomes[i == 0 ? 1 : 4], "2021-11"};
                k[4].s[i] = cd_load(REAL "bamf_decisions_monthly_de_2019-2021.csv", m, 5, 4, 4, 5, 0);
        }
        /* Chart 2: first-time applicants and all minus first-time, 9 years. */
        static const char *const frst[] = {"DE", "TOTAL", "", "FRST"}, *const all[] = {"DE", "TOTAL", "",
                                                                                       "ASY_APP"};
        k[6] = (kind){.name = "stacked-column, 2 x 9",
                      .spec = SPEC("stacked-column", ""),
                      .n = 2,
                      .names = {"a", "b"}};
        k[6].s[0] = cd_load(REAL "asylum_applications_annual.csv", frst, 4, 4, 4, 5, 0);
        k[6].s[1] = cd_load(REAL "asylum_applications_annual.csv", all, 4, 4, 4, 5, 0);
        for (size_t i = 0; k[6].s[0] && k[6].s[1] && i < k[6].s[1]->n && i < k[6].s[0]->n; i++)
                k[6].s[1]->values[i] -= k[6].s[0]->values[i];
}

/* what: 0 SVG, 1 PNG 1x, 2 PNG 2x */
static int run(ms_renderer *r, const ms_chart_spec *spec, const ms_series_set *set, int what, size_t *bytes) {
        ms_chart *c = NULL;
        ms_buf out = {0};
        int k = ms_chart_layout_set(r, spec, set, MS_LANG_DE, &c, NULL);
        if (k >= 0)
                k = what == 0 ? ms_chart_write_svg(c, &out, NULL)
                              : ms_chart_write_png(c, (unsigned) what, &out, NULL);
        *bytes = out.len;
        ms_buf_done(&out);
        ms_chart_free(c);
        return k;
}

int main(int argc, char **argv) {
        unsigned iterations = 100;
        bool dark = false;
        static const struct option opts[] = {
                {"iterations", required_argument, NULL, 'n'}, {"dark", no_argument, NULL, 'd'}, {0}};
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;)
                if (c == 'n')
                        iterations = (unsigned) strtoul(optarg, NULL, 10);
                else if (c == 'd')
                        dark = true;
                else
                        return 2;
        char *fonts = realpath("config/fonts.conf", NULL);
        ms_renderer *r = NULL;
        if (!fonts || iterations < 1 || ms_renderer_new(fonts, &r, NULL) < 0) {
                fprintf(stderr, "migstat-bench-kinds: run from the source tree (config/fonts.conf)\n");
                return 1;
        }
        kind k[7] = {0};
        load(k);
        double *t = calloc(iterations, sizeof(double));
        printf("migstat-bench-kinds: %u iterations, 1200x675, German%s; ms median (p90), bytes\n\n",
               iterations, dark ? ", dark" : "");
        printf("| kind | layout + SVG | layout + PNG 1x | layout + PNG 2x |\n|---|---:|---:|---:|\n");
        for (size_t i = 0; i < ELEMENTSOF(k); i++) {
                ms_chart_spec *spec = NULL;
                for (size_t j = 0; j < k[i].n; j++)
                        if (!k[i].s[j]) {
                                fprintf(stderr, "%s: data not found\n", k[i].name);
                                return 1;
                        }
                if (ms_chart_spec_parse(k[i].spec, strlen(k[i].spec), &spec, NULL) < 0)
                        return 1;
                spec->dark = dark;
                ms_series_set set = {k[i].n, (const ms_series *const *) k[i].s, k[i].names, k[i].period,
                                     NULL};
                printf("| %s |", k[i].name);
                for (int what = 0; what < 3; what++) {
                        size_t bytes = 0;
                        for (unsigned it = 0; it < iterations; it++) {
                                double t0 = bench_now_ms();
                                if (run(r, spec, &set, what, &bytes) < 0)
                                        return 1;
                                t[it] = bench_now_ms() - t0;
                        }
                        double p90 = bench_percentile(t, iterations, 0.9);
                        printf(" %.2f (%.2f), %zu B |", bench_percentile(t, iterations, 0.5), p90, bytes);
                }
                printf("\n");
                ms_chart_spec_free(spec);
                for (size_t j = 0; j < k[i].n; j++)
                        ms_series_free(k[i].s[j]);
        }
        free(t);
        free(fonts);
        ms_renderer_free(r);
        return 0;
}
