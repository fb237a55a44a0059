/* SPDX-License-Identifier: MIT */
/*
 * migstat-bench: in-process timings of the hot paths, many iterations each.
 *
 *   migstat-bench [--iterations N] [--source FILE] [--chart SPEC] [--fonts FONTS.CONF]
 *
 * Prints a table: normalizing the JSON-stat file (MB/s) and one chart laid
 * out and written as SVG and as PNG (ms per chart, median and p90).
 * Defaults are the bundled data and the default chart, relative to the
 * source tree (run from its top directory).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "migstat/jsonstat.h"
#include "migstat/render.h"

typedef struct bench_args {
        unsigned iterations;
        const char *source, *chart, *fonts;
} bench_args;

static int die(const char *what, const ms_error *err) {
        char buf[1024];
        fprintf(stderr, "migstat-bench: %s: %s\n", what, ms_error_format(err, buf, sizeof(buf)));
        return EXIT_FAILURE;
}

/* Time fn(i) `iterations` times; report median and p90 in ms. */
typedef int (*bench_fn)(void *ctx);
static int bench_run(const char *name, unsigned iterations, bench_fn fn, void *ctx, double *ret_median) {
        double *t = calloc(iterations, sizeof(double));
        if (!t)
                return -ENOMEM;
        for (unsigned i = 0; i < iterations; i++) {
                double t0 = bench_now_ms();
                int r = fn(ctx);
                t[i] = bench_now_ms() - t0;
                if (r < 0) {
                        free(t);
                        return r;
                }
        }
        double med = bench_percentile(t, iterations, 0.5), p90 = bench_percentile(t, iterations, 0.9);
        printf("| %-32s | %10.3f | %10.3f |", name, med, p90);
        free(t);
        *ret_median = med;
        return 0;
}

typedef struct parse_ctx {
        const ms_buf *in;
} parse_ctx;

static int bench_parse(void *p) {
        parse_ctx *c = p;
        ms_cube *cube = NULL;
        ms_jsonstat_options o = {0};
        int r = ms_jsonstat_parse(c->in->data, c->in->len, &o, &cube, NULL);
        ms_cube_free(cube);
        return r;
}

typedef struct render_ctx {
        ms_renderer *r;
        const ms_chart_spec *spec;
        const ms_series *series;
        bool png;
        size_t bytes;
} render_ctx;

static int bench_render(void *p) {
        render_ctx *c = p;
        _cleanup_(ms_chart_freep) ms_chart *chart = NULL;
        ms_buf out = {0};
        int r = ms_chart_layout(c->r, c->spec, c->series, MS_LANG_DE, &chart, NULL);
        if (r >= 0)
                r = c->png ? ms_chart_write_png(chart, 1, &out, NULL) : ms_chart_write_svg(chart, &out, NULL);
        c->bytes = out.len;
        ms_buf_done(&out);
        return r;
}

static int parse_args(int argc, char **argv, bench_args *a) {
        static const struct option opts[] = {
                {"iterations", required_argument, NULL, 'n'},
                {"source", required_argument, NULL, 's'},
                {"chart", required_argument, NULL, 'c'},
                {"fonts", required_argument, NULL, 'f'},
                {0},
        };
        *a = (bench_args){200, "data/asylum_applications_monthly.json",
                          "config/charts.d/asylum-applications-monthly.json", "config/fonts.conf"};
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                switch (c) {
                case 'n': a->iterations = (unsigned) strtoul(optarg, NULL, 10); break;
                case 's': a->source = optarg; break;
                case 'c': a->chart = optarg; break;
                case 'f': a->fonts = optarg; break;
                default: return -EINVAL;
                }
        }
        return a->iterations >= 1 ? 0 : -EINVAL;
}

int main(int argc, char **argv) {
        bench_args a;
        ms_error err = {.offset = -1};
        ms_buf src = {0}, spec_text = {0};
        if (parse_args(argc, argv, &a) < 0) {
                fprintf(stderr,
                        "usage: migstat-bench [--iterations N] [--source FILE] [--chart SPEC] [--fonts FILE]\n");
                return 2;
        }
        if (bench_read_file(a.source, &src) < 0 || bench_read_file(a.chart, &spec_text) < 0) {
                fprintf(stderr, "migstat-bench: cannot read %s or %s\n", a.source, a.chart);
                return EXIT_FAILURE;
        }
        _cleanup_(ms_cube_freep) ms_cube *cube = NULL;
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *spec = NULL;
        _cleanup_(ms_series_freep) ms_series *series = NULL;
        _cleanup_(ms_renderer_freep) ms_renderer *rr = NULL;
        ms_jsonstat_options jo = {0};
        ms_slice_request req;
        if (ms_jsonstat_parse(src.data, src.len, &jo, &cube, &err) < 0)
                return die(a.source, &err);
        if (ms_chart_spec_parse(spec_text.data, spec_text.len, &spec, &err) < 0)
                return die(a.chart, &err);
        ms_chart_spec_slice_request(spec, &req);
        if (ms_cube_slice(cube, &req, &series, &err) < 0)
                return die("slice", &err);
        /* fontconfig resolves a relative file name against its own search path. */
        _cleanup_free_ char *fonts = realpath(a.fonts, NULL);
        double t0 = bench_now_ms();
        if (!fonts || ms_renderer_new(fonts, &rr, &err) < 0)
                return die(a.fonts, &err);
        double font_ms = bench_now_ms() - t0;

        double med;
        parse_ctx pc = {&src};
        render_ctx svg = {rr, spec, series, false, 0}, png = {rr, spec, series, true, 0};
        printf("migstat-bench: %u iterations each; %s (%zu bytes), %ux%u chart\n\n", a.iterations, a.source,
               src.len, spec->width, spec->height);
        printf("| %-32s | %10s | %10s | %s\n|---|---:|---:|---|\n", "operation", "median ms", "p90 ms",
               "figure");
        if (bench_run("normalize JSON-stat", a.iterations, bench_parse, &pc, &med) < 0)
                return EXIT_FAILURE;
        printf(" %.1f MB/s |\n", (double) src.len / 1e6 / (med / 1e3));
        if (bench_run("layout + SVG, 1 chart", a.iterations, bench_render, &svg, &med) < 0)
                return EXIT_FAILURE;
        printf(" %zu bytes |\n", svg.bytes);
        if (bench_run("layout + PNG 1x, 1 chart", a.iterations, bench_render, &png, &med) < 0)
                return EXIT_FAILURE;
        printf(" %zu bytes |\n", png.bytes);
        printf("\nrenderer start-up (fontconfig scan of config/fonts.conf): %.1f ms\n", font_ms);
        ms_buf_done(&src);
        ms_buf_done(&spec_text);
        return EXIT_SUCCESS;
}
