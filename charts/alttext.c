/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "migstat/format.h"

int chart_format_period_long(ms_lang l, const ms_period *p, char *buf, size_t n) {
        if (p->kind != MS_PERIOD_MONTH)
                return ms_format_period(l, p, buf, n);
        const char *m = ms_format_month_long(l, p->sub);
        if (!m)
                return -EINVAL;
        int w = snprintf(buf, n, "%s %d", m, p->year);
        return w < 0 || (size_t) w >= n ? -ENOBUFS : w;
}

/* The period right before p: month, quarter, half-year or year. */
static ms_period period_prev(const ms_period *p) {
        static const int per_year[] = {
                [MS_PERIOD_YEAR] = 1, [MS_PERIOD_HALF] = 2, [MS_PERIOD_QUARTER] = 4, [MS_PERIOD_MONTH] = 12};
        ms_period r = *p;
        if (p->kind == MS_PERIOD_YEAR)
                r.year--;
        else if (--r.sub < 1) {
                r.sub = per_year[p->kind];
                r.year--;
        }
        return r;
}

/* Value at period p, or NaN when the series does not have it. */
static double value_at(const ms_series *s, const ms_period *p) {
        for (size_t i = 0; i < s->n; i++) {
                ms_period q;
                if (ms_period_parse(s->codes[i], &q) >= 0 && ms_period_compare(&q, p) == 0)
                        return s->values[i];
        }
        return NAN;
}

typedef struct alt_ctx {
        ms_buf b;
        ms_lang l;
        bool counted; /* a unit was given: "fewer"/"more", else "lower"/"higher" */
        size_t n_clauses;
} alt_ctx;

/* ", 2 % weniger als im Vormonat" / " und 12 % ..." — omitted when the
 * comparison period is missing, and unless both values are positive: a
 * percentage of zero or across a sign change misleads. */
static int put_change(alt_ctx *a, double v, double prev, const char *than) {
        bool de = a->l == MS_LANG_DE;
        char num[64];
        int r;

        if (isnan(prev) || !(prev > 0 && v > 0))
                return 0;
        r = ms_buf_puts(&a->b, a->n_clauses++ == 0 ? ", " : de ? " und " : " and ");
        if (r < 0)
                return r;
        double pct = round(fabs(v - prev) / fabs(prev) * 100);
        if (v == prev)
                return ms_buf_printf(&a->b, "%s %s",
                                     de ? (a->counted ? "so viele wie" : "genauso viel wie") : "the same as",
                                     than);
        if (pct == 0)
                return ms_buf_printf(&a->b, "%s %s",
                                     de ? (a->counted ? "etwa so viele wie" : "etwa so viel wie")
                                        : "about the same as",
                                     than);
        r = ms_format_number(a->l, pct, 0, num, sizeof(num));
        if (r < 0)
                return r;
        const char *dir = de           ? (v > prev ? "mehr" : "weniger")
                          : a->counted ? (v > prev ? "more" : "fewer")
                                       : (v > prev ? "higher" : "lower");
        return ms_buf_printf(&a->b, "%s%s %s %s %s", num, de ? " %" : "%", dir, de ? "als" : "than", than);
}

/* "Im April 2019 wurden 13.585 Asylanträge gestellt" / "In April 2019, 13,585
 * asylum applications were made", or the generic "der Wert"/"the value". */
static int put_latest(alt_ctx *a, const ms_chart_spec *spec, const char *when, const char *num) {
        const char *unit = spec->unit[a->l], *verb = spec->verb[a->l];
        if (a->l == MS_LANG_DE) {
                if (unit && verb)
                        return ms_buf_printf(&a->b, " Im %s wurden %s %s %s", when, num, unit, verb);
                if (unit)
                        return ms_buf_printf(&a->b, " Im %s waren es %s %s", when, num, unit);
                return ms_buf_printf(&a->b, " Im %s betrug der Wert %s", when, num);
        }
        if (unit && verb)
                return ms_buf_printf(&a->b, " In %s, %s %s were %s", when, num, unit, verb);
        if (unit)
                return ms_buf_printf(&a->b, " In %s, there were %s %s", when, num, unit);
        return ms_buf_printf(&a->b, " In %s, the value was %s", when, num);
}

