/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The service: an sd-event loop that
 *   - runs a cycle at start and then every poll interval, in a worker thread;
 *     runs are numbered (#1, #2, ...) in the order they are asked for, and
 *     requests while a run is in progress coalesce into one more run;
 *   - tells systemd READY=1 (configuration loaded, socket up), STATUS= (what
 *     it does, what it last published), RELOADING=1 on SIGHUP or a reload
 *     (a bad configuration is rejected with its reason and the old one kept),
 *     STOPPING=1 on SIGTERM/SIGINT, and WATCHDOG=1 from the loop;
 *   - on SIGTERM finishes the release in progress (publishing is atomic, so
 *     `current` is never partial) and drops a queued run; a second SIGTERM
 *     abandons the release in progress at once (its staging directory is
 *     removed at the next start).
 * The control socket and its commands (control/) sit on top: they ask the
 * service through this interface and learn of ended runs and reloads from
 * its observer.
 */
#include <stdint.h>
#include <systemd/sd-event.h>
#include <time.h>

#include "config/config.h"
#include "cycle/cycle.h"
#include "service/runner.h"

typedef struct ms_service_options {
        const char *config_dir;
        const char *publish_dir; /* overrides the configuration when set */
        uint64_t test_stall_after_usec; /* test only: block the loop after this long (0: never) */
} ms_service_options;

typedef struct ms_service ms_service;

typedef struct ms_service_observer {
        /* Run `id` ended with res (borrowed for the call).  Also for a queued
         * run that will not happen (the daemon stops): failed, reason says so. */
        void (*run_done)(uint64_t id, const ms_run_result *res, void *userdata);
        /* A reload replaced the configuration with c. */
        void (*config_loaded)(const ms_config *c, void *userdata);
        void *userdata;
} ms_service_observer;

/* What `status` shows; pointers borrowed until the loop runs on. */
typedef struct ms_service_status {
        const char *state; /* "idle", "rendering", "stopping" */
        uint64_t running_id, queued_id; /* 0: none */
        uint64_t last_id; /* the last run that ended, 0: none */
        const ms_run_result *last; /* its result, NULL when no run ended */
        unsigned runs, failures, coalesced;
        time_t last_finished, started;
        const ms_cycle_hook_status *hook; /* the last hook's result, NULL when none ran */
} ms_service_status;

/* Takes over c (also on failure).  Loads the fonts and sets up the loop,
 * signals, the poll timer and the worker; runs nothing yet. */
int ms_service_new(ms_config *c, const ms_service_options *o, ms_service **ret);
/* READY=1, then the loop until a stop.  0 on a clean stop, negative errno. */
int ms_service_run(ms_service *svc);
/* Waits for a running job. */
ms_service *ms_service_free(ms_service *svc);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_service *, ms_service_free);

sd_event *ms_service_event(ms_service *svc);
const ms_config *ms_service_config(const ms_service *svc);
const char *ms_service_publish_dir(const ms_service *svc);
const char *ms_service_config_dir(const ms_service *svc);
void ms_service_set_observer(ms_service *svc, const ms_service_observer *o);
void ms_service_get_status(const ms_service *svc, ms_service_status *ret);

/* Start a run now, or queue one after the run in progress, or join the
 * queued one: *ret_what is "started", "queued" or "coalesced", *ret_id the
 * run that serves the request.  -ESHUTDOWN while stopping. */
/* poll: a poll now (`fetch`): once a release of this configuration is
 * current, it parses, draws and publishes only if a source changed. */
int ms_service_request_run(ms_service *svc, bool force, bool poll, const char **ret_what, uint64_t *ret_id);
/* Re-read the configuration; on any error keep the old one.  The reason is
 * logged and also written to reason. */
int ms_service_reload(ms_service *svc, char *reason, size_t n);
