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

int ms_run_cycle(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, ms_run_result *ret) {
        _cleanup_free_ char *release = NULL;
        *ret = (ms_run_result){.outcome = MS_RUN_FAILED};
        ms_log_capture_begin();
        int r = ms_cycle_run_now(c, rr, o, &release);
        ms_log_capture_end(ret->reason, sizeof(ret->reason), ret->warning, sizeof(ret->warning));
        if (r < 0) {
                ret->error = r;
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
