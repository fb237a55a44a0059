/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/log.h"
#include "cycle/cycle_validate.h"
#include "cycle/holds.h"
#include "migstat/source.h"
#include "migstat/validate.h"

/* The last good data is a normalized cube the daemon wrote: sparse, so a
 * multiple of the largest source body it came from. */
#define MS_CYCLE_PREVIOUS_MAX_BYTES (256u << 20)

/* Staleness is measured against the month we publish in: the daemon reads
 * the clock here so that sources/validate.c stays pure. */
static ms_period current_month(void) {
        time_t t = time(NULL);
        struct tm tm;
        if (!gmtime_r(&t, &tm))
                return (ms_period){.year = 1970, .kind = MS_PERIOD_MONTH, .sub = 1};
        return (ms_period){.year = tm.tm_year + 1900, .kind = MS_PERIOD_MONTH, .sub = tm.tm_mon + 1};
}

static void log_finding(const ms_source_config *s, const ms_finding *f, bool held) {
        char src[128], check[64];
        snprintf(src, sizeof(src), "MIGSTAT_SOURCE=%s", s->id);
        snprintf(check, sizeof(check), "MIGSTAT_CHECK=%s", f->check);
        const char *const fields[] = {src, check, NULL};
        if (f->level == MS_VALIDATE_ERROR)
                (void) ms_log_full(LOG_ERR, -EBADMSG, fields, "source %s: %s, not publishing: %s: %s", s->id,
                                   held ? "held" : "validation failed", f->check, f->msg);
        else
                (void) ms_log_full(LOG_WARNING, 0, fields, "source %s: validation warning: %s: %s", s->id,
                                   f->check, f->msg);
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

/* The checks whose errors hold a source (an operator may accept them):
 * the plausibility checks, and "revision" when the data no longer has the
 * last good data's dimensions (a source whose filters changed). */
static bool finding_holds(const ms_finding *f) {
        static const char *const holding[] = {"revision-share", "revision-size", "level",
                                              "zeros",          "member",        "revision"};
        for (size_t i = 0; i < ELEMENTSOF(holding); i++)
                if (strcmp(f->check, holding[i]) == 0)
                        return f->level == MS_VALIDATE_ERROR;
        return false;
}

/* The last good data: the normalized cube the current release publishes
 * for this source; NULL when there is none (first run, a new source) or it
 * is unusable (logged: then only the series' own history is checked). */
static ms_cube *gate_previous(const ms_cycle_gate *g) {
        char path[PATH_MAX];
        ms_buf text = {0};
        ms_error err = {.offset = -1};
        ms_cube *prev = NULL;
        if (snprintf(path, sizeof(path), "%s/current/data/%s.json", g->publish_dir, g->source->id) >=
                    (int) sizeof(path) ||
            access(path, F_OK) < 0)
                return NULL;
        int r = ms_read_file(path, MS_CYCLE_PREVIOUS_MAX_BYTES, &text, &err);
        if (r >= 0) {
                err = (ms_error){.file = path, .offset = -1};
                r = ms_source_parse("jsonstat", text.data ? text.data : "", text.len,
                                    &(ms_source_options){.max_cells = g->source->max_cells}, &prev, &err);
        }
        ms_buf_done(&text);
        if (r < 0) {
                char buf[1024];
                log_warning("source %s: the last good data is unusable, checking without it: %s",
                            g->source->id, ms_error_format(&err, buf, sizeof(buf)));
                return NULL;
        }
        return prev;
}

/* Log the findings, errors first; a holding error names the source as held
 * and is recorded for `migstatctl accept`.  True when one held it. */
static bool gate_log(const ms_cycle_gate *g, const ms_validation *v) {
        const ms_source_config *s = g->source;
        const ms_finding *hold = NULL;
        for (size_t i = 0; i < v->n_findings && !hold; i++)
                if (finding_holds(&v->findings[i]))
                        hold = &v->findings[i];
        size_t revisions = 0;
        for (int pass = MS_VALIDATE_ERROR; pass >= MS_VALIDATE_WARNING; pass--)
                for (size_t i = 0; i < v->n_findings; i++) {
                        const ms_finding *f = &v->findings[i];
                        if ((int) f->level != pass)
                                continue;
                        /* Revisions are what sources do: the manifest lists
                         * them all, the journal the first few. */
                        if (strcmp(f->check, "revision") == 0 && f->level == MS_VALIDATE_WARNING) {
                                if (++revisions <= 10)
                                        log_info("source %s: %s", s->id, f->msg);
                                continue;
                        }
                        log_finding(s, f, finding_holds(f));
                }
        if (v->n_errors + v->n_warnings > v->n_findings)
                log_warning("source %s: validation: %zu more findings not shown", s->id,
                            v->n_errors + v->n_warnings - v->n_findings);
        if (!hold)
                return false;
        ms_error err = {.offset = -1};
        if (ms_hold_record(g->config->state_dir, s->id, g->sha256, hold->check, hold->msg, &err) < 0)
                log_warning("source %s: cannot record the hold (accept will not find it), ignoring: %s",
                            s->id, err.msg);
        log_notice("source %s: held; its last good data stays.  If the change is real: migstatctl accept %s",
                   s->id, s->id);
        return true;
}

int ms_cycle_validate(ms_cycle_gate *g, ms_cube *cube, ms_cycle_warnings *w, ms_cycle_warnings *revised) {
        const ms_source_config *s = g->source;
        ms_error err = {.offset = -1};
        int r = ms_cube_normalize_time(cube, &err);
        if (r < 0) {
                char buf[1024];
                return log_error_errno(r, "source %s: validation failed, not publishing: period: %s", s->id,
                                       r == -ENOMEM ? "out of memory"
                                                    : ms_error_format(&err, buf, sizeof(buf)));
        }
        _cleanup_(ms_cube_freep) ms_cube *prev = gate_previous(g);
        ms_period now = current_month();
        ms_validate_rules rules = ms_source_rules_get(&s->rules, &now);
        rules.previous = prev;
        rules.accepted = ms_hold_is_accepted(g->config->state_dir, s->id, g->sha256);
        ms_validation v = {0};
        int level = ms_validate(cube, &rules, &v);
        if (level < 0)
                return log_error_errno(level, "source %s: validation: out of memory", s->id);
        g->held = gate_log(g, &v);
        if (level < MS_VALIDATE_ERROR) {
                (void) ms_hold_clear(g->config->state_dir, s->id);
                if (rules.accepted && prev)
                        log_notice("source %s: accepted by the operator: published without the plausibility "
                                   "checks against the last good data",
                                   s->id);
        }
        revised->total = v.n_revisions;
        revised->compared = prev != NULL;
        r = 0;
        for (size_t i = 0; r >= 0 && level < MS_VALIDATE_ERROR && i < v.n_findings; i++)
                r = warnings_add(strcmp(v.findings[i].check, "revision") == 0 ? revised : w, s,
                                 &v.findings[i]);
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
