/* SPDX-License-Identifier: MIT */
#pragma once

/* Times as the daemon writes them: UTC, ISO 8601, second precision. */
#include <stddef.h>
#include <stdint.h>

/* Write t (seconds since the epoch) into buf as "2025-11-25T08:30:00Z", or
 * fallback when it cannot be (out of range, buf too small).  Every t is
 * formatted, 0 too: callers for whom 0 means "never" say so themselves. */
void ms_format_utc(int64_t t, char *buf, size_t n, const char *fallback);
