/* SPDX-License-Identifier: MIT */
/* What the command bodies (cmd_*.c) answer with: responses, a run's outcome,
 * and the registration of a client that waits for its run. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control/commands_internal.h"

cJSON *command_response_new(bool ok) {
        cJSON *o = cJSON_CreateObject();
        if (o && !cJSON_AddBoolToObject(o, "ok", ok))
                o = (cJSON_Delete(o), NULL);
        return o;
}

cJSON *command_response_error(const char *fmt, ...) {
        char msg[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        cJSON *o = command_response_new(false);
        if (o && !cJSON_AddStringToObject(o, "error", msg))
                o = (cJSON_Delete(o), NULL);
        return o;
}

void command_add_run_result(cJSON *o, uint64_t id, const ms_run_result *res) {
        (void) cJSON_AddNumberToObject(o, "id", (double) id);
        (void) cJSON_AddStringToObject(o, "result", ms_run_outcome_to_string(res->outcome));
        if (res->release)
                (void) cJSON_AddStringToObject(o, "release", res->release);
        if (res->outcome == MS_RUN_FAILED) {
                (void) cJSON_AddStringToObject(o, "error", res->reason);
                (void) cJSON_AddNumberToObject(o, "errno", (double) -res->error);
                if (res->subject[0])
                        (void) cJSON_AddStringToObject(o, res->subject_kind, res->subject);
                if (res->file[0])
                        (void) cJSON_AddStringToObject(o, "file", res->file);
        }
        if (res->warning[0])
                (void) cJSON_AddStringToObject(o, "warning", res->warning);
}

bool command_wait_for(ms_commands *ctx, ms_control_request *req, uint64_t run_id) {
        command_waiter *w = reallocarray(ctx->waiters, ctx->n_waiters + 1, sizeof(*w));
        if (!w)
                return false;
        ctx->waiters = w;
        uint64_t token = ms_control_defer(req);
        if (token == 0)
                return false;
        w[ctx->n_waiters++] = (command_waiter){.token = token, .run_id = run_id};
        return true;
}
