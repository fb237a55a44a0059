/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the control-line parser (daemon/control/protocol.c): any
 * bytes a client sends.  What it accepts must keep the protocol's promises:
 * at most MS_PROTOCOL_MAX_ARGS ids of [A-Za-z0-9._-], not starting with '-'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control/protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_id(const char *id) {
        size_t n = strlen(id);
        if (n == 0 || n > MS_PROTOCOL_MAX_ID || id[0] == '-' ||
            strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != n)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        ms_command cmd;
        ms_error err = {.offset = -1};
        if (ms_protocol_parse((const char *) data, size, &cmd, &err) < 0) {
                if (err.msg[0] == '\0')
                        abort();
                return 0;
        }
        if (cmd.n_args > MS_PROTOCOL_MAX_ARGS || size > MS_PROTOCOL_MAX_LINE + 2)
                abort();
        for (size_t i = 0; i < cmd.n_args; i++)
                check_id(cmd.args[i]);
        (void) ms_command_to_string(cmd.kind);
        return 0;
}
