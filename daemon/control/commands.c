/* SPDX-License-Identifier: MIT */
/*
 * The control socket's requests, dispatched through the command table, and
 * the clients that wait for a run (`--wait`): each is answered when the run
 * its request started or joined ends, by the service's observer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
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

void command_format_utc(time_t t, char *out, size_t n) {
        struct tm tm;
        if (t == 0 || !gmtime_r(&t, &tm) || strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
                snprintf(out, n, "never");
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
        (void) ms_control_set_group(ctx->control, c->control_group);
}

static cJSON *commands_dispatch(const ms_command *cmd, ms_control_request *req, void *userdata) {
        if ((unsigned) cmd->kind >= _MS_COMMAND_MAX)
                return command_response_error("unhandled command");
        return ms_command_table[cmd->kind].handler(userdata, cmd, req);
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
