/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cycle/cycle_validate.h"
#include "base/log.h"
#include "migstat/validate.h"

/* Staleness is measured against the month we publish in: the daemon reads
 * the clock here so that sources/validate.c stays pure. */
static ms_period current_month(void) {
        time_t t = time(NULL);
        struct tm tm;
        if (!gmtime_r(&t, &tm))
                return (ms_period){.year = 1970, .kind = MS_PERIOD_MONTH, .sub = 1};
        return (ms_period){.year = tm.tm_year + 1900, .kind = MS_PERIOD_MONTH, .sub = tm.tm_mon + 1};
}

static void log_finding(const ms_source_config *s, const ms_finding *f) {
        char src[128], check[64];
        snprintf(src, sizeof(src), "MIGSTAT_SOURCE=%s", s->id);
        snprintf(check, sizeof(check), "MIGSTAT_CHECK=%s", f->check);
        const char *const fields[] = {src, check, NULL};
        if (f->level == MS_VALIDATE_ERROR)
                (void) ms_log_full(LOG_ERR, -EBADMSG, fields, "source %s: validation failed, not publishing: %s: %s",
                                   s->id, f->check, f->msg);
        else
                (void) ms_log_full(LOG_WARNING, 0, fields, "source %s: validation warning: %s: %s", s->id, f->check,
                                   f->msg);
}

static int warnings_add(ms_cycle_warnings *w, const ms_source_config *s, const ms_finding *f) {
        char **v = reallocarray(w->v, w->n + 1, sizeof(*v));
        if (!v)
                return -ENOMEM;
        w->v = v;
        if (asprintf(&v[w->n], "source %s: %s: %s", s->id, f->check, f->msg) < 0)
                return -ENOMEM;
        w->n++;
        return 0;
}

int ms_cycle_validate(const ms_source_config *s, const ms_cube *cube, ms_cycle_warnings *w) {
        ms_period now = current_month();
        ms_validate_rules rules = ms_source_rules_get(&s->rules, &now);
        ms_validation v = {0};
        int level = ms_validate(cube, &rules, &v);
        if (level < 0)
                return log_error_errno(level, "source %s: validation: out of memory", s->id);
        /* Errors first: the first line logged is the reason `status` shows. */
        for (int pass = MS_VALIDATE_ERROR; pass >= MS_VALIDATE_WARNING; pass--)
                for (size_t i = 0; i < v.n_findings; i++)
                        if ((int) v.findings[i].level == pass)
                                log_finding(s, &v.findings[i]);
        int r = 0;
        for (size_t i = 0; r >= 0 && level < MS_VALIDATE_ERROR && i < v.n_findings; i++)
                r = warnings_add(w, s, &v.findings[i]);
        if (v.n_errors + v.n_warnings > v.n_findings)
                log_warning("source %s: validation: %zu more findings not shown", s->id,
                            v.n_errors + v.n_warnings - v.n_findings);
        ms_validation_done(&v);
        if (r < 0)
                return log_error_errno(r, "source %s: validation: out of memory", s->id);
        return level == MS_VALIDATE_ERROR ? -EBADMSG : 0;
}

void ms_cycle_warnings_done(ms_cycle_warnings *w) {
        for (size_t i = 0; w->v && i < w->n; i++)
                free(w->v[i]);
        free(w->v);
        *w = (ms_cycle_warnings){0};
}
