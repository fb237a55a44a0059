/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The service: an sd-event loop that
 *   - runs a cycle at start and then every poll interval, in a worker thread;
 *   - serves the control socket (status, list, fetch, regenerate, validate,
 *     reload, version); regenerate requests while a cycle runs coalesce into
 *     one more run;
 *   - tells systemd READY=1 (configuration loaded, socket up), STATUS= (what
 *     it does, what it last published), RELOADING=1 on SIGHUP or `reload`
 *     (a bad configuration is rejected with its reason and the old one kept),
 *     STOPPING=1 on SIGTERM/SIGINT, and WATCHDOG=1 from the loop;
 *   - on SIGTERM waits for the release in progress (publishing is atomic, so
 *     `current` is never partial); a second SIGTERM abandons it at once.
 */
#include <stdint.h>

#include "config/config.h"

typedef struct ms_service_options {
        const char *config_dir;
        const char *publish_dir;     /* overrides the configuration when set */
        uint64_t test_stall_after_usec; /* test only: block the loop after this long (0: never) */
} ms_service_options;

/* Takes over c (freed at return).  0 on a clean stop, negative errno. */
int ms_service_run(ms_config *c, const ms_service_options *o);
