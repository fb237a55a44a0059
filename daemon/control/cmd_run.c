/* SPDX-License-Identifier: MIT */
/* `fetch` and `regenerate`: start a run or join the queued one; with
 * --wait, answer when that run has ended. */
#include <errno.h>
#include <string.h>

#include "control/commands_internal.h"

/* A release always holds every chart (it replaces `current` as a whole), so
 * naming charts or sources checks them and then runs the full cycle. */
cJSON *cmd_run(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        const ms_config *c = ms_service_config(ctx->svc);
        bool sources = cmd->def->args == MS_COMMAND_ARGS_SOURCES;
        for (size_t i = 0; i < cmd->n_args; i++) {
                bool known = sources ? ms_config_find_source(c, cmd->args[i]) != NULL
                                     : ms_config_find_chart(c, cmd->args[i]) >= 0;
                if (!known)
                        return command_response_error("unknown %s \"%s\"", sources ? "source" : "chart",
                                                      cmd->args[i]);
        }
        const char *what = NULL;
        uint64_t id = 0;
        /* fetch is a poll now: publishes only if a source changed (nothing
         * parsed or drawn if none); regenerate renders. */
        int r = ms_service_request_run(ctx->svc, cmd->force, cmd->kind == MS_COMMAND_FETCH, &what, &id);
        if (r == -ESHUTDOWN)
                return command_response_error("refused: the daemon is stopping");
        if (r < 0)
                return command_response_error("cannot start a run: %s", strerror(-r));
        cJSON *o = command_response_new(true);
        if (o) {
                (void) cJSON_AddStringToObject(o, "run", what);
                (void) cJSON_AddNumberToObject(o, "id", (double) id);
        }
        return command_answer_or_wait(ctx, cmd, req, id, o);
}
