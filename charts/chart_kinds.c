/* SPDX-License-Identifier: MIT */
/* The table of chart kinds (chart_kinds.h), and the alt text composed through it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chart_kinds.h"
#include "layout.h"

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

/* The title sentence, then the kind's own (the table's alt_sentence). */
int chart_alt_text_kind_new(const layout_ctx *l, char **ret) {
        ms_buf b = {};
        const char *title = l->c->title;
        size_t tl = strlen(title);
        int r;

        while (tl > 0 && strchr(". ", title[tl - 1]))
                tl--;
        r = ms_buf_printf(&b, "%s: %.*s", chart_kinds[l->spec->kind].called[l->lang], (int) tl, title);
        if (r >= 0 && strcmp(l->first, l->latest) != 0)
                r = ms_buf_printf(&b, ", %s %s %s.", l->first, l->lang == MS_LANG_DE ? "bis" : "to",
                                  l->latest);
        else if (r >= 0 && !strstr(title, l->latest)) /* "…, 2016 (2016)" says it twice */
                r = ms_buf_printf(&b, " (%s).", l->latest);
        else if (r >= 0)
                r = ms_buf_puts(&b, ".");
        if (r >= 0)
                r = chart_kinds[l->spec->kind].alt_sentence(l, &b);
        if (r < 0) {
                ms_buf_done(&b);
                return r;
        }
        *ret = b.data;
        return 0;
}
