/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The publish gate of a cycle: each source's cube is validated with its
 * "validate" rules (source_rules.h) before any chart is drawn from it.
 * Errors (totals that do not add up, negative counts, missing categories,
 * wrong dimensions) block the release; warnings (implausible jumps, stale
 * data) are published in the manifest's validation_warnings.
 */
#include <stddef.h>

#include "config/config.h"
#include "migstat/cube.h"

typedef struct ms_cycle_warnings {
        char **v; /* "source <id>: <check>: <message>" */
        size_t n;
} ms_cycle_warnings;

/* Validate s's cube against the current UTC month.  Logs every finding
 * (errors first, so the first names the reason the release is blocked) with
 * MIGSTAT_SOURCE= and MIGSTAT_CHECK=; returns -EBADMSG when any is an error,
 * -ENOMEM, else 0 with the warnings appended to w. */
int ms_cycle_validate(const ms_source_config *s, const ms_cube *cube, ms_cycle_warnings *w);
void ms_cycle_warnings_done(ms_cycle_warnings *w);
