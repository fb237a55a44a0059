/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "fetch/cache.h"
#include "service/schedule.h"

static bool schedule_in_window(const ms_source_config *s, int64_t t) {
        struct tm tm;
        time_t tt = (time_t) t;
        if (!gmtime_r(&tt, &tm))
                return false;
        unsigned d = (unsigned) tm.tm_mday, first = s->release_first_day, last = s->release_last_day;
        /* A window may wrap over the month's end (28..3). */
        return first <= last ? d >= first && d <= last : d >= first || d <= last;
}

/* 00:00 UTC of the window's first day in t's month, or the next month's if
 * that is not after t. */
static int64_t schedule_window_start_after(const ms_source_config *s, int64_t t) {
        struct tm tm;
        time_t tt = (time_t) t;
        if (!gmtime_r(&tt, &tm))
                return INT64_MAX;
        for (int k = 0; k < 2; k++) {
                struct tm w = {.tm_year = tm.tm_year,
                               .tm_mon = tm.tm_mon + k,
                               .tm_mday = (int) s->release_first_day};
                int64_t start = (int64_t) timegm(&w); /* timegm normalizes month 12 to January */
                if (start > t)
                        return start;
        }
        return INT64_MAX;
}

int64_t ms_schedule_next_poll(const ms_source_config *s, int64_t last, int64_t now) {
        if (last <= 0)
                return now;
        int64_t next;
        bool has_window = s->release_poll_interval_sec > 0;
        if (has_window && schedule_in_window(s, last))
                next = last + s->release_poll_interval_sec;
        else {
                next = last + s->poll_interval_sec;
                if (has_window) {
                        int64_t w = schedule_window_start_after(s, last);
                        if (w < next)
                                next = w;
                }
        }
        return next > now ? next : now;
}

int64_t ms_schedule_last_for_retry(const ms_source_config *s, int64_t now, int64_t retry_sec) {
        /* The "last poll" whose next poll is now + retry_sec, with the
         * interval that applies (the release window's or the normal one). */
        const int64_t intervals[] = {s->release_poll_interval_sec, s->poll_interval_sec};
        for (size_t i = 0; i < ELEMENTSOF(intervals); i++) {
                int64_t v = now + retry_sec - intervals[i];
                if (intervals[i] > retry_sec && ms_schedule_next_poll(s, v, now) == now + retry_sec)
                        return v;
        }
        return now; /* its own schedule is as soon */
}

size_t ms_schedule_retry_failing(const ms_config *c, const ms_cycle_source_status *st, size_t n,
                                 int64_t *last, int64_t now) {
        size_t k = 0;
        for (size_t i = 0; st && i < n && i < c->n_sources; i++)
                if (st[i].failing_since > 0) {
                        last[i] = ms_schedule_last_for_retry(&c->sources[i], now,
                                                             MS_SCHEDULE_FAILING_RETRY_SEC);
                        k++;
                }
        return k;
}

int64_t ms_schedule_cycle_delay(const ms_config *c, const int64_t *last, int64_t now) {
        int64_t next = INT64_MAX;
        for (size_t i = 0; i < c->n_sources; i++) {
                int64_t n = ms_schedule_next_poll(&c->sources[i], last[i], now);
                if (n < next)
                        next = n;
        }
        return next == INT64_MAX ? 3600 : next - now;
}

void ms_schedule_load_last(const ms_config *c, int64_t *last) {
        for (size_t i = 0; i < c->n_sources; i++) {
                ms_cache_meta m = {0};
                ms_error err = {.offset = -1};
                last[i] = 0;
                if (ms_cache_load_meta(c->state_dir, c->sources[i].id, &m, &err) >= 0 &&
                    strcmp(m.url, c->sources[i].url) == 0)
                        last[i] = m.fetch_time;
                ms_cache_meta_done(&m);
        }
}
