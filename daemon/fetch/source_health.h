/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Since when a source has been failing, kept across cycles and restarts:
 * <state>/cache/<id>.failing holds the UTC second of the first cycle in a
 * row in which it could not be fetched (or parsed, or was held), so that
 * `status`, the journal and the manifest say "unreachable since ..." and
 * not just "now".  Removed by the first cycle that loads it again.
 */
#include <stddef.h>
#include <stdint.h>

/* Record that source id failed at now; *ret_since gets the start of the
 * failing streak (now if it just began).  A state directory that cannot be
 * written gives now: the time is for people, never a reason to fail. */
void ms_source_health_failed(const char *state_dir, const char *id, int64_t now, int64_t *ret_since);
/* The source loaded: its failing streak, if any, is over. */
void ms_source_health_ok(const char *state_dir, const char *id);
