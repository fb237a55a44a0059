/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Logging for daemon/ only (the pure layers return errors instead).
 * To stderr when started by hand, to the journal with structured fields
 * when running under systemd (JOURNAL_STREAM names our stderr).
 * A function either logs or returns an error, never both.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <syslog.h>

#include "migstat/macro.h"

void ms_log_set_max_level(int level);
/* Decide between journal and stderr once, at start-up. */
void ms_log_open(void);

/* Log msg at priority with optional structured fields ("MIGSTAT_SOURCE=x",
 * NULL-terminated list in `fields`), return -abs(error) (or 0). */
int ms_log_full(int priority, int error, const char *const *fields, const char *fmt, ...) _printf_(4, 5);

/* The reason a run failed, for `status`, `--wait` and the journal: between
 * begin and end, the first message logged at LOG_ERR or worse by any thread
 * attached to the capture is kept (the cycle logs the specific one, naming
 * source or chart and place, before any summary), with its errno and the
 * MIGSTAT_CHART=/MIGSTAT_SOURCE= field it carried; and the first warning.
 * One capture belongs to one run, not to a thread: the render threads of a
 * run attach to it (ms_log_capture_attach()), so a chart failing on any of
 * them is what the run reports. */
#define MS_LOG_REASON_MAX 512
typedef struct ms_log_capture {
        pthread_mutex_t lock;
        char error[MS_LOG_REASON_MAX]; /* "" until an error is logged */
        int error_errno; /* negative errno of that message, 0 if it had none */
        char subject_kind[8]; /* "chart", "source" or "" */
        char subject[128]; /* its id */
        char warning[MS_LOG_REASON_MAX]; /* the first warning, or "" */
} ms_log_capture;

/* Start capturing into c on this thread (c is reset). */
void ms_log_capture_begin(ms_log_capture *c);
/* Capture into c on this thread too (a run's helper thread); NULL stops. */
void ms_log_capture_attach(ms_log_capture *c);
/* The capture this thread logs into, or NULL. */
ms_log_capture *ms_log_capture_current(void);
/* Stop capturing on this thread and release c's lock. */
void ms_log_capture_end(ms_log_capture *c);

/* The first message this thread logged at LOG_ERR or worse since
 * ms_log_mark() ("" none): what a step that logs its own findings failed
 * with, for a state that keeps the reason (a failed source). */
void ms_log_mark(void);
const char *ms_log_first_error(void);

#define log_debug(...) ms_log_full(LOG_DEBUG, 0, NULL, __VA_ARGS__)
#define log_info(...) ms_log_full(LOG_INFO, 0, NULL, __VA_ARGS__)
#define log_notice(...) ms_log_full(LOG_NOTICE, 0, NULL, __VA_ARGS__)
#define log_warning(...) ms_log_full(LOG_WARNING, 0, NULL, __VA_ARGS__)
#define log_error(...) ms_log_full(LOG_ERR, 0, NULL, __VA_ARGS__)
#define log_error_errno(r, ...) ms_log_full(LOG_ERR, (r), NULL, __VA_ARGS__)
#define log_warning_errno(r, ...) ms_log_full(LOG_WARNING, (r), NULL, __VA_ARGS__)
