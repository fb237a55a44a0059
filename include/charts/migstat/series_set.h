/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Several series for one chart (lines, 100 % stacked bars, small multiples,
 * a tile of rates), added beside ms_series, which stays as it is.  Every
 * pointer is borrowed from the caller for the duration of the layout call.
 */
#include <stddef.h>

#include "migstat/slice.h"

typedef struct ms_series_set {
        size_t n; /* 1 .. 12 */
        const ms_series *const *series; /* lines and stacked bars: the same codes along x */
        const char *const *
                names; /* per series, in the chart's language (legend, panel titles); may be NULL when n == 1 */
        /* Bars and tiles show categories of one period: its code ("2016",
         * "2021-11"), for {latest} and the Stand.  NULL: the series' last
         * period with a value. */
        const char *period;
        /* Bars with select.compare: the same categories in the period a year
         * before `period` (markers, the CSV's previous_year); NULL: none. */
        const ms_series *previous;
} ms_series_set;
