/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The validation gate: checks a cube before it is drawn.  Findings are
 * warnings (publish, but tell the editor) or errors (do not publish).
 * Pure: "now" is a parameter, never read from the clock.
 *
 * Checks, each off unless its rule is given:
 *   dims      the cube has exactly these dimensions (error);
 *   required  these "dim=code" categories exist (error);
 *   negative  no value is below 0 (error; on unless allow_negative);
 *   totals    along a dimension the total equals the sum of its parts, within
 *             the publisher's rounding: Eurostat rounds every figure to a
 *             multiple of 5, so each may be off by 2.5 and the sum by
 *             2.5 x (parts + 1) (error);
 *   jump      a month-on-month ratio over jump_factor (or under 1/factor)
 *             where both values are >= jump_min (warning);
 *   revision  against the last good cube: every cell whose value changed,
 *             by how much, and cells that disappeared (warning);
 *   stale     the latest period with a value ends more than max_age_months
 *             before `now` (warning);
 *   period    a period that starts later than `now` + future_months (error);
 *   plausibility (plausible.c), each on when its threshold is set: against
 *             the last good cube and each series' own history, the changes
 *             that are no revision but wrong data hold the source (error):
 *             too many cells changed (revision-share), one cell changed by
 *             far more than a revision does (revision-size), a series whose
 *             level jumps by orders of magnitude (level), values that turned
 *             to 0 (zeros), a member whose values are another member's
 *             (member).  An operator who accepted a break (accepted) skips
 *             them once; revisions are still listed.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/macro.h"
#include "migstat/period.h"

typedef enum ms_validate_level {
        MS_VALIDATE_OK = 0,
        MS_VALIDATE_WARNING = 1,
        MS_VALIDATE_ERROR = 2,
} ms_validate_level;

typedef struct ms_total_rule {
        const char *dim;
        const char *total;
        const char *const *parts;
        size_t n_parts;
        double rounding; /* 0: exact (BAMF); 5: Eurostat's rounding */
        bool at_most; /* the parts are a subset: their sum may be below the
                          * total, never above (first-time <= all applicants) */
} ms_total_rule;

/* Thresholds of the plausibility checks; 0 turns a check off. */
typedef struct ms_plausibility {
        double max_revised_share; /* share of the last good cube's values that may change */
        double max_revision_change; /* relative change of one value beyond a revision ... */
        double revision_min; /* ... when it is also at least this many (absolute) */
        double level_factor; /* a series' level against its history: x factor or 1/factor */
        double level_min; /* series whose history averages below this are not checked */
        double zeros_min; /* a value of at least this that turns into 0 */
        double member_distance; /* a member whose values are within this relative
                                 * distance of another member's last good ones */
} ms_plausibility;

typedef struct ms_validate_rules {
        const char *const *dims; /* expected dimension ids, NULL = not checked */
        size_t n_dims;
        const char *const *required; /* "geo=DE" ... */
        size_t n_required;
        bool allow_negative;
        const ms_total_rule *totals;
        size_t n_totals;
        double jump_factor; /* 0 = off */
        double jump_min;
        const ms_cube *previous; /* last good cube, NULL = no revision check */
        const ms_period *now; /* NULL = no staleness check */
        unsigned max_age_months; /* 0 = no staleness check */
        bool check_future; /* periods later than now + future_months are errors */
        unsigned future_months;
        ms_plausibility plausibility;
        bool accepted; /* the operator accepted this data: no plausibility errors */
} ms_validate_rules;

typedef struct ms_finding {
        ms_validate_level level;
        const char *check; /* "dims", "required", "negative", "totals", "jump", "revision", "stale",
                            * "period", "revision-share", "revision-size", "level", "zeros", "member" */
        char msg[300];
} ms_finding;

typedef struct ms_validation {
        ms_finding *findings;
        size_t n_findings; /* kept; at most MS_VALIDATE_MAX_FINDINGS */
        size_t cap_findings; /* room in findings (MS_GROW) */
        size_t n_errors, n_warnings; /* all, kept or not */
        size_t n_revisions; /* cells changed against previous */
} ms_validation;

#define MS_VALIDATE_MAX_FINDINGS 200

/* Fills *ret (overwritten; free with ms_validation_done()); returns the
 * level (>= 0) or -ENOMEM. */
int ms_validate(const ms_cube *c, const ms_validate_rules *rules, ms_validation *ret);
void ms_validation_done(ms_validation *v);
/* Add a finding (counted always, kept up to MS_VALIDATE_MAX_FINDINGS);
 * -ENOMEM.  For the checks in other files. */
int ms_validation_add(ms_validation *v, ms_validate_level level, const char *check, const char *fmt, ...)
        _printf_(4, 5);
/* "geo=DE, time=2016-02" for the cell at pos (n_dims entries) into buf;
 * dimension skip left out ("geo=DE" names a series), SIZE_MAX for none. */
const char *ms_validate_cell_name(const ms_cube *c, const size_t *pos, size_t skip, char *buf, size_t n);
/* The plausibility checks of rules->plausibility against rules->previous
 * (plausible.c); called by ms_validate(). */
int ms_validate_plausibility(const ms_cube *c, const ms_validate_rules *rules, ms_validation *v);
/* The revision check against p (plausible.c, which maps cubes by code);
 * other dimensions than p's are an error unless accepted. */
int ms_validate_revisions(const ms_cube *c, const ms_cube *p, bool accepted, ms_validation *v);
/* Count findings of one check. */
size_t ms_validation_count(const ms_validation *v, const char *check);
