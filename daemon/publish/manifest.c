/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "publish/manifest.h"

struct ms_manifest {
        cJSON *root;
        cJSON *sources;
        cJSON *charts;
        long cells_revised; /* -1: not known (no previous data to compare) */
};

int ms_manifest_new(ms_manifest **ret) {
        _cleanup_(ms_manifest_freep) ms_manifest *m = calloc(1, sizeof(*m));
        if (!m || !(m->root = cJSON_CreateObject()))
                return -ENOMEM;
        m->cells_revised = -1;
        if (!cJSON_AddStringToObject(m->root, "schema", "migstat-manifest/2") ||
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

int ms_manifest_set_release(ms_manifest *m, const char *name, const char *published) {
        cJSON_DeleteItemFromObjectCaseSensitive(m->root, "release");
        cJSON_DeleteItemFromObjectCaseSensitive(m->root, "published");
        return cJSON_AddStringToObject(m->root, "release", name) &&
                               cJSON_AddStringToObject(m->root, "published", published)
                       ? 0
                       : -ENOMEM;
}

int ms_manifest_add_source(ms_manifest *m, const char *id, const char *url, size_t bytes, const char *sha256,
                           const char *updated) {
        cJSON *s = cJSON_CreateObject();
        if (!s)
                return -ENOMEM;
        cJSON_AddItemToArray(m->sources, s);
        /* No server paths: a local file (file://, {datadir} expanded) by its
         * name only; a URL as configured. */
        bool local = strncmp(url, "file://", 7) == 0;
        const char *slash = strrchr(url, '/');
        if (!cJSON_AddStringToObject(s, "id", id) ||
            !(local ? cJSON_AddNullToObject(s, "url") : cJSON_AddStringToObject(s, "url", url)) ||
            (local && !cJSON_AddStringToObject(s, "file", slash ? slash + 1 : url)) ||
            !cJSON_AddNumberToObject(s, "bytes", (double) bytes) ||
            !(sha256 ? cJSON_AddStringToObject(s, "sha256", sha256) : cJSON_AddNullToObject(s, "sha256")) ||
            !(updated ? cJSON_AddStringToObject(s, "updated", updated)
                      : cJSON_AddNullToObject(s, "updated")) ||
            !cJSON_AddNullToObject(s, "etag") || !cJSON_AddNullToObject(s, "last_modified") ||
            !cJSON_AddNullToObject(s, "fetched_at") || !cJSON_AddStringToObject(s, "state", "ok") ||
            !cJSON_AddNullToObject(s, "reason") || !cJSON_AddNullToObject(s, "unreachable_since") ||
            !cJSON_AddArrayToObject(s, "files"))
                return -ENOMEM;
        return 0;
}

static int manifest_add_files_to(cJSON *arr, const ms_release_file *files, size_t n) {
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

/* "narrow": the phone variant's size and layout problems. */
static int manifest_add_narrow(cJSON *o, const ms_manifest_chart *c) {
        cJSON *n = cJSON_AddObjectToObject(o, "narrow");
        if (!n || !cJSON_AddNumberToObject(n, "width", c->narrow_width) ||
            !cJSON_AddNumberToObject(n, "height", c->narrow_height) ||
            !cJSON_AddStringToObject(n, "problems", c->narrow_problems ? c->narrow_problems : ""))
                return -ENOMEM;
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
            !cJSON_AddStringToObject(o, "problems", c->problems) ||
            !cJSON_AddStringToObject(o, "note", c->note ? c->note : "") ||
            !cJSON_AddStringToObject(o, "source", c->source ? c->source : "") ||
            !cJSON_AddArrayToObject(o, "validation_warnings"))
                return -ENOMEM;
        if (c->narrow_width == 0 ? !cJSON_AddNullToObject(o, "narrow") : manifest_add_narrow(o, c) < 0)
                return -ENOMEM;
        if (!cJSON_AddStringToObject(o, "spec", c->spec ? c->spec : c->id) ||
            !(c->inputs ? cJSON_AddStringToObject(o, "inputs", c->inputs)
                        : cJSON_AddNullToObject(o, "inputs")) ||
            !(c->updated ? cJSON_AddStringToObject(o, "updated", c->updated)
                         : cJSON_AddNullToObject(o, "updated")))
                return -ENOMEM;
        cJSON *st = c->stale_source ? cJSON_AddObjectToObject(o, "stale") : cJSON_AddNullToObject(o, "stale");
        if (!st || (c->stale_source &&
                    (!cJSON_AddStringToObject(st, "source", c->stale_source) ||
                     !cJSON_AddStringToObject(st, "reason", c->stale_reason ? c->stale_reason : "") ||
                     !(c->stale_since ? cJSON_AddStringToObject(st, "since", c->stale_since)
                                      : cJSON_AddNullToObject(st, "since")))))
                return -ENOMEM;
        return manifest_add_files_to(cJSON_AddArrayToObject(o, "files"), c->files, c->n_files);
}

int ms_manifest_add_chart_warnings(ms_manifest *m, const char *const *v, size_t n) {
        cJSON *last = cJSON_GetArrayItem(m->charts, cJSON_GetArraySize(m->charts) - 1);
        cJSON *a = cJSON_GetObjectItemCaseSensitive(last, "validation_warnings");
        if (!a)
                return -ENOENT;
        for (size_t i = 0; i < n; i++) {
                cJSON *w = cJSON_CreateString(v[i]);
                if (!w || !cJSON_AddItemToArray(a, w))
                        return cJSON_Delete(w), -ENOMEM;
        }
        return 0;
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

static cJSON *manifest_find_source(const ms_manifest *m, const char *id) {
        cJSON *s;
        cJSON_ArrayForEach(s, m->sources) {
                const char *sid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, "id"));
                if (sid && strcmp(sid, id) == 0)
                        return s;
        }
        return NULL;
}

static int manifest_set_string_or_null(cJSON *o, const char *key, const char *v) {
        cJSON *item = v ? cJSON_CreateString(v) : cJSON_CreateNull();
        if (!item)
                return -ENOMEM;
        bool ok = cJSON_HasObjectItem(o, key) ? cJSON_ReplaceItemInObjectCaseSensitive(o, key, item)
                                              : cJSON_AddItemToObject(o, key, item);
        return ok ? 0 : (cJSON_Delete(item), -ENOMEM);
}

int ms_manifest_set_source_http(ms_manifest *m, const char *id, const char *etag, const char *last_modified,
                                const char *fetched_at) {
        cJSON *s = manifest_find_source(m, id);
        if (!s)
                return -ENOENT;
        int r = manifest_set_string_or_null(s, "etag", etag);
        if (r >= 0)
                r = manifest_set_string_or_null(s, "last_modified", last_modified);
        if (r >= 0)
                r = manifest_set_string_or_null(s, "fetched_at", fetched_at);
        return r;
}

int ms_manifest_set_source_state(ms_manifest *m, const char *id, const char *state, const char *reason,
                                 const char *since) {
        cJSON *s = manifest_find_source(m, id);
        if (!s)
                return -ENOENT;
        int r = manifest_set_string_or_null(s, "state", state);
        if (r >= 0)
                r = manifest_set_string_or_null(s, "reason", reason);
        if (r >= 0)
                r = manifest_set_string_or_null(s, "unreachable_since", since);
        return r;
}

int ms_manifest_add_source_file(ms_manifest *m, const char *id, const ms_release_file *f) {
        cJSON *s = manifest_find_source(m, id);
        if (!s)
                return -ENOENT;
        return manifest_add_files_to(cJSON_GetObjectItemCaseSensitive(s, "files"), f, 1);
}

int ms_manifest_set_source_revised(ms_manifest *m, const char *id, const char *const *v, size_t n) {
        cJSON *s = manifest_find_source(m, id);
        cJSON *a = s ? cJSON_AddArrayToObject(s, "revised") : NULL;
        if (!s)
                return -ENOENT;
        if (!a)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                cJSON *w = cJSON_CreateString(v[i]);
                if (!w || !cJSON_AddItemToArray(a, w))
                        return cJSON_Delete(w), -ENOMEM;
        }
        return 0;
}

