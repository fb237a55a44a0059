/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>

#include "fetch/retry.h"

static bool retry_error_is_transient(int error, long status, char *why, size_t n) {
        switch (error) {
        case -ETIMEDOUT:
        case -ECONNREFUSED:
        case -EHOSTUNREACH:
        case -EIO: /* reset, truncated body, TLS hiccup */ return true;
        case -EPROTO:
                /* RFC 9110 15.5.9 (408) and RFC 6585 4 (429) invite a retry. */
                if (status >= 500 || status == 408 || status == 429)
                        return true;
                snprintf(why, n, "HTTP status %ld is final, not retried", status);
                return false;
        default: snprintf(why, n, "not retried: the same request would fail the same way"); return false;
        }
}

bool ms_retry_decide(const ms_retry_policy *p, unsigned attempt, int error, const ms_fetch_result *res,
                     double jitter, uint64_t *ret_delay_usec, char *why, size_t why_size) {
        long status = res ? res->status : 0;
        if (p->unreachable_is_final && (error == -ECONNREFUSED || error == -EHOSTUNREACH)) {
                snprintf(why, why_size, "unreachable; the seed stands in until the next poll");
                return false;
        }
        if (!(res && res->queued) && !retry_error_is_transient(error, status, why, why_size))
                return false;
        if (attempt > p->max_retries) {
                snprintf(why, why_size, "gave up after %u attempts", attempt);
                return false;
        }
        if (res && (status == 429 || status == 503) && res->retry_after_sec >= 0) {
                if ((unsigned long) res->retry_after_sec > p->max_retry_after_sec) {
                        snprintf(why, why_size,
                                 "server asks to retry after %ld s, more than the limit of %u s",
                                 res->retry_after_sec, p->max_retry_after_sec);
                        return false;
                }
                *ret_delay_usec = (uint64_t) res->retry_after_sec * 1000000ULL;
                snprintf(why, why_size, "Retry-After %ld s", res->retry_after_sec);
                return true;
        }
        uint64_t d = p->base_usec;
        for (unsigned i = 1; i < attempt && d < p->max_usec; i++)
                d *= 2;
        if (d > p->max_usec)
                d = p->max_usec;
        if (jitter < 0 || jitter >= 1)
                jitter = 0.5;
        *ret_delay_usec = d / 2 + (uint64_t) ((double) (d / 2) * jitter);
        snprintf(why, why_size, "backoff %llu ms", (unsigned long long) (*ret_delay_usec / 1000));
        return true;
}
