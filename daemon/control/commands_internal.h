/* SPDX-License-Identifier: MIT */
#pragma once

/* What the command bodies (cmd_*.c) share with the dispatch (commands.c)
 * and the answers (command_reply.c). */
#include <cjson/cJSON.h>

#include "control/command_table.h"
#include "control/commands.h"

/* A client waiting for run `run_id` to end (`--wait`). */
typedef struct command_waiter {
        uint64_t token; /* ms_control_defer()'s */
        uint64_t run_id;
} command_waiter;

struct ms_commands {
        ms_service *svc;
        ms_control *control;
        command_waiter *waiters;
        size_t n_waiters;
};

/* command_reply.c */
cJSON *command_response_new(bool ok);
cJSON *command_response_error(const char *fmt, ...) _printf_(1, 2);
/* Remember that the client of req waits for run_id; false when it cannot
 * (too many wait), and then it is answered at once. */
bool command_wait_for(ms_commands *ctx, ms_control_request *req, uint64_t run_id);
/* The outcome of run id as the answer of `--wait` and part of `status`:
 * result, release, and for a failure the chart or source, its file, the
 * reason and errno. */
void command_add_run_result(cJSON *o, uint64_t id, const ms_run_result *res);

cJSON *cmd_status(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_list(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_run(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_validate(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_reload(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_version(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
cJSON *cmd_accept(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);