void ms_manifest_add_cells_revised(ms_manifest *m, long n) {
        m->cells_revised = (m->cells_revised < 0 ? 0 : m->cells_revised) + n;
}

int ms_manifest_set_edition(ms_manifest *m, const char *edition) {
        return manifest_set_string_or_null(m->root, "edition", edition);
}

/* "name sha256\n" of every file of a chart entry, in order: two entries
 * differ exactly when their files do. */
static int manifest_chart_fingerprint(const cJSON *chart, ms_buf *out) {
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(chart, "files")) {
                const char *n = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "name"));
                const char *h = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "sha256"));
                if (ms_buf_printf(out, "%s %s\n", n ? n : "", h ? h : "") < 0)
                        return -ENOMEM;
        }
        return 0;
}

static const cJSON *manifest_find_chart(const cJSON *charts, const char *id, const char *lang) {
        const cJSON *c;
        cJSON_ArrayForEach(c, charts) {
                const char *cid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "id"));
                const char *cl = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "lang"));
                if (cid && cl && strcmp(cid, id) == 0 && strcmp(cl, lang) == 0)
                        return c;
        }
        return NULL;
}

/* Whether chart (id, lang) has other files than in the previous manifest. */
static bool manifest_chart_changed(const cJSON *chart, const cJSON *prev_charts) {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(chart, "id"));
        const char *lang = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(chart, "lang"));
        const cJSON *p = id && lang ? manifest_find_chart(prev_charts, id, lang) : NULL;
        if (!p)
                return true;
        ms_buf a = {0}, b = {0};
        bool changed = manifest_chart_fingerprint(chart, &a) < 0 || manifest_chart_fingerprint(p, &b) < 0 ||
                       a.len != b.len || (a.len > 0 && memcmp(a.data, b.data, a.len) != 0);
        ms_buf_done(&a);
        ms_buf_done(&b);
        return changed;
}

