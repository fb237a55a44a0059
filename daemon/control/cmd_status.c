/* SPDX-License-Identifier: MIT */
/* `status` and `version`. */
#include <unistd.h>

#include "base/timefmt.h"
#include "control/commands_internal.h"

/* The last run that ended: its id, outcome and, when it failed, the chart or
 * source, the file and the reason. */
static void add_last_run(const ms_service_status *st, cJSON *o) {
        char when[32] = "never";
        cJSON *l = cJSON_AddObjectToObject(o, "last");
        if (!l)
                return;
        if (st->last_finished != 0) /* 0: no run finished yet */
                ms_format_utc(st->last_finished, when, sizeof(when), "never");
        if (!st->last)
                (void) cJSON_AddStringToObject(l, "result", "none");
        else
                command_add_run_result(l, st->last_id, st->last);
        (void) cJSON_AddStringToObject(l, "finished", when);
}

/* The post-publish hook's last result: a failure is not a failed cycle
 * (the release is current), so it is reported here on its own. */
static void add_last_hook(const ms_service_status *st, cJSON *o) {
        if (!st->hook)
                return;
        cJSON *h = cJSON_AddObjectToObject(o, "hook");
        if (!h)
                return;
        (void) cJSON_AddBoolToObject(h, "ok", st->hook->result == 0);
        (void) cJSON_AddStringToObject(h, "message", st->hook->message);
}

cJSON *cmd_status(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        (void) cmd;
        (void) req;
        ms_service_status st;
        ms_service_get_status(ctx->svc, &st);
        const ms_config *c = ms_service_config(ctx->svc);
        cJSON *o = command_response_new(true);
        if (!o)
                return NULL;
        (void) cJSON_AddStringToObject(o, "state", st.state);
        (void) cJSON_AddBoolToObject(o, "queued", st.queued_id != 0);
        if (st.running_id)
                (void) cJSON_AddNumberToObject(o, "running_id", (double) st.running_id);
        if (st.queued_id)
                (void) cJSON_AddNumberToObject(o, "queued_id", (double) st.queued_id);
        (void) cJSON_AddStringToObject(o, "version", MIGSTAT_VERSION);
        (void) cJSON_AddNumberToObject(o, "pid", (double) getpid());
        (void) cJSON_AddNumberToObject(o, "uptime_sec", (double) (time(NULL) - st.started));
        (void) cJSON_AddStringToObject(o, "config", c->dir);
        (void) cJSON_AddStringToObject(o, "publish_dir", ms_service_publish_dir(ctx->svc));
        (void) cJSON_AddNumberToObject(o, "sources", (double) c->n_sources);
        (void) cJSON_AddNumberToObject(o, "charts", (double) c->n_charts);
        (void) cJSON_AddNumberToObject(o, "runs", st.runs);
        (void) cJSON_AddNumberToObject(o, "failures", st.failures);
        (void) cJSON_AddNumberToObject(o, "coalesced", st.coalesced);
        (void) cJSON_AddNumberToObject(o, "clients", ms_control_n_clients(ctx->control));
        (void) cJSON_AddNumberToObject(o, "waiting", (double) ctx->n_waiters);
        add_last_run(&st, o);
        if (st.last)
                (void) ms_run_result_add_failing(st.last, o);
        add_last_hook(&st, o);
        return o;
}

cJSON *cmd_version(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        (void) ctx;
        (void) cmd;
        (void) req;
        cJSON *o = command_response_new(true);
        if (o)
                (void) cJSON_AddStringToObject(o, "version", MIGSTAT_VERSION);
        return o;
}
