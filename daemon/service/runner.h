/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One cycle with its outcome, for `migstatd --once` and the service's worker:
 * published (new content), unchanged (every chart and file came out byte
 * for byte as in the release `current` points at, so none was published),
 * or failed (the reason is logged; `current` is untouched).
 */
#include <cjson/cJSON.h>
#include <stdbool.h>

#include "config/config.h"
#include "cycle/cycle.h"
#include "base/log.h"
#include "migstat/render.h"

typedef enum ms_run_outcome {
        MS_RUN_PUBLISHED,
        MS_RUN_UNCHANGED,
        MS_RUN_FAILED,
} ms_run_outcome;

typedef struct ms_run_result {
        ms_run_outcome outcome;
        int error; /* negative errno when failed */
        char *release; /* releases/<name> now current, NULL when failed */
        /* When failed: the first error the cycle logged ("source x:
         * file:line:col: ..."), "" if it logged none. */
        char reason[MS_LOG_REASON_MAX];
        char warning[MS_LOG_REASON_MAX]; /* the first warning it logged, or "" */
        /* When failed: what the reason is about ("chart", "source" or ""),
         * its id and the configuration file it comes from (charts.d/...,
         * sources.d/..., "" when unknown).  Captured across all the run's
         * threads, so a chart failing on a render thread is named. */
        char subject_kind[8];
        char subject[128];
        char file[256];
        /* Per configured source: its id and its state in this cycle. */
        ms_cycle_source_status *sources;
        char **source_ids;
        size_t n_sources;
} ms_run_result;

/* Run one cycle (may block for as long as the cycle takes: call it off the
 * loop).  Always fills *ret; returns ret->error. */
int ms_run_cycle(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, ms_run_result *ret);
void ms_run_result_done(ms_run_result *r);
/* "sources_failing" into o (status): each source the cycle could not fetch
 * or use, with its state (seed, failed, or ok when its cached response
 * stood in), since when (UTC) and why. */
int ms_run_result_add_failing(const ms_run_result *r, cJSON *o);
const char *ms_run_outcome_to_string(ms_run_outcome o);
