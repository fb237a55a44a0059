/* SPDX-License-Identifier: MIT */
#include "bench_util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "migstat/macro.h"

double bench_now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *) a, y = *(const double *) b;
        return x < y ? -1 : x > y;
}

void bench_sort(double *v, size_t n) {
        qsort(v, n, sizeof(*v), cmp_double);
}

double bench_percentile(double *v, size_t n, double p) {
        bench_sort(v, n);
        size_t i = (size_t) ceil(p * (double) n) - 1;
        return v[i < n ? i : n - 1];
}

int bench_read_file(const char *path, ms_buf *out) {
        _cleanup_fclose_ FILE *f = fopen(path, "re");
        char chunk[65536];
        if (!f)
                return -errno;
        for (size_t n; (n = fread(chunk, 1, sizeof(chunk), f)) > 0;)
                if (ms_buf_append(out, chunk, n) < 0)
                        return -ENOMEM;
        return ferror(f) ? -EIO : 0;
}
