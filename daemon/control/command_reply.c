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

/* Remember that the client of req waits for run_id; false when it cannot
 * (too many wait). */
static bool command_wait_for(ms_commands *ctx, ms_control_request *req, uint64_t run_id) {
        if (MS_GROW(ctx->waiters, ctx->waiters_cap, ctx->n_waiters + 1) < 0)
                return false;
        uint64_t token = ms_control_defer(req);
        if (token == 0)
                return false;
        ctx->waiters[ctx->n_waiters++] = (command_waiter){.token = token, .run_id = run_id};
        return true;
}

cJSON *command_answer_or_wait(ms_commands *ctx, const ms_command *cmd, ms_control_request *req,
                              uint64_t run_id, cJSON *o) {
        if (!cmd->wait)
                return o;
        if (command_wait_for(ctx, req, run_id)) {
                cJSON_Delete(o);
                return NULL;
        }
        /* The run goes ahead; only this client's wait failed.  Not ok, so
         * that `migstatctl --wait` exits 1 instead of reporting no result. */
        if (o && !cJSON_ReplaceItemInObjectCaseSensitive(o, "ok", cJSON_CreateFalse()))
                o = (cJSON_Delete(o), NULL);
        if (o)
                (void) cJSON_AddStringToObject(o, "error", "too many clients wait already; not waiting");
        return o;
}
