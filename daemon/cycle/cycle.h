/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One full cycle: fetch every source, normalize it into a cube, render every
 * chart in every language, publish the release.  Any failure before the
 * release is committed leaves the published directory as it was; the reason
 * is logged with the source or chart it concerns.
 */
#include "config/config.h"
#include "migstat/render.h"

/* What the post-publish hook did, for `status`. */
typedef struct ms_cycle_hook_status {
        int result;        /* 0 ok, -errno (-ETIMEDOUT, -EPROTO, ...) on failure */
        char message[400]; /* "ok" or the reason */
} ms_cycle_hook_status;

typedef struct ms_cycle_options {
        const char *publish_dir; /* overrides the configuration when set */
        const char *timestamp;   /* UTC "YYYYMMDDTHHMMSSZ" naming the release */
        ms_cycle_hook_status *hook_status; /* optional: filled when a hook ran */
        /* Publish even when every file equals the current release's (by
         * default such a release is dropped and the call returns 1). */
        bool force;
        /* Publish only if a source's bytes differ from those the current
         * release was made from (all 304s: nothing is parsed, rendered or
         * written).  Only for a configuration the current release was made
         * with: a changed chart spec would go unnoticed. */
        bool if_changed;
} ms_cycle_options;

/* 0 and the new release's name in *ret_release (may be NULL) when published;
 * 1 and the current release's name when nothing changed (see force and
 * if_changed); a negative errno after logging the reason on failure. */
int ms_cycle_run(const ms_config *c, ms_renderer *r, const ms_cycle_options *o, char **ret_release);

/* ms_cycle_run() with the release named after the current UTC time;
 * o->timestamp is ignored. */
int ms_cycle_run_now(const ms_config *c, ms_renderer *r, const ms_cycle_options *o, char **ret_release);
