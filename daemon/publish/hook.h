/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The post-publish hook: a configured program run after a release became
 * `current`, with the release's absolute path as its last argument (e.g. to
 * sync it to a CDN origin).  "/usr/bin/rclone sync --fast-list" is split on
 * blanks into argv; there is no shell, so nothing in a path or a release
 * name is ever interpreted.  The program gets /dev/null as stdin, inherits
 * stdout/stderr (the journal) and is killed after timeout_sec.
 *
 * A failing hook does not undo the release: the caller logs it and keeps it
 * for `status`.
 */
#include "migstat/error.h"

/* 0 when the program exited 0; -ETIMEDOUT when it was killed for taking too
 * long; -EPROTO when it exited non-zero or died by a signal; -errno when it
 * could not be started.  err says which. */
int ms_hook_run(const char *command, const char *release_path, unsigned timeout_sec, ms_error *err);
