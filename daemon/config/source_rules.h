/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A source's "validate" object (a sources.d file): the rules of the
 * validation gate (validate.h) for its cube, checked before any chart is
 * drawn from it.
 *
 *   "validate": {
 *     "dims": ["geo", "time"],            expected dimensions (error)
 *     "required": ["geo=DE"],             categories that must exist (error)
 *     "allow_negative": false,            negative counts are an error unless true
 *     "totals": [ {"dim": "sex", "total": "T", "parts": ["F", "M"],
 *                  "rounding": 5} ],      total = sum of parts (error); with
 *                  "at_most": true        the parts may sum to less (first-time <= all)
 *     "jump": {"factor": 3, "min": 1000}, implausible month-on-month jumps (warning)
 *     "max_age_months": 6,                stale data (warning)
 *     "future_months": 0,                 periods after the current month + this (error)
 *     "plausibility": {                   against the last good data (errors: the source is held)
 *       "max_revised_share": 0.25,        share of values that may change at once
 *       "max_revision_change": 0.5,       one value changed by more than 50 % ...
 *       "revision_min": 50,               ... and by at least 50 is no revision
 *       "level_factor": 10,               a series jumping by this factor
 *       "level_min": 100,                 (series averaging below this not checked)
 *       "zeros_min": 50,                  a value >= 50 turning into 0
 *       "member_distance": 0.02           a member whose values are another's within 2 %
 *     }                                   (a threshold 0, or "plausibility": false, turns it off)
 *   }
 *
 * Without the object (or for what it leaves out) the built-in defaults
 * apply to every source: no negative counts, no period after the current
 * month, and the plausibility checks with the thresholds above.
 */
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "migstat/error.h"
#include "migstat/validate.h"

typedef struct ms_source_rules {
        char **dims;
        size_t n_dims;
        char **required;
        size_t n_required;
        bool allow_negative;
        ms_total_rule *totals; /* strings owned here */
        size_t n_totals;
        double jump_factor, jump_min;
        unsigned max_age_months; /* 0 = not checked */
        unsigned future_months;
        ms_plausibility plausibility;
} ms_source_rules;

/* The built-in plausibility thresholds (see above). */
extern const ms_plausibility ms_plausibility_defaults;

/* Parse j (the "validate" member, NULL = defaults) into *ret (overwritten);
 * errors name the key and point at it in text. */
int ms_source_rules_parse(const cJSON *j, const char *text, size_t len, ms_source_rules *ret, ms_error *err);
void ms_source_rules_done(ms_source_rules *r);

/* The validate.h rules for r, checked against `now` (may be NULL). */
ms_validate_rules ms_source_rules_get(const ms_source_rules *r, const ms_period *now);
