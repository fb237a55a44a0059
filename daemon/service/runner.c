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
        ms_log_capture_begin(&cap);
        int r = ms_cycle_run_now(c, rr, o, &release);
        ms_log_capture_end(&cap);
        snprintf(ret->reason, sizeof(ret->reason), "%s", cap.error);
        snprintf(ret->warning, sizeof(ret->warning), "%s", cap.warning);
        if (r < 0) {
                /* The errno of the message that names the cause, not of
                 * whatever summary the cycle returned. */
                ret->error = cap.error[0] && cap.error_errno < 0 ? cap.error_errno : r;
                snprintf(ret->subject_kind, sizeof(ret->subject_kind), "%s", cap.subject_kind);
                snprintf(ret->subject, sizeof(ret->subject), "%s", cap.subject);
                snprintf(ret->file, sizeof(ret->file), "%s", run_subject_file(c, cap.subject_kind, cap.subject));
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
