/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * When to try a failed fetch again, and after how long.  A pure decision
 * (no clock, no randomness of its own: the caller passes jitter), so a
 * table-driven test covers every row of the policy:
 *
 *   - timeouts, connection errors, names that do not resolve, truncated
 *     bodies, 5xx, 408, 429: retry (connection and name errors not when
 *     unreachable_is_final);
 *   - 429 and 503 with Retry-After (seconds or HTTP date): wait that long,
 *     or give up when the server asks for more than max_retry_after_sec;
 *   - other 4xx, a body over the limit, a redirect loop, bad gzip, a wrong
 *     content type, a protocol not allowed: final at once;
 *   - otherwise exponential backoff base·2^(attempt-1), capped at max, with
 *     "equal jitter" (half fixed, half random) so that many sources failing
 *     together do not come back together.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch/fetch.h"

typedef struct ms_retry_policy {
        unsigned max_retries; /* attempts = 1 + max_retries */
        uint64_t base_usec, max_usec; /* backoff */
        unsigned max_retry_after_sec; /* longest Retry-After we wait for */
        /* A host that refuses or does not resolve is final at once: a
         * source that has a seed and no cached response publishes the seed
         * in seconds on a machine without network, and the next poll
         * tries again (instead of minutes of backoff before the first
         * release). */
        bool unreachable_is_final;
} ms_retry_policy;

#define MS_RETRY_DEFAULT_MAX_RETRIES 3u
#define MS_RETRY_DEFAULT_BASE_USEC (2ULL * 1000000ULL)
#define MS_RETRY_DEFAULT_MAX_USEC (300ULL * 1000000ULL)
#define MS_RETRY_DEFAULT_MAX_RETRY_AFTER_SEC 3600u

/* attempt (1-based) failed with error and res.  Return true and set
 * *ret_delay_usec to try again; return false when final, with why saying
 * so ("HTTP status 404 is final", "gave up after 4 attempts", ...). */
bool ms_retry_decide(const ms_retry_policy *p, unsigned attempt, int error, const ms_fetch_result *res,
                     double jitter, uint64_t *ret_delay_usec, char *why, size_t why_size);
