/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <time.h>

#include "base/timefmt.h"

void ms_format_utc(int64_t t, char *buf, size_t n, const char *fallback) {
        struct tm tm;
        time_t tt = (time_t) t;
        if (!gmtime_r(&tt, &tm) || strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
                snprintf(buf, n, "%s", fallback);
}
