/* SPDX-License-Identifier: MIT */
/* The retry policy, row by row: what is retried, after how long, and why not. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/macro.h"
#include "fetch/retry.h"

#define SEC 1000000ULL

static const ms_retry_policy policy = {
        .max_retries = 3, .base_usec = 2 * SEC, .max_usec = 10 * SEC, .max_retry_after_sec = 600};

static void failures_should_be_retried_as_the_policy_says(void **state) {
        (void) state;
        static const struct {
                unsigned attempt;
                int error;
                long status, retry_after;
                double jitter;
                bool retry;
                uint64_t delay; /* when retried */
                const char *why;
        } rows[] = {
                /* backoff: base·2^(attempt-1) capped, half fixed + jitter·half */
                {1, -ETIMEDOUT, 0, -1, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                {1, -ETIMEDOUT, 0, -1, 0.5, true, 1500000, "backoff 1500 ms"},
                {2, -EIO, 0, -1, 0.0, true, 2 * SEC, "backoff 2000 ms"},
                {3, -ECONNREFUSED, 0, -1, 0.0, true, 4 * SEC, "backoff 4000 ms"},
                {3, -ECONNREFUSED, 0, -1, 0.999999, true, 7999996, "backoff 7999 ms"},
                {4, -ETIMEDOUT, 0, -1, 0.0, false, 0, "gave up after 4 attempts"},
                {1, -EPROTO, 500, -1, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                {1, -EPROTO, 502, -1, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                {1, -EPROTO, 408, -1, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                {1, -EPROTO, 429, -1, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                /* Retry-After on 429 and 503 only */
                {1, -EPROTO, 429, 7, 0.9, true, 7 * SEC, "Retry-After 7 s"},
                {2, -EPROTO, 503, 120, 0.0, true, 120 * SEC, "Retry-After 120 s"},
                {1, -EPROTO, 500, 7, 0.0, true, 1 * SEC, "backoff 1000 ms"},
                {1, -EPROTO, 429, 601, 0.0, false, 0,
                 "server asks to retry after 601 s, more than the limit of 600 s"},
                {4, -EPROTO, 429, 7, 0.0, false, 0, "gave up after 4 attempts"},
                /* final at once */
                {1, -EPROTO, 404, -1, 0.0, false, 0, "HTTP status 404 is final, not retried"},
                {1, -EPROTO, 403, -1, 0.0, false, 0, "HTTP status 403 is final, not retried"},
                {1, -EPROTO, 410, 5, 0.0, false, 0, "HTTP status 410 is final, not retried"},
                {1, -EFBIG, 200, -1, 0.0, false, 0, "not retried: the same request would fail the same way"},
                {1, -ELOOP, 302, -1, 0.0, false, 0, "not retried: the same request would fail the same way"},
                {1, -EBADMSG, 200, -1, 0.0, false, 0,
                 "not retried: the same request would fail the same way"},
                {1, -EMEDIUMTYPE, 200, -1, 0.0, false, 0,
                 "not retried: the same request would fail the same way"},
                {1, -EKEYREJECTED, 0, -1, 0.0, false, 0,
                 "not retried: the same request would fail the same way"},
        };
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_fetch_result res = {.status = rows[i].status, .retry_after_sec = rows[i].retry_after};
                uint64_t delay = 0;
                char why[200] = "";
                bool retry = ms_retry_decide(&policy, rows[i].attempt, rows[i].error, &res, rows[i].jitter,
                                             &delay, why, sizeof(why));
                printf("row %zu: attempt %u error %d status %ld -> %s %llu \"%s\"\n", i, rows[i].attempt,
                       rows[i].error, rows[i].status, retry ? "retry" : "final", (unsigned long long) delay,
                       why);
                assert_int_equal(retry, rows[i].retry);
                if (retry)
                        assert_int_equal(delay, rows[i].delay);
                assert_string_equal(why, rows[i].why);
        }
}

/* A source with a seed and nothing cached: a host that refuses or does not
 * resolve is final at once (the seed is published in seconds); other
 * failures follow the policy as before. */
static void unreachable_hosts_should_be_final_when_a_seed_stands_in(void **state) {
        (void) state;
        ms_retry_policy p = policy;
        p.unreachable_is_final = true;
        static const struct {
                int error;
                long status;
                bool retry;
        } rows[] = {{-ECONNREFUSED, 0, false},
                    {-EHOSTUNREACH, 0, false},
                    {-ETIMEDOUT, 0, true},
                    {-EPROTO, 500, true}};
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_fetch_result res = {.status = rows[i].status, .retry_after_sec = -1};
                uint64_t delay = 0;
                char why[200] = "";
                assert_int_equal(ms_retry_decide(&p, 1, rows[i].error, &res, 0.0, &delay, why, sizeof(why)),
                                 rows[i].retry);
                if (!rows[i].retry)
                        assert_string_equal(why, "unreachable; the seed stands in until the next poll");
                /* without a seed they are retried */
                assert_true(ms_retry_decide(&policy, 1, rows[i].error, &res, 0.0, &delay, why, sizeof(why)));
        }
}

static void backoff_should_stay_below_the_cap(void **state) {
        (void) state;
        ms_retry_policy p = {
                .max_retries = 20, .base_usec = 2 * SEC, .max_usec = 10 * SEC, .max_retry_after_sec = 1};
        ms_fetch_result res = {.status = 0, .retry_after_sec = -1};
        for (unsigned a = 1; a <= 20; a++) {
                uint64_t delay = 0;
                char why[200];
                assert_true(ms_retry_decide(&p, a, -ETIMEDOUT, &res, 0.999, &delay, why, sizeof(why)));
                assert_true(delay <= 10 * SEC);
                assert_true(delay >= (a >= 4 ? 5 * SEC : 0));
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(failures_should_be_retried_as_the_policy_says),
                cmocka_unit_test(unreachable_hosts_should_be_final_when_a_seed_stands_in),
                cmocka_unit_test(backoff_should_stay_below_the_cap),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
