/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>

#include "migstat/manifest.h"

struct ms_manifest {
        cJSON *root;
        cJSON *sources;
        cJSON *charts;
};

int ms_manifest_new(ms_manifest **ret) {
        _cleanup_(ms_manifest_freep) ms_manifest *m = calloc(1, sizeof(*m));
        if (!m || !(m->root = cJSON_CreateObject()))
                return -ENOMEM;
        if (!cJSON_AddStringToObject(m->root, "schema", "migstat-manifest/1") ||
            !cJSON_AddStringToObject(m->root, "software", "migstat " MIGSTAT_VERSION) ||
            !(m->sources = cJSON_AddArrayToObject(m->root, "sources")) ||
            !(m->charts = cJSON_AddArrayToObject(m->root, "charts")))
                return -ENOMEM;
        *ret = TAKE_PTR(m);
        return 0;
}

ms_manifest *ms_manifest_free(ms_manifest *m) {
        if (!m)
                return NULL;
        cJSON_Delete(m->root);
        free(m);
        return NULL;
}

int ms_manifest_add_source(ms_manifest *m, const char *id, const char *url, size_t bytes,
                           const char *sha256, const char *updated) {
        cJSON *s = cJSON_CreateObject();
        if (!s)
                return -ENOMEM;
        cJSON_AddItemToArray(m->sources, s);
        if (!cJSON_AddStringToObject(s, "id", id) || !cJSON_AddStringToObject(s, "url", url) ||
            !cJSON_AddNumberToObject(s, "bytes", (double) bytes) ||
            !cJSON_AddStringToObject(s, "sha256", sha256) ||
            !(updated ? cJSON_AddStringToObject(s, "updated", updated) : cJSON_AddNullToObject(s, "updated")))
                return -ENOMEM;
        return 0;
}

static int manifest_add_files(cJSON *chart, const ms_release_file *files, size_t n) {
        cJSON *arr = cJSON_AddArrayToObject(chart, "files");
        if (!arr)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                cJSON *f = cJSON_CreateObject();
                if (!f)
                        return -ENOMEM;
                cJSON_AddItemToArray(arr, f);
                if (!cJSON_AddStringToObject(f, "name", files[i].name) ||
                    !cJSON_AddNumberToObject(f, "bytes", (double) files[i].bytes) ||
                    !cJSON_AddStringToObject(f, "sha256", files[i].sha256))
                        return -ENOMEM;
        }
        return 0;
}

int ms_manifest_add_chart(ms_manifest *m, const ms_manifest_chart *c) {
        cJSON *o = cJSON_CreateObject();
        if (!o)
                return -ENOMEM;
        cJSON_AddItemToArray(m->charts, o);
        if (!cJSON_AddStringToObject(o, "id", c->id) || !cJSON_AddStringToObject(o, "lang", c->lang) ||
            !cJSON_AddStringToObject(o, "title", c->title) || !cJSON_AddStringToObject(o, "alt", c->alt) ||
            !cJSON_AddStringToObject(o, "reference_period", c->reference_period) ||
            !cJSON_AddNumberToObject(o, "width", c->width) ||
            !cJSON_AddNumberToObject(o, "height", c->height) ||
            !cJSON_AddStringToObject(o, "problems", c->problems))
                return -ENOMEM;
        return manifest_add_files(o, c->files, c->n_files);
}

int ms_manifest_write(const ms_manifest *m, ms_buf *out) {
        char *s = cJSON_Print(m->root);
        if (!s)
                return -ENOMEM;
        int r = ms_buf_puts(out, s);
        if (r >= 0)
                r = ms_buf_puts(out, "\n");
        cJSON_free(s);
        return r;
}
