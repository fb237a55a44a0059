/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Numbers and dates in the reader's language, independent of the host's
 * locales (we never call setlocale): German 12.345, 51,8 %, Jan. 2026;
 * English 12,345, 51.8%, Jan 2026.
 */
#include <stddef.h>

#include "migstat/lang.h"
#include "migstat/period.h"

/* v rounded to `decimals` places with the language's separators. */
int ms_format_number(ms_lang l, double v, unsigned decimals, char *buf, size_t n);
/* A period for an axis or a sentence: "Jan. 2026", "2025", "2. Quartal 2025" ... */
int ms_format_period(ms_lang l, const ms_period *p, char *buf, size_t n);
/* Short month name: "Jan.", "März" / "Jan", "Mar"; month is 1..12. */
const char *ms_format_month_short(ms_lang l, int month);
/* Long month name: "Januar" / "January". */
const char *ms_format_month_long(ms_lang l, int month);
