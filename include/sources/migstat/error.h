/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The error record of the pure layers (sources/, charts/).  They cannot log,
 * so they describe what went wrong here and return -errno; the daemon prints
 * it.  `file` is borrowed from the caller, or owned by the record after
 * ms_error_set_file() (then the record must not be copied by assignment:
 * `file` would point into the original); `where` is a JSON path such as
 * "dimension.geo.category.index" or empty; line/col are 1-based and 0 when
 * unknown; `offset` is a byte offset or -1.
 */
#include <stddef.h>
#include <sys/types.h>

#include "migstat/macro.h"

typedef struct ms_error {
        const char *file;
        unsigned line, col;
        ssize_t offset;
        char where[160];
        char msg[400];
        char file_buf[256]; /* the file name ms_error_set_file() copied */
} ms_error;

/* Empty e but for its file. */
void ms_error_clear(ms_error *e);
/* Name path as e's file with a copy e owns (a long path keeps its end, the
 * file's name): for a file name that does not outlive the call that fails. */
void ms_error_set_file(ms_error *e, const char *path);

/* Fill e (if not NULL) and return r (a negative errno) so callers can write
 * `return ms_error_set(err, -EBADMSG, "value", "expected ...")`. */
int ms_error_set(ms_error *e, int r, const char *where, const char *fmt, ...) _printf_(4, 5);

/* Set line/col of e from a byte offset into buf. */
void ms_error_locate(ms_error *e, const char *buf, size_t len, size_t offset);

/* "file:line:col: where: msg" (parts that are unknown are left out). */
const char *ms_error_format(const ms_error *e, char *out, size_t n);
