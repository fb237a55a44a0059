/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The service: an sd-event loop that runs a cycle at start and then every
 * poll interval, tells systemd READY/STATUS/STOPPING, and exits on SIGTERM
 * or SIGINT.
 */
#include "migstat/config.h"

int ms_service_run(const ms_config *c, const char *publish_dir);
