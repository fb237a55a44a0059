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
        size_t n_waiters, waiters_cap;
};

/* command_reply.c */
cJSON *command_response_new(bool ok);
cJSON *command_response_error(const char *fmt, ...) _printf_(1, 2);
/* The answer o of a command that started or joined run_id: without
 * --wait, o itself.  With --wait, NULL (o freed) once the client of req
 * waits for the run's end; when it cannot (too many clients wait), o turned
 * into a failure that says so (the run goes ahead). */
cJSON *command_answer_or_wait(ms_commands *ctx, const ms_command *cmd, ms_control_request *req,
                              uint64_t run_id, cJSON *o);
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
