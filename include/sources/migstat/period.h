/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Reference periods as sources spell them: "2025", "2025-06", "2025M06",
 * "2025-Q2", "2025Q2", "2025-S1", "2025H1".  Parsed once into a value that
 * orders and compares.
 */
#include <stdbool.h>
#include <stddef.h>

typedef enum ms_period_kind {
        MS_PERIOD_YEAR,
        MS_PERIOD_HALF,
        MS_PERIOD_QUARTER,
        MS_PERIOD_MONTH,
} ms_period_kind;

typedef struct ms_period {
        int year;
        ms_period_kind kind;
        int sub; /* 1-based half, quarter or month; 0 for a year */
} ms_period;

/* 0 on success, -EINVAL when code is not a period. */
int ms_period_parse(const char *code, ms_period *ret);
/* <0, 0, >0 like strcmp; a year sorts before its parts, parts by start. */
int ms_period_compare(const ms_period *a, const ms_period *b);
/* Normalized code: "2025", "2025-S1", "2025-Q2", "2025-06". */
void ms_period_format(const ms_period *p, char *buf, size_t n);
/* Month index (year * 12 + month - 1, January = 0) of the period's first
 * and last month: months apart is a difference of two of them. */
int ms_period_first_month(const ms_period *p);
int ms_period_last_month(const ms_period *p);
/* The same month/quarter/half one year earlier. */
ms_period ms_period_prev_year(const ms_period *p);
