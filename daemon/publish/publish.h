/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Atomic releases into the publish directory:
 *
 *   PublishDir/releases/<UTC timestamp>-<short hash>/   complete, immutable
 *   PublishDir/current -> releases/<...>                 swapped with rename()
 *
 * Files are written into releases/.staging-<pid>-<n>/, each fsync'ed; at
 * commit the staging directory is fsync'ed and renamed to its final name,
 * then a new symlink is renamed over `current` and the publish directory is
 * fsync'ed.  A reader therefore sees the old release or the new one, never a
 * half-written file or a mix.  Freeing an uncommitted release removes its
 * staging directory; a crash leaves one behind, removed by the next begin.
 *
 * The publish directory is flock()ed from begin to free: a second publisher
 * fails at begin with -EBUSY instead of racing (its clean-up would remove our
 * staging directory as stale).
 *
 * A file whose bytes equal the same name in the release `current` pointed
 * at when the release began is hard-linked from there instead of written:
 * same inode, same ETag for the web server, no extra disk.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/error.h"
#include "publish/prune.h"

typedef struct ms_release ms_release;

typedef struct ms_release_file {
        char *name;
        size_t bytes;
        char sha256[65]; /* lowercase hex */
        bool linked; /* hard-linked from the previous release: bytes unchanged */
} ms_release_file;

int ms_release_begin(const char *publish_dir, ms_release **ret, ms_error *err);
/* Add a file ("name", or "dir/name" one level deep, e.g. "data/x.csv");
 * written and fsync'ed at once, or hard-linked when unchanged. */
int ms_release_add(ms_release *rel, const char *name, const void *data, size_t len, ms_error *err);
/* Whether the release `current` pointed at when this one began has name
 * with exactly `bytes` bytes whose SHA-256 is sha256 (read and checked: a
 * file altered by hand is not carried). */
bool ms_release_previous_check(const ms_release *rel, const char *name, size_t bytes, const char *sha256);
/* Carry name over from that release by hard link (after
 * ms_release_previous_check() said yes): for a chart that is not drawn
 * anew because its source failed or nothing it reads changed. */
int ms_release_carry(ms_release *rel, const char *name, size_t bytes, const char *sha256, ms_error *err);
/* Read name from the release `current` pointed at (at most max bytes). */
int ms_release_read_previous(const ms_release *rel, const char *name, size_t max, ms_buf *ret, ms_error *err);
/* A file too big to build in memory first (a big source's tidy CSV),
 * written in pieces into the staging directory and hashed as it goes; at
 * the end it is hard-linked from the previous release instead when that
 * one holds the same bytes. */
typedef struct ms_release_stream ms_release_stream;
int ms_release_stream_begin(ms_release *rel, const char *name, ms_release_stream **ret, ms_error *err);
int ms_release_stream_write(ms_release_stream *s, const void *data, size_t len, ms_error *err);
/* Finish (fsync) and add it to the release's files; frees s (also on error). */
int ms_release_stream_end(ms_release *rel, ms_release_stream *s, ms_error *err);

/* Whether the files added so far, apart from `except` (index.json: it names
 * its release), are exactly the files of the release `current` pointed at
 * when this one began, every one unchanged (hard-linked).  Such a release
 * would publish nothing new: the caller frees it instead of committing. */
bool ms_release_same_as_previous(const ms_release *rel, const char *except);
/* The files added so far, in the order added. */
size_t ms_release_files(const ms_release *rel, const ms_release_file **ret);
/* Fix the release's name now, "<timestamp>-<hash of the files added so
 * far and of also>" (with "-2", "-3", ... when a directory of that name
 * exists: it is never taken for this one), so that the manifest added last
 * can name its release.  also (may be NULL): what the release says besides
 * its files (which sources fail since when), so that two releases of one
 * second that differ only there get two names. */
const char *ms_release_name(ms_release *rel, const char *timestamp, const char *also);
/* Name the release (unless ms_release_name() fixed it), record it
 * (prune.h), move it into place without replacing anything and swap
 * `current`.  If the swap fails the release is removed again and `current`
 * stays.  ret_name (optional) gets the release directory's name. */
int ms_release_commit(ms_release *rel, const char *timestamp, char **ret_name, ms_error *err);
ms_release *ms_release_free(ms_release *rel);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_release *, ms_release_free);
