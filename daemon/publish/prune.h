/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Retention by the daemon's own record.  releases/.migstat-releases lists,
 * one a line and oldest first, every release directory this publisher made
 * (the name goes in before the directory exists).  Pruning removes only
 * names from that list, in its order, never by sorting names: a directory
 * planted in releases/ (an operator's, or one named like a release from the
 * future) is neither removed nor counted, and a planted future-dated name
 * cannot push the real releases out.  Kept: the newest `keep` recorded
 * releases, the one behind `current`, and every one an editions/ link
 * points at.
 */
#include <stddef.h>

#include "migstat/error.h"

#define MS_RELEASE_RECORD ".migstat-releases"

/* Append name to the record in releases_fd (fsync'ed). */
int ms_release_record_add(int releases_fd, const char *name);
/* Remove name from the record (rewritten atomically); 0 if absent. */
int ms_release_record_remove(int releases_fd, const char *name);
/* The recorded names, oldest first (free each and the array). */
int ms_release_record_read(int releases_fd, char ***ret, size_t *ret_n);
/* Remove all but the newest `keep` recorded releases (see above); returns
 * the number removed. */
int ms_release_prune(const char *publish_dir, unsigned keep, ms_error *err);
