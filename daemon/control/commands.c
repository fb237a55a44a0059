/* SPDX-License-Identifier: MIT */
/*
 * The control socket's requests, parsed and dispatched through the command
 * table, and the clients that wait for a run (`--wait`): each is answered
 * when the run its request started or joined ends, by the service's
 * observer.  What the answers are made of is command_reply.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "control/commands_internal.h"

/* Run id ended: answer everyone who waits for it. */
static void commands_on_run_done(uint64_t id, const ms_run_result *res, void *userdata) {
        ms_commands *ctx = userdata;
        size_t kept = 0;
        for (size_t i = 0; i < ctx->n_waiters; i++) {
                command_waiter w = ctx->waiters[i];
                if (w.run_id != id) {
                        ctx->waiters[kept++] = w;
                        continue;
                }
                cJSON *o = command_response_new(res->outcome != MS_RUN_FAILED);
                if (o)
                        command_add_run_result(o, id, res);
                if (ms_control_reply(ctx->control, w.token, o) < 0)
                        log_debug("control: the client waiting for run #%llu has gone",
                                  (unsigned long long) id);
        }
        ctx->n_waiters = kept;
}

static void commands_on_config(const ms_config *c, void *userdata) {
        ms_commands *ctx = userdata;
        ms_control_set_group(ctx->control, c->control_group);
}

/* Parse the request line and answer it through its row of the command table. */
static cJSON *commands_dispatch(const char *line, size_t len, ms_control_request *req, void *userdata) {
        ms_command cmd;
        ms_error err = {.offset = -1};
        int r = ms_protocol_parse(line, len, &cmd, &err);
        if (r < 0) {
                log_debug("control: refused request: %s", err.msg);
                return command_response_error("%s", err.msg);
        }
        log_debug("control: %s", ms_command_to_string(cmd.kind));
        return cmd.def->handler(userdata, &cmd, req);
}

int ms_commands_new(ms_service *svc, ms_commands **ret) {
        _cleanup_(ms_commands_freep) ms_commands *ctx = calloc(1, sizeof(*ctx));
        if (!ctx)
                return -ENOMEM;
        ctx->svc = svc;
        const ms_config *c = ms_service_config(svc);
        ms_control_options co = {.path = c->control_socket, .group = c->control_group};
        int r = ms_control_new(ms_service_event(svc), &co, commands_dispatch, ctx, &ctx->control);
        if (r < 0)
                return r;
        ms_service_set_observer(svc, &(ms_service_observer){.run_done = commands_on_run_done,
                                                            .config_loaded = commands_on_config,
                                                            .userdata = ctx});
        *ret = TAKE_PTR(ctx);
        return 0;
}

bool ms_commands_activated(const ms_commands *ctx) {
        return ms_control_activated(ctx->control);
}

ms_commands *ms_commands_free(ms_commands *ctx) {
        if (!ctx)
                return NULL;
        if (ctx->svc)
                ms_service_set_observer(ctx->svc, &(ms_service_observer){0});
        ms_control_free(ctx->control);
        free(ctx->waiters);
        free(ctx);
        return NULL;
}
