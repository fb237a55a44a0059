/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Held sources and the operator's word on them, under the state directory:
 *
 *   <state>/cache/<source-id>.held       JSON: sha256 of the held data, check, reason
 *   <state>/cache/<source-id>.accepted   the sha256 an operator accepted
 *
 * The gate holds a source whose new data fails a plausibility check against
 * the last good data (cycle_validate.c): the run treats it as a failed
 * source and records it here.  `migstatctl accept SOURCE` turns the record
 * into an acceptance of exactly those bytes; the next cycle checks them
 * without the plausibility checks (structure, totals, signs and periods
 * still apply) and they become the last good data; the acceptance is then
 * used up.  Other bytes are held again.
 */
#include <stdbool.h>

#include "migstat/error.h"

/* Record that source id's data with this SHA-256 is held (check, reason). */
int ms_hold_record(const char *state_dir, const char *id, const char *sha256, const char *check,
                   const char *reason, ms_error *err);
/* The data passed: forget the hold and an acceptance (it was used once:
 * the same bytes, were they to come back after others, are checked again);
 * 0 if there was none. */
int ms_hold_clear(const char *state_dir, const char *id);
/* Accept the held data of id: its SHA-256 into *.accepted, the record
 * removed; the accepted SHA-256 into ret_sha (65 bytes).  -ENOENT (with
 * err) when id is not held.  Logs the acceptance (the journal keeps who
 * let which bytes through: MIGSTAT_SOURCE=). */
int ms_hold_accept(const char *state_dir, const char *id, char ret_sha[65], ms_error *err);
/* Whether an operator accepted exactly these bytes of id. */
bool ms_hold_is_accepted(const char *state_dir, const char *id, const char *sha256);
