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

/* The next poll of s after a poll at last (0: never polled).  A poll that
 * is overdue (next <= now) is due now. */
int64_t ms_schedule_next_poll(const ms_source_config *s, int64_t last, int64_t now);

/* Seconds from now to the next cycle: the earliest next poll of any source
 * (last[i] is source i's last poll, 0 if never). */
int64_t ms_schedule_cycle_delay(const ms_config *c, const int64_t *last, int64_t now);

/* Seed last[] (c->n_sources entries) from the cache's fetch times. */
void ms_schedule_load_last(const ms_config *c, int64_t *last);
