/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Editions: PublishDir/editions/<YYYY-MM> -> ../releases/<name>, the last
 * release whose data ends in that reference month (the month of the data,
 * never of the clock).  A quote taken from an edition stays checkable: the
 * link only moves when a later release has data for the same month (a
 * revision), and retention never removes a release an edition points at.
 *
 * The link is replaced like `current`: a fresh symlink renamed over it, then
 * the editions directory is fsync'ed.
 */
#include <stddef.h>

#include "migstat/error.h"

/* The edition of a set of reference period codes ("2019-04", "2019M04",
 * "2019-Q2", "2019"): the latest month among them ("2019-04"): a release
 * that mixes a monthly chart with yearly ones belongs to its month, not to a
 * year that would sort after it.  Without any month, the latest period of
 * any kind, normalized ("2019-Q2", "2019").  -EINVAL when none parses. */
int ms_edition_from_periods(const char *const *codes, size_t n, char *ret, size_t ret_size);

/* Point editions/<edition> at releases/<release>. */
int ms_edition_set(const char *publish_dir, const char *edition, const char *release, ms_error *err);
