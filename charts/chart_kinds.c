/* SPDX-License-Identifier: MIT */
/* The table of chart kinds (chart_kinds.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chart_kinds.h"

const chart_kind chart_kinds[_MS_CHART_KIND_COUNT] = {
        /* Columns write their own alt text (alttext.c): the latest month against
         * the month before and the same month a year earlier. */
        [MS_CHART_COLUMN] = {"column", {NULL, NULL}, SERIES_ONE, lo_column_chart, NULL},
        [MS_CHART_BAR] =
                {"bar", {"Balkendiagramm", "Bar chart"}, SERIES_ONE, lo_bar_chart, alt_highest_lowest},
        [MS_CHART_LINE] = {"line",
                           {"Liniendiagramm", "Line chart"},
                           SERIES_SAME_AXIS,
                           lo_line_chart,
                           alt_latest_values},
        [MS_CHART_STACKED] = {"stacked-bar",
                              {"Gestapelte Balken (100 %)", "100% stacked bar chart"},
                              SERIES_SAME_AXIS,
                              lo_stacked_chart,
                              alt_latest_shares},
        [MS_CHART_TILE] =
                {"tile", {"Kennzahlen", "Key figures"}, SERIES_ANY, lo_tile_chart, alt_latest_values},
        [MS_CHART_SMALL_MULTIPLES] = {"small-multiples",
                                      {"Kleine Säulendiagramme", "Small column charts"},
                                      SERIES_ANY,
                                      lo_multiples_chart,
                                      alt_latest_values},
        [MS_CHART_STACKED_COLUMN] = {"stacked-column",
                                     {"Gestapelte Säulen", "Stacked column chart"},
                                     SERIES_SAME_AXIS,
                                     lo_stacked_column_chart,
                                     alt_latest_parts},
};

int chart_kind_from_name(const char *name, ms_chart_kind *ret) {
        for (size_t i = 0; name && i < _MS_CHART_KIND_COUNT; i++)
                if (strcmp(name, chart_kinds[i].name) == 0) {
                        *ret = (ms_chart_kind) i;
                        return 0;
                }
        return -EINVAL;
}

void chart_kind_names(char *buf, size_t n) {
        size_t l = 0;
        buf[0] = 0;
        for (size_t i = 0; i < _MS_CHART_KIND_COUNT && l < n; i++)
                l += (size_t) snprintf(buf + l, n - l, "%s\"%s\"",
                                       i == 0                          ? ""
                                       : i + 1 == _MS_CHART_KIND_COUNT ? " or "
                                                                       : ", ",
                                       chart_kinds[i].name);
}
