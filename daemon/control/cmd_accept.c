/* SPDX-License-Identifier: MIT */
/* `accept SOURCE`: the operator has checked a held source's data (a real
 * break in the series) and lets exactly those bytes through the
 * plausibility checks once (cycle/holds.h); a run starts at once. */
#include <errno.h>
#include <string.h>

#include "control/commands_internal.h"
#include "cycle/holds.h"

cJSON *cmd_accept(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        const ms_config *c = ms_service_config(ctx->svc);
        const char *id = cmd->args[0];
        if (!ms_config_find_source(c, id))
                return command_response_error("unknown source \"%s\"", id);
        ms_error err = {.offset = -1};
        char sha[65];
        if (ms_hold_accept(c->state_dir, id, sha, &err) < 0) /* logs the acceptance */
                return command_response_error("%s", err.msg);
        const char *what = NULL;
        uint64_t run = 0;
        int r = ms_service_request_run(ctx->svc, false, false, &what, &run);
        if (r < 0)
                return command_response_error("accepted, but cannot start a run: %s", strerror(-r));
        cJSON *o = command_response_new(true);
        if (o) {
                (void) cJSON_AddStringToObject(o, "source", id);
                (void) cJSON_AddStringToObject(o, "accepted", sha);
                (void) cJSON_AddStringToObject(o, "run", what);
                (void) cJSON_AddNumberToObject(o, "id", (double) run);
        }
        return command_answer_or_wait(ctx, cmd, req, run, o);
}
