/* SPDX-License-Identifier: MIT */
/* The poll schedule: intervals, release windows, restarts, overdue polls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "migstat/macro.h"
#include "service/schedule.h"

/* "2026-05-14T10:00:00Z" -> seconds since the epoch */
static int64_t at(const char *iso) {
        struct tm tm = {0};
        assert_non_null(strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm));
        return (int64_t) timegm(&tm);
}

static void next_poll_should_follow_interval_and_window(void **state) {
        (void) state;
        static const struct {
                unsigned interval, first, last, window_interval;
                const char *last_poll, *now, *next;
        } rows[] = {
                /* plain interval: from the last poll, not from now */
                {3600, 0, 0, 0, "2026-05-14T10:00:00Z", "2026-05-14T10:20:00Z", "2026-05-14T11:00:00Z"},
                /* overdue (the daemon was down): due now */
                {3600, 0, 0, 0, "2026-05-14T10:00:00Z", "2026-05-14T13:05:00Z", "2026-05-14T13:05:00Z"},
                /* never polled: now */
                {3600, 0, 0, 0, NULL, "2026-05-14T10:00:00Z", "2026-05-14T10:00:00Z"},
                /* in the window (days 10..20): the window's interval */
                {86400, 10, 20, 900, "2026-05-14T10:00:00Z", "2026-05-14T10:01:00Z", "2026-05-14T10:15:00Z"},
                /* before the window: the daily poll, cut short by the window's start */
                {86400, 10, 20, 900, "2026-05-09T18:00:00Z", "2026-05-09T18:00:01Z", "2026-05-10T00:00:00Z"},
                /* after the window: daily again */
                {86400, 10, 20, 900, "2026-05-21T06:00:00Z", "2026-05-21T06:00:01Z", "2026-05-22T06:00:00Z"},
                /* a weekly poll after the window waits for next month's window at most */
                {604800, 10, 20, 900, "2026-05-28T00:00:00Z", "2026-05-28T00:00:01Z", "2026-06-04T00:00:00Z"},
                {2592000, 10, 20, 900, "2026-12-25T00:00:00Z", "2026-12-25T00:00:01Z",
                 "2027-01-10T00:00:00Z"},
                /* a window that wraps over the month's end (28..3) */
                {86400, 28, 3, 1800, "2026-06-02T12:00:00Z", "2026-06-02T12:00:01Z", "2026-06-02T12:30:00Z"},
                {86400, 28, 3, 1800, "2026-06-15T12:00:00Z", "2026-06-15T12:00:01Z", "2026-06-16T12:00:00Z"},
        };
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                ms_source_config s = {.poll_interval_sec = rows[i].interval,
                                      .release_first_day = rows[i].first,
                                      .release_last_day = rows[i].last,
                                      .release_poll_interval_sec = rows[i].window_interval};
                int64_t last = rows[i].last_poll ? at(rows[i].last_poll) : 0;
                int64_t got = ms_schedule_next_poll(&s, last, at(rows[i].now));
                printf("row %zu: last %s now %s -> %lld, expected %s\n", i, rows[i].last_poll, rows[i].now,
                       (long long) got, rows[i].next);
                assert_int_equal(got, at(rows[i].next));
        }
}

static void cycle_delay_should_be_the_earliest_source(void **state) {
        (void) state;
        ms_source_config s[2] = {{.poll_interval_sec = 3600}, {.poll_interval_sec = 600}};
        ms_config c = {.sources = s, .n_sources = 2};
        int64_t now = at("2026-05-14T10:00:00Z");
        int64_t last[2] = {now - 100, now - 100};
        assert_int_equal(ms_schedule_cycle_delay(&c, last, now), 500);
        last[1] = 0; /* never polled: at once */
        assert_int_equal(ms_schedule_cycle_delay(&c, last, now), 0);
}

/* A failing source (its seed or cache standing in) is polled again in 15
 * minutes, in and out of its release window, not a day later; a source
 * that came through keeps its schedule. */
static void failing_sources_should_be_polled_again_soon(void **state) {
        (void) state;
        /* now, and the longest wait: 15 min; before the window's start it
         * is that start; in the window's first hours (a "last poll" 15 min
         * before the window's interval would lie before the window) the
         * window's own interval, never a poll due at once (a loop). */
        static const struct {
                const char *now;
                int64_t max_wait;
        } nows[] = {{"2026-05-14T10:00:00Z", 900},
                    {"2026-05-05T10:00:00Z", 900},
                    {"2026-05-09T23:50:00Z", 600},
                    {"2026-05-10T00:05:00Z", 21600}};
        ms_source_config s[2] = {{.poll_interval_sec = 86400,
                                  .release_first_day = 10,
                                  .release_last_day = 20,
                                  .release_poll_interval_sec = 21600},
                                 {.poll_interval_sec = 86400}};
        ms_config c = {.sources = s, .n_sources = 2};
        for (size_t i = 0; i < ELEMENTSOF(nows); i++) {
                int64_t now = at(nows[i].now), last[2] = {now, now};
                ms_cycle_source_status st[2] = {{.failing_since = now - 60}, {.failing_since = 0}};
                assert_int_equal(ms_schedule_retry_failing(&c, st, 2, last, now), 1);
                int64_t next = ms_schedule_next_poll(&s[0], last[0], now);
                printf("now %s: next poll of the failing source in %lld s\n", nows[i].now,
                       (long long) (next - now));
                assert_true(next > now);
                assert_int_equal(next - now, nows[i].max_wait);
                assert_int_equal(last[1], now); /* the healthy one keeps its schedule */
                assert_int_equal(ms_schedule_cycle_delay(&c, last, now), next - now);
        }
        /* An interval shorter than the retry: its own schedule. */
        ms_source_config quick = {.poll_interval_sec = 600};
        int64_t now = at("2026-05-14T10:00:00Z");
        assert_int_equal(ms_schedule_last_for_retry(&quick, now, MS_SCHEDULE_FAILING_RETRY_SEC), now);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(next_poll_should_follow_interval_and_window),
                cmocka_unit_test(cycle_delay_should_be_the_earliest_source),
                cmocka_unit_test(failing_sources_should_be_polled_again_soon),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
