/* SPDX-License-Identifier: MIT */
#pragma once
/*
 * What every bench program needs: a clock, the quantiles they report and
 * reading an input file whole, so their figures are computed one way.
 */
#include <stddef.h>

#include "migstat/buf.h"

/* Milliseconds on CLOCK_MONOTONIC: timings immune to steps of the wall clock. */
double bench_now_ms(void);

/* Sort v ascending. */
void bench_sort(double *v, size_t n);

/* The p-quantile (0 < p <= 1) of v by nearest rank (sorts v): medians with
 * p = 0.5 and tails with p = 0.9 in every bench table. */
double bench_percentile(double *v, size_t n, double p);

/* Append the whole file at path to out.  0, or -errno (-ENOMEM, -EIO). */
int bench_read_file(const char *path, ms_buf *out);
