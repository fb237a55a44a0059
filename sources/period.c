/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "migstat/period.h"

static int parse_digits(const char *s, size_t n, int *ret) {
        int v = 0;
        for (size_t i = 0; i < n; i++) {
                if (!isdigit((unsigned char) s[i]))
                        return -EINVAL;
                v = v * 10 + (s[i] - '0');
        }
        *ret = v;
        return 0;
}

/*
 * "2025", "2025-06", "2025M06", "2025-Q2", "2025Q2", "2025-S1", "2025H1".
 * The part after the year: an optional '-', then M/Q/S/H and digits, or
 * (after '-') two month digits.
 */
int ms_period_parse(const char *code, ms_period *ret) {
        size_t len = strlen(code);
        int year, sub;
        if (len < 4 || parse_digits(code, 4, &year) < 0)
                return -EINVAL;
        if (len == 4) {
                *ret = (ms_period){.year = year, .kind = MS_PERIOD_YEAR};
                return 0;
        }
        const char *p = code + 4;
        bool dash = *p == '-';
        if (dash)
                p++;
        ms_period_kind kind;
        int max;
        switch (toupper((unsigned char) *p)) {
        case 'M':
                kind = MS_PERIOD_MONTH;
                max = 12;
                p++;
                break;
        case 'Q':
                kind = MS_PERIOD_QUARTER;
                max = 4;
                p++;
                break;
        case 'S':
        case 'H':
                kind = MS_PERIOD_HALF;
                max = 2;
                p++;
                break;
        default:
                if (!dash) /* "202506" is too ambiguous to accept */
                        return -EINVAL;
                kind = MS_PERIOD_MONTH;
                max = 12;
                break;
        }
        size_t n = strlen(p);
        if (n == 0 || n > 2 || (kind == MS_PERIOD_MONTH && n != 2 && !dash) || parse_digits(p, n, &sub) < 0 ||
            sub < 1 || sub > max)
                return -EINVAL;
        if (kind == MS_PERIOD_MONTH && dash && p == code + 5 && n != 2)
                return -EINVAL; /* "2025-6" */
        *ret = (ms_period){.year = year, .kind = kind, .sub = sub};
        return 0;
}

static int period_start_month(const ms_period *p) {
        switch (p->kind) {
        case MS_PERIOD_YEAR: return 1;
        case MS_PERIOD_HALF: return (p->sub - 1) * 6 + 1;
        case MS_PERIOD_QUARTER: return (p->sub - 1) * 3 + 1;
        case MS_PERIOD_MONTH: return p->sub;
        }
        return 1;
}

static int period_months(const ms_period *p) {
        switch (p->kind) {
        case MS_PERIOD_YEAR: return 12;
        case MS_PERIOD_HALF: return 6;
        case MS_PERIOD_QUARTER: return 3;
        case MS_PERIOD_MONTH: return 1;
        }
        return 1;
}

int ms_period_first_month(const ms_period *p) {
        return p->year * 12 + period_start_month(p) - 1;
}

int ms_period_last_month(const ms_period *p) {
        return ms_period_first_month(p) + period_months(p) - 1;
}

int ms_period_compare(const ms_period *a, const ms_period *b) {
        if (a->year != b->year)
                return a->year < b->year ? -1 : 1;
        int ma = period_start_month(a), mb = period_start_month(b);
        if (ma != mb)
                return ma < mb ? -1 : 1;
        /* Same start: the longer period first (year, half, quarter, month). */
        if (a->kind != b->kind)
                return a->kind < b->kind ? -1 : 1;
        return 0;
}

void ms_period_format(const ms_period *p, char *buf, size_t n) {
        switch (p->kind) {
        case MS_PERIOD_YEAR: snprintf(buf, n, "%04d", p->year); break;
        case MS_PERIOD_HALF: snprintf(buf, n, "%04d-S%d", p->year, p->sub); break;
        case MS_PERIOD_QUARTER: snprintf(buf, n, "%04d-Q%d", p->year, p->sub); break;
        case MS_PERIOD_MONTH: snprintf(buf, n, "%04d-%02d", p->year, p->sub); break;
        }
}

ms_period ms_period_prev_year(const ms_period *p) {
        ms_period r = *p;
        r.year--;
        return r;
}
