/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Logging for daemon/ only (the pure layers return errors instead).
 * To stderr when started by hand, to the journal with structured fields
 * when running under systemd (JOURNAL_STREAM names our stderr).
 * A function either logs or returns an error, never both.
 */
#include <stdbool.h>
#include <stddef.h>
#include <syslog.h>

#include "migstat/macro.h"

void ms_log_set_max_level(int level);
int ms_log_get_max_level(void);
/* Decide between journal and stderr once, at start-up. */
void ms_log_open(void);

/* Log msg at priority with optional structured fields ("MIGSTAT_SOURCE=x",
 * NULL-terminated list in `fields`), return -abs(error) (or 0). */
int ms_log_full(int priority, int error, const char *const *fields, const char *fmt, ...)
        _printf_(4, 5);

/* The reason a cycle failed, for `status`: between begin and end, the first
 * message this thread logs at LOG_ERR or worse is kept (the cycle logs the
 * specific one, naming source or chart and place, before any summary), and
 * the first warning (a source served from the cache, a validation warning).
 * end copies them out ("" when none was logged) and stops capturing. */
#define MS_LOG_REASON_MAX 512
void ms_log_capture_begin(void);
void ms_log_capture_end(char *ret_error, size_t n, char *ret_warning, size_t wn);

#define log_debug(...) ms_log_full(LOG_DEBUG, 0, NULL, __VA_ARGS__)
#define log_info(...) ms_log_full(LOG_INFO, 0, NULL, __VA_ARGS__)
#define log_notice(...) ms_log_full(LOG_NOTICE, 0, NULL, __VA_ARGS__)
#define log_warning(...) ms_log_full(LOG_WARNING, 0, NULL, __VA_ARGS__)
#define log_error(...) ms_log_full(LOG_ERR, 0, NULL, __VA_ARGS__)
#define log_error_errno(r, ...) ms_log_full(LOG_ERR, (r), NULL, __VA_ARGS__)
#define log_warning_errno(r, ...) ms_log_full(LOG_WARNING, (r), NULL, __VA_ARGS__)