static int put_comparisons(alt_ctx *a, const ms_series *s, const ms_period *p, double v) {
        static const char *const prev_name[MS_LANG_COUNT][4] = {
                [MS_LANG_DE] = {"im Vorjahr", "im Vorhalbjahr", "im Vorquartal", "im Vormonat"},
                [MS_LANG_EN] = {"in the previous year", "in the previous half-year",
                                "in the previous quarter", "in the previous month"},
        };
        char when[64], than[80];
        int r;

        ms_period q = period_prev(p);
        r = put_change(a, v, value_at(s, &q), prev_name[a->l][p->kind]);
        if (r < 0 || p->kind == MS_PERIOD_YEAR) /* for years both comparisons are the same */
                return r;
        q = ms_period_prev_year(p);
        r = chart_format_period_long(a->l, &q, when, sizeof(when));
        if (r < 0)
                return r;
        snprintf(than, sizeof(than), "%s %s", a->l == MS_LANG_DE ? "im" : "in", when);
        return put_change(a, v, value_at(s, &q), than);
}

static int decimals_of(const ms_series *s) {
        for (size_t i = 0; i < s->n; i++)
                if (!isnan(s->values[i]) && s->values[i] != floor(s->values[i]))
                        return 1;
        return 0;
}

/*
 * "Säulendiagramm: <title>, <first> bis <latest>. Im <latest> ... , x %
 * weniger als im Vormonat und y % weniger als im <latest a year before>."
 * Numbers come from the series, so the text always matches the picture.
 */
int chart_alt_text_new(const ms_chart_spec *spec, const ms_series *s, ms_lang l, const char *title,
                       char **ret) {
        alt_ctx a = {.l = l, .counted = spec->unit[l] != NULL};
        bool de = l == MS_LANG_DE;
        char first[64], latest[64], num[64];
        ms_period p0, p;
        size_t ref = s->n;
        int r;

        for (size_t i = 0; i < s->n; i++)
                if (!isnan(s->values[i]))
                        ref = i;
        if (ref == s->n)
                return -ENODATA;
        size_t tl = strlen(title);
        while (tl > 0 && strchr(". ", title[tl - 1]))
                tl--;
        r = ms_buf_printf(&a.b, "%s: %.*s", de ? "Säulendiagramm" : "Column chart", (int) tl, title);
        bool periods = ms_period_parse(s->codes[0], &p0) >= 0 && ms_period_parse(s->codes[ref], &p) >= 0;
        if (r >= 0)
                r = ms_format_number(l, s->values[ref], (unsigned) decimals_of(s), num, sizeof(num));
        if (r >= 0 && periods) {
                r = chart_format_period_long(l, &p0, first, sizeof(first));
                if (r >= 0)
                        r = chart_format_period_long(l, &p, latest, sizeof(latest));
                if (r >= 0)
                        r = ms_buf_printf(&a.b, ", %s %s %s.", first, de ? "bis" : "to", latest);
                if (r >= 0 && p.kind == MS_PERIOD_YEAR) /* "Im Jahr 2025", "In 2025" */
                        snprintf(latest, sizeof(latest), "%s%d", de ? "Jahr " : "", p.year);
                if (r >= 0)
                        r = put_latest(&a, spec, latest, num);
                if (r >= 0)
                        r = put_comparisons(&a, s, &p, s->values[ref]);
                if (r >= 0)
                        r = ms_buf_puts(&a.b, ".");
        } else if (r >= 0)
                r = ms_buf_printf(&a.b, ". %s (%s): %s.", de ? "Zuletzt" : "Latest",
                                  s->labels && s->labels[ref] ? s->labels[ref] : s->codes[ref], num);
        if (r < 0) {
                ms_buf_done(&a.b);
                return r;
        }
        *ret = a.b.data;
        return 0;
}
