/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migstat/buf.h"
#include "cycle/cycle.h"
#include "base/fileio.h"
#include "base/log.h"
#include "base/timefmt.h"
#include "fetch/source_health.h"
#include "service/runner.h"

/* The configuration file that defines the chart or source a failure is
 * about. */
static const char *run_subject_file(const ms_config *c, const char *kind, const char *id) {
        if (strcmp(kind, "source") == 0) {
                const ms_source_config *s = ms_config_find_source(c, id);
                return s && s->file ? s->file : "";
        }
        int i = strcmp(kind, "chart") == 0 ? ms_config_find_chart(c, id) : -1;
        return i >= 0 && c->chart_files[i] ? c->chart_files[i] : "";
}

int ms_run_cycle(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, ms_run_result *ret) {
        _cleanup_free_ char *release = NULL;
        ms_log_capture cap;
        *ret = (ms_run_result){.outcome = MS_RUN_FAILED};
        ms_cycle_options with_status = *o;
        ret->sources = calloc(c->n_sources + 1, sizeof(*ret->sources));
        ret->source_ids = calloc(c->n_sources + 1, sizeof(*ret->source_ids));
        for (size_t i = 0; ret->sources && ret->source_ids && i < c->n_sources; i++)
                if ((ret->source_ids[i] = strdup(c->sources[i].id)))
                        ret->n_sources = i + 1;
        with_status.source_status = ret->sources;
        ms_log_capture_begin(&cap);
        int r = ms_cycle_run_now(c, rr, &with_status, &release);
        ms_log_capture_end(&cap);
        snprintf(ret->reason, sizeof(ret->reason), "%s", cap.error);
        snprintf(ret->warning, sizeof(ret->warning), "%s", cap.warning);
        if (r < 0) {
                /* The errno of the message that names the cause, not of
                 * whatever summary the cycle returned. */
                ret->error = cap.error[0] && cap.error_errno < 0 ? cap.error_errno : r;
                snprintf(ret->subject_kind, sizeof(ret->subject_kind), "%s", cap.subject_kind);
                snprintf(ret->subject, sizeof(ret->subject), "%s", cap.subject);
                snprintf(ret->file, sizeof(ret->file), "%s",
                         run_subject_file(c, cap.subject_kind, cap.subject));
                if (!ret->reason[0])
                        snprintf(ret->reason, sizeof(ret->reason), "%s", strerror(-r));
                return r;
        }
        ret->outcome = r > 0 ? MS_RUN_UNCHANGED : MS_RUN_PUBLISHED;
        ret->release = TAKE_PTR(release);
        return 0;
}

void ms_run_result_done(ms_run_result *r) {
        free(r->release);
        free(r->sources);
        for (size_t i = 0; r->source_ids && i < r->n_sources; i++)
                free(r->source_ids[i]);
        free(r->source_ids);
        *r = (ms_run_result){.outcome = MS_RUN_FAILED};
}

const char *ms_run_outcome_to_string(ms_run_outcome o) {
        switch (o) {
        case MS_RUN_PUBLISHED: return "published";
        case MS_RUN_UNCHANGED: return "unchanged";
        case MS_RUN_FAILED: return "failed";
        }
        return "unknown";
}

int ms_run_result_add_failing(const ms_run_result *r, cJSON *o) {
        cJSON *a = cJSON_AddArrayToObject(o, "sources_failing");
        for (size_t i = 0; a && i < r->n_sources; i++) {
                const ms_cycle_source_status *st = &r->sources[i];
                char when[32];
                if (st->failing_since <= 0)
                        continue;
                cJSON *e = cJSON_CreateObject();
                if (!e || !cJSON_AddItemToArray(a, e))
                        return cJSON_Delete(e), -ENOMEM;
                ms_format_utc(st->failing_since, when, sizeof(when), "?");
                if (!cJSON_AddStringToObject(e, "id", r->source_ids[i]) ||
                    !cJSON_AddStringToObject(e, "state", ms_source_state_to_string(st->state)) ||
                    !cJSON_AddStringToObject(e, "since", when) ||
                    !cJSON_AddStringToObject(e, "reason", st->reason))
                        return -ENOMEM;
        }
        return a ? 0 : -ENOMEM;
}
