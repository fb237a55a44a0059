/* SPDX-License-Identifier: MIT */
/*
 * Alt text of the kinds other than columns, from the plotted numbers:
 * bars name the largest and smallest category, lines and small multiples
 * the latest value of each series, stacked bars the shares of the latest
 * bar, stacked columns the latest parts and their total, tiles every number.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_kinds.h"
#include "migstat/format.h"

static int number(const layout_ctx *l, double v, char *buf, size_t n) {
        return l->spec->percent ? lo_format_percent(l, v, 1, buf, n)
                                : ms_format_number(l->lang, v, l->decimals, buf, n);
}

static const char *label_of(const ms_series *s, size_t i) {
        return s->labels && s->labels[i] ? s->labels[i] : s->codes[i];
}

int alt_highest_lowest(const layout_ctx *l, ms_buf *b) {
        const ms_series *s = l->s;
        bool de = l->lang == MS_LANG_DE;
        size_t hi = s->n, lo = s->n;
        char a[64], z[64];
        for (size_t i = 0; i < s->n; i++) {
                if (isnan(s->values[i]))
                        continue;
                if (hi == s->n || s->values[i] > s->values[hi])
                        hi = i;
                if (lo == s->n || s->values[i] < s->values[lo])
                        lo = i;
        }
        if (hi == s->n || number(l, s->values[hi], a, sizeof(a)) < 0 ||
            number(l, s->values[lo], z, sizeof(z)) < 0)
                return -ENODATA;
        return ms_buf_printf(b, " %s: %s (%s), %s: %s (%s).", de ? "Am höchsten" : "Highest", label_of(s, hi),
                             a, de ? "am niedrigsten" : "lowest", label_of(s, lo), z);
}

/* "Zuletzt (Nov. 2021): A 1.234, B 567." per series, at the last index with a value in series 1;
 * with sum, "…; zusammen 1.801." */
static int put_latest(const layout_ctx *l, ms_buf *b, bool shares, bool sum) {
        const ms_series *s0 = l->s;
        bool de = l->lang == MS_LANG_DE;
        bool one_period = strcmp(l->first, l->latest) == 0; /* bars, tiles: the title's period */
        int r = one_period ? 0 : ms_buf_printf(b, " %s (%s):", de ? "Zuletzt" : "Latest", l->latest);
        double total = 0;
        bool complete = true; /* a total of some parts is no total */
        for (size_t k = 0; k < l->set->n && (shares || sum); k++)
                if (!isnan(l->views[k].values[l->ref]))
                        total += l->views[k].values[l->ref];
                else
                        complete = false;
        for (size_t k = 0; k < l->set->n && r >= 0; k++) {
                const ms_series *s = &l->views[k];
                size_t i = s == s0 || s->n == s0->n ? l->ref : s->n - 1;
                char num[64];
                if (isnan(s->values[i]))
                        continue;
                r = shares ? lo_format_percent(l, total > 0 ? s->values[i] / total * 100 : 0, 0, num,
                                               sizeof(num))
                           : number(l, s->values[i], num, sizeof(num));
                /* "; " between items: names may hold commas ("Iran, Islamische Republik") */
                if (r >= 0)
                        r = ms_buf_printf(b, "%s%s: %s", k ? "; " : " ",
                                          l->set->names ? l->set->names[k] : "", num);
        }
        char num[64];
        if (r >= 0 && sum && complete && (r = number(l, total, num, sizeof(num))) >= 0)
                r = ms_buf_printf(b, "; %s %s", de ? "zusammen" : "together", num);
        return r < 0 ? r : ms_buf_puts(b, ".");
}

int alt_latest_values(const layout_ctx *l, ms_buf *b) {
        return put_latest(l, b, false, false);
}

int alt_latest_shares(const layout_ctx *l, ms_buf *b) {
        return put_latest(l, b, true, false);
}

int alt_latest_parts(const layout_ctx *l, ms_buf *b) {
        return put_latest(l, b, false, true);
}