static int manifest_add_unique(cJSON *arr, const char *s) {
        const cJSON *e;
        cJSON_ArrayForEach(e, arr) if (strcmp(cJSON_GetStringValue(e), s) == 0) return 0;
        cJSON *item = cJSON_CreateString(s);
        return item && cJSON_AddItemToArray(arr, item) ? 0 : (cJSON_Delete(item), -ENOMEM);
}

int ms_manifest_compare_previous(ms_manifest *m, const char *prev_name, const cJSON *prev) {
        cJSON *ch = cJSON_CreateObject();
        if (!ch)
                return -ENOMEM;
        if (!cJSON_AddItemToObject(m->root, "changes", ch))
                return cJSON_Delete(ch), -ENOMEM;
        const cJSON *prev_charts = cJSON_GetObjectItemCaseSensitive(prev, "charts");
        cJSON *changed = cJSON_AddArrayToObject(ch, "charts_changed");
        int r = changed &&
                                manifest_set_string_or_null(ch, "previous_release",
                                                            prev ? prev_name : NULL) >= 0 &&
                                (m->cells_revised >= 0 && prev
                                         ? cJSON_AddNumberToObject(ch, "cells_revised",
                                                                   (double) m->cells_revised)
                                         : cJSON_AddNullToObject(ch, "cells_revised"))
                        ? 0
                        : -ENOMEM;
        const cJSON *c;
        cJSON_ArrayForEach(c, m->charts) {
                const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "id"));
                if (r >= 0 && id && manifest_chart_changed(c, prev_charts))
                        r = manifest_add_unique(changed, id);
        }
        return r;
}

/* "chart id lang stale-source stale-since" and "source id state since"
 * lines: what a release says about failing sources. */
static int manifest_health(const cJSON *root, ms_buf *out) {
        const cJSON *e;
        int r = 0;
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "charts")) {
                const cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "stale");
                if (r >= 0 && cJSON_IsObject(st))
                        r = ms_buf_printf(
                                out, "chart %s %s %s %s\n",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id")) ?: "",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "lang")) ?: "",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(st, "source")) ?: "",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(st, "since")) ?: "");
        }
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "sources")) {
                if (r >= 0)
                        r = ms_buf_printf(
                                out, "source %s %s %s\n",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id")) ?: "",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "state")) ?: "ok",
                                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "unreachable_since"))
                                        ?: "");
        }
        return r;
}

int ms_manifest_health_text(const ms_manifest *m, ms_buf *out) {
        return manifest_health(m->root, out);
}

bool ms_manifest_same_health(const ms_manifest *m, const cJSON *prev) {
        ms_buf a = {0}, b = {0};
        bool same = prev && manifest_health(m->root, &a) >= 0 && manifest_health(prev, &b) >= 0 &&
                    a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
        ms_buf_done(&a);
        ms_buf_done(&b);
        return same;
}
