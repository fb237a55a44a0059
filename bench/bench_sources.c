/* SPDX-License-Identifier: MIT */
/*
 * migstat-bench-sources: throughput and memory of the source parsers.
 *
 *   migstat-bench-sources [--mb N] [--seed S] [--gap G] [--table FILE]...
 *
 * Generates a sparse JSON-stat 2.0 dataset of at least N MB (default 64)
 * from the seed (value and status as objects keyed by cell index, the form
 * Eurostat uses for sparse data), normalizes it once through
 * ms_source_parse() and prints MB/s and the peak RSS as a multiple of the
 * input size.  Cells with a value are 1 + rand % G apart (default 2: about
 * half the cells; --gap 24 makes a cube of 48.6M cells with 8% filled, where
 * the dense cube, not the text, sets the memory).  Each --table FILE (e.g. the bundled BAMF tables) is parsed as
 * kind `table` and timed the same way.  The figures are synthetic shapes
 * for timing only; nothing here is published.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"
#include "migstat/buf.h"
#include "migstat/source.h"

static double peak_rss_mb(void) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return (double) ru.ru_maxrss / 1024.0;
}

static uint64_t next(uint64_t *s) {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        return *s;
}

static int put_dim(ms_buf *b, const char *id, size_t n, const char *fmt, bool last) {
        int r = ms_buf_printf(b, "\"%s\":{\"category\":{\"index\":[", id);
        for (size_t k = 0; r >= 0 && k < n; k++) {
                char code[32];
                snprintf(code, sizeof(code), fmt, k / 12 + 2000, k % 12 + 1, k);
                r = ms_buf_printf(b, "%s\"%s\"", k ? "," : "", code);
        }
        return r >= 0 ? ms_buf_printf(b, "]}}%s", last ? "" : ",") : r;
}

/* geo 40 x citizen 200 x sex 3 x age 6 x time 48 months = 6.9M cells; about
 * two cells in three have a value, as in Eurostat's asylum tables, where
 * the value object omits the cells that are not available. */
static int generate(size_t min_bytes, uint64_t seed, unsigned gap, ms_buf *b) {
        const size_t size[] = {gap > 2 ? 60 : 40, gap > 2 ? 250 : 200, 3, 6, gap > 2 ? 180 : 48};
        size_t cells = 1;
        for (size_t i = 0; i < 5; i++)
                cells *= size[i];
        int r = ms_buf_printf(
                b,
                "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"synthetic benchmark\","
                "\"id\":[\"geo\",\"citizen\",\"sex\",\"age\",\"time\"],\"size\":[%zu,%zu,3,6,%zu],"
                "\"role\":{\"time\":[\"time\"],\"geo\":[\"geo\"]},\"dimension\":{",
                size[0], size[1], size[4]);
        if (r >= 0)
                r = put_dim(b, "geo", size[0], "G%3$zu", false);
        if (r >= 0)
                r = put_dim(b, "citizen", size[1], "C%3$zu", false);
        if (r >= 0)
                r = put_dim(b, "sex", size[2], "S%3$zu", false);
        if (r >= 0)
                r = put_dim(b, "age", size[3], "A%3$zu", false);
        if (r >= 0)
                r = put_dim(b, "time", size[4], "%1$zu-%2$02zu", true);
        if (r >= 0)
                r = ms_buf_puts(b, "},\"value\":{");
        size_t off = 0, n = 0;
        while (r >= 0 && b->len < min_bytes && off < cells) {
                off += 1 + next(&seed) % gap;
                if (off >= cells)
                        break;
                r = ms_buf_printf(b, "%s\"%zu\":%llu", n++ ? "," : "", off,
                                  (unsigned long long) (next(&seed) % 100000));
        }
        if (r >= 0)
                r = ms_buf_puts(b, "},\"status\":{\"5\":\"p\",\"17\":\"e\"}}");
        return r;
}

static void report(const char *what, size_t bytes, double secs, double rss_before) {
        double mb = (double) bytes / 1e6, peak = peak_rss_mb();
        printf("%-44s %8.1f MB  %7.3f s  %7.1f MB/s  peak RSS %7.1f MB (%.1fx input; %.1f MB before parsing)\n",
               what, mb, secs, mb / secs, peak, peak / (mb / 1.048576), rss_before);
}

static int parse_one(const char *kind, const char *what, const ms_buf *in) {
        ms_error err = {.offset = -1};
        ms_cube *c = NULL;
        double before = peak_rss_mb(), t0 = bench_now_ms() / 1e3;
        int r = ms_source_parse(kind, in->data, in->len, NULL, &c, &err);
        double t1 = bench_now_ms() / 1e3;
        if (r < 0) {
                char buf[800];
                fprintf(stderr, "migstat-bench-sources: %s: %s\n", what,
                        ms_error_format(&err, buf, sizeof(buf)));
                return r;
        }
        report(what, in->len, t1 - t0, before);
        printf("%-44s %zu cells, %zu with a value\n", "", c->n_cells, ms_cube_count_nonnull(c));
        ms_cube_free(c);
        return 0;
}

int main(int argc, char **argv) {
        static const struct option opts[] = {
                {"mb", required_argument, NULL, 'm'},
                {"seed", required_argument, NULL, 's'},
                {"table", required_argument, NULL, 't'},
                {"gap", required_argument, NULL, 'g'},
                {0},
        };
        size_t mb = 64;
        unsigned gap = 2;
        uint64_t seed = 20261125;
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                if (c == 'm')
                        mb = strtoul(optarg, NULL, 10);
                else if (c == 's')
                        seed = strtoull(optarg, NULL, 10) | 1;
                else if (c == 'g')
                        gap = (unsigned) strtoul(optarg, NULL, 10);
                else if (c != 't')
                        return 2;
        }
        for (optind = 1;;) { /* tables first: their RSS is not yet inflated by the big document */
                int c = getopt_long(argc, argv, "", opts, NULL);
                if (c < 0)
                        break;
                if (c != 't')
                        continue;
                ms_buf in = {0};
                int r = bench_read_file(optarg, &in);
                if (r < 0) {
                        fprintf(stderr, "migstat-bench-sources: %s: %s\n", optarg, strerror(-r));
                        return 1;
                }
                r = parse_one("table", optarg, &in);
                ms_buf_done(&in);
                if (r < 0)
                        return 1;
        }
        ms_buf b = {0};
        if (gap < 1 || generate(mb * 1000000, seed, gap, &b) < 0 ||
            b.len < mb * 1000000) /* cells ran out first */
                return 1;
        char what[64];
        snprintf(what, sizeof(what), "sparse JSON-stat (seed %llu, gap %u)", (unsigned long long) seed, gap);
        int r = parse_one("jsonstat", what, &b);
        ms_buf_done(&b);
        return r < 0;
}
