/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The publish gate of a cycle: each source's cube is validated with its
 * "validate" rules (source_rules.h) before any chart is drawn from it.
 *
 * First its time dimension is made one axis (ms_cube_normalize_time():
 * one frequency, no period twice, ordered by period).  Then the rules, with
 * the built-in defaults for every source, against the current UTC month and
 * the source's last good data: the normalized cube the release `current`
 * points at publishes as data/<source-id>.json.
 *
 * Errors block the release: totals that do not add up, negative counts,
 * missing categories, wrong dimensions, periods in the future; and the
 * plausibility checks (changes no revision makes): then the source is
 * *held* (holds.h), the journal and `status` say "source ID: held: CHECK:
 * CELLS", and `migstatctl accept ID` lets exactly those bytes through once.
 * Warnings (implausible jumps, stale data) and revisions (cells changed
 * since the last good data) publish: the manifest lists them.
 */
#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "migstat/cube.h"

typedef struct ms_cycle_warnings {
        char **v; /* "source <id>: <check>: <message>" */
        size_t n;
        /* For the revisions: how many cells in all (v keeps the first
         * ones), and whether there was last good data to compare with. */
        size_t total;
        bool compared;
} ms_cycle_warnings;

typedef struct ms_cycle_gate {
        const ms_config *config;
        const char *publish_dir; /* whose current/data/<id>.json is the last good data */
        const ms_source_config *source;
        const char *sha256; /* of the source's bytes (what `accept` names) */
        bool held; /* out: a finding held the source (not merely invalid) */
} ms_cycle_gate;

/* Logs every finding (errors first, so the first names the reason the
 * release is blocked) with MIGSTAT_SOURCE= and MIGSTAT_CHECK=; returns
 * -EBADMSG when any is an error, -ENOMEM, else 0 with the warnings
 * appended to w and the revisions (cells changed since the last good data)
 * to revised. */
int ms_cycle_validate(ms_cycle_gate *g, ms_cube *cube, ms_cycle_warnings *w, ms_cycle_warnings *revised);
void ms_cycle_warnings_done(ms_cycle_warnings *w);
