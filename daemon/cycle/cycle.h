/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One full cycle: fetch every source, normalize it into a cube, render every
 * chart in every language, publish the release.  A source that fails does
 * not stop the others: the charts that read it keep their last good files
 * (carried over from `current`, marked stale in the manifest), the others
 * are published.  A chart whose inputs did not change is carried over
 * too, not drawn.  Any other failure before the release is committed
 * leaves the published directory as it was; the reason is logged with the
 * source or chart it concerns.
 */
#include <stdint.h>

#include "base/log.h"
#include "config/config.h"
#include "migstat/render.h"

/* What the post-publish hook did, for `status`. */
typedef struct ms_cycle_hook_status {
        int result; /* 0 ok, -errno (-ETIMEDOUT, -EPROTO, ...) on failure */
        char message[400]; /* "ok" or the reason */
} ms_cycle_hook_status;

/* How a source came through a cycle: ok; seed (it could not be fetched and
 * nothing is cached, so its bundled snapshot stands in); or failed (fetch,
 * parse, or held by the publish gate: its charts keep their last good
 * files, marked stale).  One state for every way a source can fail. */
typedef enum ms_source_state {
        MS_SOURCE_OK,
        MS_SOURCE_SEED,
        MS_SOURCE_FAILED,
} ms_source_state;

typedef struct ms_cycle_source_status {
        ms_source_state state;
        int error; /* -errno of the failure (also why a seed stands in), 0 ok */
        char reason[MS_LOG_REASON_MAX]; /* "source x: ..." as logged, "" when ok */
        int64_t failing_since; /* UTC seconds the failing streak began, 0 when ok */
        bool held; /* failed because the gate held it (migstatctl accept lets it through) */
} ms_cycle_source_status;

const char *ms_source_state_to_string(ms_source_state s);

typedef struct ms_cycle_options {
        const char *publish_dir; /* overrides the configuration when set */
        const char *timestamp; /* UTC "YYYYMMDDTHHMMSSZ" naming the release */
        ms_cycle_hook_status *hook_status; /* optional: filled when a hook ran */
        /* Publish even when every file equals the current release's (by
         * default such a release is dropped and the call returns 1), and
         * draw every chart anew (none is carried over unless its source
         * failed). */
        bool force;
        /* Publish only if a source's bytes differ from those the current
         * release was made from (all 304s: nothing is parsed, rendered or
         * written).  Only for a configuration the current release was made
         * with: a changed chart spec would go unnoticed. */
        bool if_changed;
        /* Optional: c->n_sources entries; a source not due (false) that has a
         * cached response is not requested: the cache stands in, as for a
         * 304 (a poll of the sources whose interval is up).  NULL: all. */
        const bool *due;
        /* Optional: c->n_sources entries, filled with each source's state. */
        ms_cycle_source_status *source_status;
} ms_cycle_options;

/* 0 and the new release's name in *ret_release (may be NULL) when published;
 * 1 and the current release's name when nothing changed (see force and
 * if_changed); a negative errno after logging the reason on failure. */
int ms_cycle_run(const ms_config *c, ms_renderer *r, const ms_cycle_options *o, char **ret_release);

/* ms_cycle_run() with the release named after the current UTC time;
 * o->timestamp is ignored. */
int ms_cycle_run_now(const ms_config *c, ms_renderer *r, const ms_cycle_options *o, char **ret_release);
