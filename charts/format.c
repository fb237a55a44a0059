/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "migstat/format.h"
#include "migstat/macro.h"

/* Duden abbreviations: four-letter months are written out, "Sept." keeps four. */
static const char *const month_short[MS_LANG_COUNT][12] = {
        [MS_LANG_DE] = {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
                        "Nov.", "Dez."},
        [MS_LANG_EN] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
};

static const char *const month_long[MS_LANG_COUNT][12] = {
        [MS_LANG_DE] = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                        "Oktober", "November", "Dezember"},
        [MS_LANG_EN] = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"},
};

const char *ms_format_month_short(ms_lang l, int month) {
        if ((unsigned) l >= MS_LANG_COUNT || month < 1 || month > 12)
                return NULL;
        return month_short[l][month - 1];
}

const char *ms_format_month_long(ms_lang l, int month) {
        if ((unsigned) l >= MS_LANG_COUNT || month < 1 || month > 12)
                return NULL;
        return month_long[l][month - 1];
}

/* U+2212 MINUS SIGN: a hyphen is too short next to digits and may break a line. */
#define MINUS_SIGN "\xe2\x88\x92"

/*
 * Integer arithmetic instead of printf("%.*f"): printf follows LC_NUMERIC of
 * whatever program links us.  We round half away from zero on the scaled
 * value, so 51.75 -> "51,8"; values whose scaled magnitude reaches 2^53
 * (beyond exact integers in a double) are refused with -ERANGE.
 */
int ms_format_number(ms_lang l, double v, unsigned decimals, char *buf, size_t n) {
        static const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
        char digits[32], out[64];
        size_t k = 0;

        if ((unsigned) l >= MS_LANG_COUNT || decimals >= ELEMENTSOF(pow10))
                return -EINVAL;
        if (!isfinite(v))
                return -EDOM;
        double scaled = round(fabs(v) * pow10[decimals]);
        if (scaled >= 9007199254740992.0)
                return -ERANGE;
        uint64_t u = (uint64_t) scaled;
        int nd = snprintf(digits, sizeof(digits), "%0*llu", (int) decimals + 1, (unsigned long long) u);
        if (nd < 0 || (size_t) nd >= sizeof(digits))
                return -ERANGE;

        const char *group = l == MS_LANG_DE ? "." : ",";
        char point = l == MS_LANG_DE ? ',' : '.';
        size_t nint = (size_t) nd - decimals;

        if (u != 0 && v < 0) { /* no "−0" after rounding */
                memcpy(out, MINUS_SIGN, strlen(MINUS_SIGN));
                k += strlen(MINUS_SIGN);
        }
        for (size_t i = 0; i < nint; i++) {
                if (i > 0 && (nint - i) % 3 == 0)
                        out[k++] = group[0];
                out[k++] = digits[i];
        }
        if (decimals > 0) {
                out[k++] = point;
                memcpy(out + k, digits + nint, decimals);
                k += decimals;
        }
        out[k] = '\0';
        if (k + 1 > n)
                return -ENOBUFS;
        memcpy(buf, out, k + 1);
        return (int) k;
}

/* snprintf()'s result as ours: the length, or -ENOBUFS when it was cut. */
static int put(size_t n, int w) {
        if (w < 0)
                return -EINVAL;
        return (size_t) w >= n ? -ENOBUFS : w;
}

/* Axis and sentence form: "Jan. 2026", "2. Quartal 2025", "1. Halbjahr 2025";
 * "Jan 2026", "Q2 2025", "H1 2025". */
int ms_format_period(ms_lang l, const ms_period *p, char *buf, size_t n) {
        if ((unsigned) l >= MS_LANG_COUNT || n == 0)
                return -EINVAL;
        bool de = l == MS_LANG_DE;
        switch (p->kind) {
        case MS_PERIOD_YEAR: return put(n, snprintf(buf, n, "%d", p->year));
        case MS_PERIOD_HALF:
                if (p->sub < 1 || p->sub > 2)
                        return -EINVAL;
                return put(n, de ? snprintf(buf, n, "%d. Halbjahr %d", p->sub, p->year)
                                 : snprintf(buf, n, "H%d %d", p->sub, p->year));
        case MS_PERIOD_QUARTER:
                if (p->sub < 1 || p->sub > 4)
                        return -EINVAL;
                return put(n, de ? snprintf(buf, n, "%d. Quartal %d", p->sub, p->year)
                                 : snprintf(buf, n, "Q%d %d", p->sub, p->year));
        case MS_PERIOD_MONTH: {
                const char *m = ms_format_month_short(l, p->sub);
                if (!m)
                        return -EINVAL;
                return put(n, snprintf(buf, n, "%s %d", m, p->year));
        }
        }
        return -EINVAL;
}
