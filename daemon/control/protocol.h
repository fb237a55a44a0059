/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The control protocol (DESIGN.md, "The control protocol"): one request line,
 * one JSON response line.  This module only turns a request line into a
 * command; it does no I/O and keeps no state, so it is tested with strings.
 * The words, their arguments and options come from the command table
 * (control/command_table.h), e.g.
 *
 *   status | list | validate | reload | version
 *   fetch [--wait] [source...]
 *   regenerate [--force] [--wait] [chart...]
 *   accept [--wait] source        (let a held source's data through once)
 *
 * Words are separated by spaces or tabs; a trailing "\n" or "\r\n" is
 * accepted.  Options may stand anywhere after the command word (as systemctl
 * takes them).  Arguments are ids: 1..MS_PROTOCOL_MAX_ID bytes of
 * [A-Za-z0-9._-], not starting with '-'.  Anything else (an unknown word or
 * option, a NUL or control byte, an overlong line, too many arguments) is an
 * error with a message for the client.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/error.h"

#define MS_PROTOCOL_MAX_LINE 1024 /* bytes of one request, without the newline */
#define MS_PROTOCOL_MAX_ARGS 64
#define MS_PROTOCOL_MAX_ID 128

/* One per row of the command table, in its order. */
typedef enum ms_command_kind {
        MS_COMMAND_STATUS,
        MS_COMMAND_LIST,
        MS_COMMAND_FETCH,
        MS_COMMAND_REGENERATE,
        MS_COMMAND_VALIDATE,
        MS_COMMAND_RELOAD,
        MS_COMMAND_VERSION,
        MS_COMMAND_ACCEPT,
        _MS_COMMAND_MAX,
} ms_command_kind;

/* Options a command may take (the table's `options`). */
#define MS_COMMAND_OPT_FORCE (1u << 0) /* --force: publish even if nothing changed */
#define MS_COMMAND_OPT_WAIT (1u << 1) /* --wait: answer when the run has ended */

struct ms_command_def;

typedef struct ms_command {
        ms_command_kind kind;
        const struct ms_command_def *def; /* its row of the command table */
        bool force; /* --force */
        bool wait; /* --wait */
        size_t n_args; /* source or chart ids */
        const char *args[MS_PROTOCOL_MAX_ARGS]; /* point into buf */
        char buf[MS_PROTOCOL_MAX_LINE + 1];
} ms_command;

/* Parse the request in line[0..len) into *ret (its args point into ret->buf,
 * so it is filled in place; on failure its contents are unspecified).
 * -EMSGSIZE for an overlong line, -EBADMSG for bytes that are not text,
 * -EINVAL for an unknown word or bad arguments; err->msg says which. */
int ms_protocol_parse(const char *line, size_t len, ms_command *ret, ms_error *err);

/* "status", "list", ...; NULL for a kind out of range. */
const char *ms_command_to_string(ms_command_kind kind);
