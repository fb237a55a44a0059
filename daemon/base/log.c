/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>

#include "base/log.h"

/* The only globals besides signal state: the level and where logs go. */
static int log_max_level = LOG_INFO;
static bool log_to_journal = false;

/* The run this thread logs for (see ms_log_capture_begin()): the worker
 * and its render threads share one, while the loop thread logs on. */
static _Thread_local ms_log_capture *capture_cur;
/* The first error this thread logged since ms_log_mark() (a failed source's
 * reason, whichever step logged it). */
static _Thread_local char first_error[MS_LOG_REASON_MAX];

void ms_log_mark(void) {
        first_error[0] = '\0';
}

const char *ms_log_first_error(void) {
        return first_error;
}

void ms_log_capture_begin(ms_log_capture *c) {
        *c = (ms_log_capture){0};
        pthread_mutex_init(&c->lock, NULL);
        capture_cur = c;
}

void ms_log_capture_attach(ms_log_capture *c) {
        capture_cur = c;
}

ms_log_capture *ms_log_capture_current(void) {
        return capture_cur;
}

void ms_log_capture_end(ms_log_capture *c) {
        capture_cur = NULL;
        pthread_mutex_destroy(&c->lock);
}

/* Keep msg as the run's error (with its errno and subject field) or
 * warning, if it is the first of its kind. */
static void capture_store(int priority, int error, const char *const *fields, const char *msg) {
        ms_log_capture *c = capture_cur;
        if (!c || priority > LOG_WARNING)
                return;
        pthread_mutex_lock(&c->lock);
        if (priority == LOG_WARNING) {
                if (!c->warning[0])
                        snprintf(c->warning, sizeof(c->warning), "%.*s", MS_LOG_REASON_MAX - 1, msg);
        } else if (!c->error[0]) {
                snprintf(c->error, sizeof(c->error), "%.*s", MS_LOG_REASON_MAX - 1, msg);
                c->error_errno = error == 0 ? 0 : -abs(error);
                for (size_t i = 0; fields && fields[i]; i++) {
                        const char *kind = strncmp(fields[i], "MIGSTAT_CHART=", 14) == 0    ? "chart"
                                           : strncmp(fields[i], "MIGSTAT_SOURCE=", 15) == 0 ? "source"
                                                                                            : NULL;
                        if (kind) {
                                snprintf(c->subject_kind, sizeof(c->subject_kind), "%s", kind);
                                snprintf(c->subject, sizeof(c->subject), "%s", strchr(fields[i], '=') + 1);
                                break;
                        }
                }
        }
        pthread_mutex_unlock(&c->lock);
}

void ms_log_set_max_level(int level) {
        log_max_level = level;
}

/* systemd sets JOURNAL_STREAM=dev:ino for a stderr connected to journald;
 * only then are structured fields worth sending (see systemd.exec(5)). */
static bool stderr_is_journal(void) {
        const char *e = getenv("JOURNAL_STREAM");
        if (!e)
                return false;
        unsigned long long dev, ino;
        struct stat st;
        if (sscanf(e, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
                return false;
        return (unsigned long long) st.st_dev == dev && (unsigned long long) st.st_ino == ino;
}

void ms_log_open(void) {
        log_to_journal = stderr_is_journal();
}

static void log_to_stderr(int priority, const char *msg) {
        static const char *const names[] = {"emerg",   "alert",  "crit", "error",
                                            "warning", "notice", "info", "debug"};
        if (priority <= LOG_WARNING)
                fprintf(stderr, "migstat: %s: %s\n", names[priority & 7], msg);
        else
                fprintf(stderr, "migstat: %s\n", msg);
}

static void log_send_journal(int priority, int error, const char *const *fields, const char *msg) {
        struct iovec iov[16];
        char prio[32], err[32];
        char *msgline = NULL;
        size_t n = 0;

        if (asprintf(&msgline, "MESSAGE=%s", msg) < 0) {
                log_to_stderr(priority, msg);
                return;
        }
        snprintf(prio, sizeof(prio), "PRIORITY=%d", priority);
        iov[n++] = (struct iovec){msgline, strlen(msgline)};
        iov[n++] = (struct iovec){prio, strlen(prio)};
        iov[n++] = (struct iovec){(char *) "SYSLOG_IDENTIFIER=migstatd", 26};
        if (error != 0) {
                snprintf(err, sizeof(err), "ERRNO=%d", abs(error));
                iov[n++] = (struct iovec){err, strlen(err)};
        }
        for (size_t i = 0; fields && fields[i] && n < 16; i++)
                iov[n++] = (struct iovec){(char *) fields[i], strlen(fields[i])};
        if (sd_journal_sendv(iov, (int) n) < 0)
                log_to_stderr(priority, msg);
        free(msgline);
}

int ms_log_full(int priority, int error, const char *const *fields, const char *fmt, ...) {
        int ret = error == 0 ? 0 : -abs(error);
        bool capture = capture_cur && (priority & 7) <= LOG_WARNING;
        if ((priority & 7) > log_max_level && !capture && (priority & 7) > LOG_ERR)
                return ret;

        char msg[2048];
        int saved = errno;
        errno = abs(error); /* so %m prints the error we were given */
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        errno = saved;

        if (capture)
                capture_store(priority & 7, error, fields, msg);
        if ((priority & 7) <= LOG_ERR && !first_error[0])
                snprintf(first_error, MS_LOG_REASON_MAX, "%.*s", MS_LOG_REASON_MAX - 1, msg);
        if ((priority & 7) > log_max_level)
                return ret;
        if (log_to_journal)
                log_send_journal(priority & 7, error, fields, msg);
        else
                log_to_stderr(priority & 7, msg);
        return ret;
}
