/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Revised cells between two releases of one source: the tidy CSVs a release
 * publishes as data/<source>.csv (one row per cell: the dimension codes,
 * then value and status) are compared row by row.  A cell is revised when
 * it is in both with another value or status; cells only in one of them
 * are new or withdrawn, not revised.  Readers quoting an old edition can
 * tell from the count whether its numbers still stand.
 */
#include <stddef.h>
#include <sys/types.h>

/* The number of revised cells, or -EINVAL when the two CSVs do not have the
 * same header (another shape: not comparable cell by cell), -ENOMEM. */
ssize_t ms_revisions_count(const char *old_csv, size_t old_len, const char *new_csv, size_t new_len);
