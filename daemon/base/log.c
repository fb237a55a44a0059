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

/* Per thread, so the worker's cycle captures its own reason while the loop
 * thread logs on (see ms_log_capture_begin()). */
static _Thread_local bool capture_on;
static _Thread_local char capture_msg[MS_LOG_REASON_MAX], capture_warning[MS_LOG_REASON_MAX];

void ms_log_capture_begin(void) {
        capture_on = true;
        capture_msg[0] = capture_warning[0] = '\0';
}

void ms_log_capture_end(char *ret_error, size_t n, char *ret_warning, size_t wn) {
        capture_on = false;
        if (n > 0)
                snprintf(ret_error, n, "%s", capture_msg);
        if (wn > 0)
                snprintf(ret_warning, wn, "%s", capture_warning);
}

/* The slot for a message at priority, NULL when it is not captured. */
static char *capture_slot(int priority) {
        if (!capture_on)
                return NULL;
        char *slot = priority <= LOG_ERR ? capture_msg : priority == LOG_WARNING ? capture_warning : NULL;
        return slot && slot[0] == '\0' ? slot : NULL;
}

void ms_log_set_max_level(int level) {
        log_max_level = level;
}

int ms_log_get_max_level(void) {
        return log_max_level;
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
        static const char *const names[] = {"emerg", "alert", "crit", "error",
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
        char *capture = capture_slot(priority & 7);
        if ((priority & 7) > log_max_level && !capture)
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
                snprintf(capture, MS_LOG_REASON_MAX, "%.*s", MS_LOG_REASON_MAX - 1, msg);
        if ((priority & 7) > log_max_level)
                return ret;
        if (log_to_journal)
                log_send_journal(priority & 7, error, fields, msg);
        else
                log_to_stderr(priority & 7, msg);
        return ret;
}
