/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * `migstatctl inspect`: a source file's normalized cube as tidy CSV on a
 * stream, for an editor checking what a source holds before charting it.
 * Works without a running daemon.
 */
#include <stdbool.h>
#include <stdio.h>

typedef struct ms_inspect_options {
        const char *kind; /* a kind of source.h, NULL = detect from the content */
        const char *dataset; /* bundle/collection member or NULL */
        bool normalize_periods; /* print time codes as 2016-02, 2016-Q1, 2016-S1, 2016 */
        const char *measure; /* a measure pipeline (measure.h) or NULL */
        const char *population; /* population file for per-100k or NULL */
} ms_inspect_options;

/* 0 on success; on error prints "migstatctl: file:line:col: ..." to err
 * and returns a negative errno. */
int ms_inspect_file(const char *path, const ms_inspect_options *o, FILE *out, FILE *err);
