/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The control commands, one row each: the word, what arguments and options
 * it takes, the function that answers it in the daemon, and its help text.
 * The parser (protocol.c), the daemon's dispatch (commands.c) and
 * `migstatctl --help` read this table; the man page (migstatctl(1)), README's
 * command list and the bash completion are tested against it
 * (tests/control_docs.sh).  A new command is one row plus its handler.
 */
#include <cjson/cJSON.h>

#include "control/control.h"
#include "control/protocol.h"

typedef enum ms_command_args {
        MS_COMMAND_ARGS_NONE,
        MS_COMMAND_ARGS_SOURCES, /* source ids (`list` names them) */
        MS_COMMAND_ARGS_CHARTS, /* chart ids, also a for_each spec's charts */
        MS_COMMAND_ARGS_SOURCE, /* exactly one source id */
} ms_command_args;

typedef struct ms_commands ms_commands;

/* Answer cmd: a new response object, or NULL after ms_control_defer(req)
 * (the answer comes later) or when out of memory. */
typedef cJSON *(*ms_command_handler)(ms_commands *ctx, const ms_command *cmd, ms_control_request *req);

typedef struct ms_command_def {
        const char *name;
        ms_command_args args;
        unsigned options; /* MS_COMMAND_OPT_* */
        ms_command_handler handler;
        const char *synopsis; /* arguments as --help and the man page show them */
        const char *help; /* one line */
} ms_command_def;

extern const ms_command_def ms_command_table[_MS_COMMAND_MAX];
