/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * When to poll.  Each source has a poll interval and, optionally, a release
 * window: days of the month (UTC) in which its publisher releases new
 * figures and it is polled more often (e.g. a monthly statistic due in the
 * middle of the month).  The next poll follows from the last one, not from
 * start-up, and the last one survives restarts as the cache's fetch time.
 *
 * Pure: times are passed in (seconds since the epoch, UTC), nothing here
 * reads the clock.
 */
#include <stdint.h>

#include "config/config.h"
#include "cycle/cycle.h"

/* The next poll of s after a poll at last (0: never polled).  A poll that
 * is overdue (next <= now) is due now. */
int64_t ms_schedule_next_poll(const ms_source_config *s, int64_t last, int64_t now);

/* A source that is failing (unreachable, its seed or cached response
 * standing in) is polled again after retry_sec, not a day later: the "last
 * poll" to keep for it so that its next poll is now + retry_sec (now when
 * its own schedule is as soon). */
#define MS_SCHEDULE_FAILING_RETRY_SEC 900
int64_t ms_schedule_last_for_retry(const ms_source_config *s, int64_t now, int64_t retry_sec);
/* For every source failing after a cycle (st: its n statuses), set last[i]
 * that way; returns how many are failing. */
size_t ms_schedule_retry_failing(const ms_config *c, const ms_cycle_source_status *st, size_t n,
                                 int64_t *last, int64_t now);

/* Seconds from now to the next cycle: the earliest next poll of any source
 * (last[i] is source i's last poll, 0 if never). */
int64_t ms_schedule_cycle_delay(const ms_config *c, const int64_t *last, int64_t now);

/* Seed last[] (c->n_sources entries) from the cache's fetch times. */
void ms_schedule_load_last(const ms_config *c, int64_t *last);
