/* SPDX-License-Identifier: MIT */
/* `list`, `validate` and `reload`: the configuration loaded and on disk. */
#include "cycle/config_check.h"
#include "control/commands_internal.h"

static int add_item(cJSON *array, cJSON **ret) {
        cJSON *s = cJSON_CreateObject();
        if (!s || !cJSON_AddItemToArray(array, s))
                return cJSON_Delete(s), -1;
        *ret = s;
        return 0;
}

cJSON *cmd_list(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        (void) cmd;
        (void) req;
        const ms_config *c = ms_service_config(ctx->svc);
        cJSON *o = command_response_new(true), *s;
        cJSON *sources = o ? cJSON_AddArrayToObject(o, "sources") : NULL;
        cJSON *charts = o ? cJSON_AddArrayToObject(o, "charts") : NULL;
        if (!sources || !charts)
                return cJSON_Delete(o), NULL;
        for (size_t i = 0; i < c->n_sources; i++) {
                if (add_item(sources, &s) < 0)
                        return cJSON_Delete(o), NULL;
                (void) cJSON_AddStringToObject(s, "id", c->sources[i].id);
                (void) cJSON_AddStringToObject(s, "kind", c->sources[i].kind);
                (void) cJSON_AddStringToObject(s, "url", c->sources[i].url);
                (void) cJSON_AddStringToObject(s, "file", c->sources[i].file);
        }
        for (size_t i = 0; i < c->n_charts; i++) {
                if (add_item(charts, &s) < 0)
                        return cJSON_Delete(o), NULL;
                (void) cJSON_AddStringToObject(s, "id", c->charts[i]->id);
                (void) cJSON_AddStringToObject(s, "source", c->charts[i]->source);
                (void) cJSON_AddStringToObject(s, "file", c->chart_files[i]);
        }
        return o;
}

/* The answer to validate and reload: which configuration, how much of it. */
static cJSON *config_summary(const ms_config *c) {
        cJSON *o = command_response_new(true);
        if (o) {
                (void) cJSON_AddStringToObject(o, "config", c->dir);
                (void) cJSON_AddNumberToObject(o, "sources", (double) c->n_sources);
                (void) cJSON_AddNumberToObject(o, "charts", (double) c->n_charts);
        }
        return o;
}

/* The configuration on disk, checked as `migstatd --check-config` does
 * (config/config_check.h): the first mistake with file:line:column. */
cJSON *cmd_validate(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        (void) cmd;
        (void) req;
        ms_error err = {.offset = -1};
        char buf[1024];
        _cleanup_(ms_config_freep) ms_config *c = NULL;
        if (ms_config_load(ms_service_config_dir(ctx->svc), &c, &err) < 0 || ms_config_check(c, &err) < 0)
                return command_response_error("%s", ms_error_format(&err, buf, sizeof(buf)));
        return config_summary(c);
}

/* The reload loads and checks the configuration; the answer describes the
 * one it now runs with (not another read of the disk). */
cJSON *cmd_reload(ms_commands *ctx, const ms_command *cmd, ms_control_request *req) {
        char reason[1024];
        (void) cmd;
        (void) req;
        if (ms_service_reload(ctx->svc, reason, sizeof(reason)) < 0)
                return command_response_error("reload rejected, old configuration kept: %s", reason);
        return config_summary(ms_service_config(ctx->svc));
}
