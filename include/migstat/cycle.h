/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One full cycle: fetch every source, normalize it into a cube, render every
 * chart in every language, publish the release.  Any failure before the
 * release is committed leaves the published directory as it was; the reason
 * is logged with the source or chart it concerns.
 */
#include "migstat/config.h"
#include "migstat/render.h"

typedef struct ms_cycle_options {
        const char *publish_dir; /* overrides the configuration when set */
        const char *timestamp;   /* UTC "YYYYMMDDTHHMMSSZ" naming the release */
        /* Publish only if a source's bytes differ from those the current
         * release was made from (all 304s: nothing is parsed, rendered or
         * written).  Only for a configuration the current release was made
         * with: a changed chart spec would go unnoticed. */
        bool if_changed;
} ms_cycle_options;

/* 0 and the release name in *ret_release (may be NULL) on success; 1 when
 * o->if_changed and nothing changed; a negative errno after logging the
 * reason on failure. */
int ms_cycle_run(const ms_config *c, ms_renderer *r, const ms_cycle_options *o, char **ret_release);

/* ms_cycle_run() with the release named after the current UTC time. */
int ms_cycle_run_now(const ms_config *c, ms_renderer *r, const char *publish_dir, char **ret_release);
/* The same with if_changed: 1 when no source changed. */
int ms_cycle_poll_now(const ms_config *c, ms_renderer *r, const char *publish_dir, char **ret_release);
