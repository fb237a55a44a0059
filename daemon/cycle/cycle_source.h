/* SPDX-License-Identifier: MIT */
#pragma once

/* A source in one run (cycle_source.c).  Internal to daemon/cycle/. */
#include <stddef.h>

#include "cycle/cycle.h"
#include "fetch/source_fetch.h"
#include "publish/manifest.h"
#include "migstat/cube.h"

typedef struct cycle_source {
        const ms_source_config *config;
        ms_cube *cube; /* NULL when the source failed */
        size_t bytes;
        char sha256[65];
        ms_cycle_warnings warnings; /* of the validation gate, for the manifest */
        ms_cycle_source_status status;
        char since[32]; /* status.failing_since as UTC text, "" when ok */
        ms_cycle_warnings revised; /* cells revised since the last good data */
} cycle_source;

/* Log that memory ran out; -ENOMEM. */
int cycle_log_oom(void);
/* Normalize one fetched source and put it through the gate (compared with
 * its last good data under dir); a source that fails or is held is recorded
 * as failed in cs->status.  Only running out of memory fails the call. */
int cycle_load_source(const ms_config *c, const char *dir, cycle_source *cs, ms_source_fetch *sf,
                      ms_manifest *m);
/* Since when cs has been failing (across cycles), into its status, the
 * journal and the manifest; a source that came through ends its streak. */
int cycle_note_health(const ms_config *c, cycle_source *cs, const ms_source_fetch *sf, ms_manifest *m);
