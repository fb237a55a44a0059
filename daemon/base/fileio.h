/* SPDX-License-Identifier: MIT */
#pragma once

/* Small file helpers for daemon/: bounded reads, full writes, fsync. */
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/error.h"

/* Read all of path into out (appending); -EFBIG past max bytes.  Anything
 * but a regular file (a FIFO, a device, a directory) is refused at once
 * with -EBADFD, without blocking. */
int ms_read_file(const char *path, size_t max, ms_buf *out, ms_error *err);
/* The same for path relative to dirfd. */
int ms_read_file_at(int dirfd, const char *path, size_t max, ms_buf *out, ms_error *err);
/* write() all of data to fd, retrying on EINTR and short writes. */
int ms_write_all(int fd, const void *data, size_t len);
/* Create dirfd/name exclusively (mode 0644), write data, fsync, close. */
int ms_write_file_synced(int dirfd, const char *name, const void *data, size_t len);
/* Replace dirfd/name atomically: write a temporary file beside it (".name.tmp",
 * or "name.tmp" when name is hidden already), fsync it, rename it over name.
 * A leftover of a crash is removed first, the temporary file on failure.  The
 * caller fsyncs dirfd (ms_fsync_dir()) when the rename must be durable: once,
 * after all the files it replaces. */
int ms_replace_file_at(int dirfd, const char *name, const void *data, size_t len);
/* fsync a directory so that entries created or renamed in it are durable. */
int ms_fsync_dir(int dirfd);
/* mkdir -p with mode 0755. */
int ms_mkdir_p(const char *path);
/* Remove a directory tree below dirfd/name (no symlink following). */
int ms_rm_rf_at(int dirfd, const char *name);
