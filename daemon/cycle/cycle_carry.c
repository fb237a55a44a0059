/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/log.h"
#include "base/sha256.h"
#include "cycle_carry.h"
#include "migstat/json_util.h"

#define CARRY_MANIFEST_MAX_BYTES (64u * 1024 * 1024)
#define CARRY_HTML_MAX_BYTES (4u * 1024 * 1024) /* a snippet or page is a few KiB */

void cycle_previous_load(const char *dir, cycle_previous *ret) {
        char path[PATH_MAX];
        ms_buf text = {0};
        ms_error err = {.offset = -1};
        *ret = (cycle_previous){0};
        if (snprintf(path, sizeof(path), "%s/current/index.json", dir) >= (int) sizeof(path))
                return;
        if (ms_read_file(path, CARRY_MANIFEST_MAX_BYTES, &text, &err) >= 0 && text.data)
                ret->manifest = cJSON_ParseWithLength(text.data, text.len);
        ms_buf_done(&text);
}

void cycle_previous_done(cycle_previous *p) {
        cJSON_Delete(p->manifest);
        p->manifest = NULL;
}

const char *cycle_spec_source(const ms_chart_spec *s, size_t i) {
        if (i == 0)
                return s->source;
        if (i == 1)
                return s->population ? s->population : "";
        if (i - 2 < s->n_series_labels)
                return s->series_labels[i - 2].source ? s->series_labels[i - 2].source : "";
        if (i - 2 == s->n_series_labels && s->for_each)
                return s->for_each->source;
        return NULL;
}

static const char *entry_string(const cJSON *o, const char *key) {
        return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static const cJSON *previous_chart(const cycle_previous *p, const char *id, const char *lang) {
        const cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p->manifest, "charts")) {
                const char *cid = entry_string(c, "id"), *cl = entry_string(c, "lang");
                if (cid && cl && strcmp(cid, id) == 0 && strcmp(cl, lang) == 0)
                        return c;
        }
        return NULL;
}

static bool instance_seen(ms_chart_spec *const *v, size_t n, const char *id) {
        for (size_t i = 0; i < n; i++)
                if (strcmp(v[i]->id, id) == 0)
                        return true;
        return false;
}

int cycle_previous_instances(const cycle_previous *p, const ms_chart_spec *s, ms_chart_spec ***ret,
                             size_t *ret_n) {
        ms_chart_spec **v = NULL;
        size_t n = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p->manifest, "charts")) {
                const char *id = entry_string(c, "id"), *spec = entry_string(c, "spec");
                if (!id || !spec || strcmp(spec, s->id) != 0 || !ms_id_is_valid(id) ||
                    instance_seen(v, n, id))
                        continue;
                ms_chart_spec **g = reallocarray(v, n + 1, sizeof(*v));
                char *nid = strdup(id);
                if (!g || !nid || ms_chart_spec_dup(s, &g[n]) < 0) {
                        free(nid);
                        v = g ? g : v;
                        for (size_t i = 0; i < n; i++)
                                ms_chart_spec_free(v[i]);
                        free(v);
                        return -ENOMEM;
                }
                v = g;
                free(v[n]->id);
                v[n++]->id = nid;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

bool cycle_chart_inputs(const ms_config *c, cycle_chart *cc, cycle_source_sha_fn sha_of, void *userdata) {
        ms_buf b = {0};
        bool complete = ms_buf_printf(&b, "%s %s\n", c->render_sha256, cc->spec->id) >= 0;
        /* The note as this cycle made it: "Revidiert: N Werte" is drawn into
         * the chart and holds only for the cycle that found the revisions. */
        for (int l = 0; complete && l < MS_LANG_COUNT; l++)
                complete = ms_buf_printf(&b, "note %s\n", cc->spec->note[l] ? cc->spec->note[l] : "") >= 0;
        const char *id;
        for (size_t i = 0; complete && (id = cycle_spec_source(cc->spec, i)); i++) {
                if (!id[0])
                        continue;
                const char *sha = sha_of(id, userdata);
                complete = sha && ms_buf_printf(&b, "%s %s\n", id, sha) >= 0;
        }
        if (complete)
                ms_sha256_hex(b.data, b.len, cc->inputs);
        else
                cc->inputs[0] = '\0';
        ms_buf_done(&b);
        return complete;
}

/* Every file of a manifest entry is in the current release as listed. */
static bool carry_entry_present(const cJSON *entry, const ms_release *rel) {
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(entry, "files")) {
                const char *name = entry_string(f, "name"), *sha = entry_string(f, "sha256");
                const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(f, "bytes");
                if (!name || !sha || !cJSON_IsNumber(bytes) || bytes->valuedouble < 0 ||
                    !ms_release_previous_check(rel, name, (size_t) bytes->valuedouble, sha))
                        return false;
        }
        return true;
}

bool cycle_carry_prepare(const cycle_previous *p, const ms_release *rel, cycle_chart *cc,
                         bool need_same_inputs) {
        const cJSON *prev[MS_LANG_COUNT];
        if (!p->manifest)
                return false;
        for (int l = 0; l < MS_LANG_COUNT; l++) {
                prev[l] = previous_chart(p, cc->spec->id, ms_lang_code((ms_lang) l));
                if (!prev[l] || !entry_string(prev[l], "title") || !entry_string(prev[l], "reference_period"))
                        return false;
                const char *inputs = entry_string(prev[l], "inputs");
                if (need_same_inputs && (!cc->inputs[0] || !inputs || strcmp(inputs, cc->inputs) != 0))
                        return false;
        }
        for (int l = 0; l < MS_LANG_COUNT; l++)
                if (!carry_entry_present(prev[l], rel))
                        return false;
        memcpy(cc->prev, prev, sizeof(prev));
        cc->carried = true;
        return true;
}

static bool name_ends_with(const char *s, const char *suffix) {
        size_t a = strlen(s), b = strlen(suffix);
        return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Whether name is one of lang's own files ("<id>.<lang>." or "<id>.<lang>@"):
 * a file the languages share (<id>.data.csv) is carried with the first. */
static bool name_is_lang(const char *name, const char *id, const char *lc) {
        size_t il = strlen(id), ll = strlen(lc);
        return strncmp(name, id, il) == 0 && name[il] == '.' && strncmp(name + il + 1, lc, ll) == 0 &&
               (name[il + 1 + ll] == '.' || name[il + 1 + ll] == '@');
}

int cycle_carry_commit(cycle_chart *cc, ms_release *rel) {
        for (int l = 0; l < MS_LANG_COUNT; l++) {
                const char *lc = ms_lang_code((ms_lang) l);
                const cJSON *f;
                cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(cc->prev[l], "files")) {
                        const char *name = entry_string(f, "name"), *sha = entry_string(f, "sha256");
                        size_t bytes = (size_t) cJSON_GetObjectItemCaseSensitive(f, "bytes")->valuedouble;
                        ms_error err = {.offset = -1};
                        if (l > 0 && !name_is_lang(name, cc->spec->id, lc))
                                continue;
                        /* A chart laid out again gets its snippets and page anew; a
                         * stale one (its source failed) keeps them too. */
                        if (!cc->stale_source && name_ends_with(name, ".html"))
                                continue;
                        int r = ms_release_carry(rel, name, bytes, sha, &err);
                        if (r < 0)
                                return cycle_log_chart_error(cc->spec, lc, r, &err);
                }
        }
        return 0;
}

int cycle_carry_source_data(const cycle_previous *p, const char *id, ms_release *rel, ms_manifest *m) {
        const cJSON *s, *f;
        size_t carried = 0;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(p->manifest, "sources")) {
                const char *sid = entry_string(s, "id");
                if (!sid || strcmp(sid, id) != 0)
                        continue;
                /* Every file of its last good data (tidy CSV, normalized
                 * JSON): the gate compares the next response with them. */
                cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(s, "files")) {
                        const char *name = entry_string(f, "name"), *sha = entry_string(f, "sha256");
                        const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(f, "bytes");
                        if (!name || !sha || !cJSON_IsNumber(bytes))
                                continue;
                        ms_error err = {.offset = -1};
                        size_t n = (size_t) bytes->valuedouble;
                        if (!ms_release_previous_check(rel, name, n, sha))
                                continue; /* altered or gone: not carried */
                        int r = ms_release_carry(rel, name, n, sha, &err);
                        if (r < 0)
                                return log_error_errno(r, "publish: %s", err.msg);
                        const ms_release_file *files;
                        size_t nf = ms_release_files(rel, &files);
                        if (ms_manifest_add_source_file(m, id, &files[nf - 1]) < 0)
                                return log_error_errno(-ENOMEM, "out of memory");
                        carried++;
                }
                break;
        }
        return carried > 0 ? 0 : -ENOENT;
}

/* A stale chart has no layout: its texts are those its manifest entry lists. */
static const char *carried_string(const cycle_chart *cc, ms_lang l, const char *key) {
        const char *s = entry_string(cc->prev[l], key);
        return s ? s : "";
}

const char *cycle_chart_title(const cycle_chart *cc, ms_lang l) {
        return cc->chart[l] ? ms_chart_title(cc->chart[l]) : carried_string(cc, l, "title");
}

const char *cycle_chart_alt(const cycle_chart *cc, ms_lang l) {
        return cc->chart[l] ? ms_chart_alt_text(cc->chart[l]) : carried_string(cc, l, "alt");
}

const char *cycle_chart_reference_period(const cycle_chart *cc, ms_lang l) {
        return cc->chart[l] ? ms_chart_reference_period(cc->chart[l])
                            : carried_string(cc, l, "reference_period");
}

const char *cycle_chart_note(const cycle_chart *cc, ms_lang l) {
        if (!cc->chart[l])
                return carried_string(cc, l, "note");
        const char *note = ms_chart_note(cc->chart[l]);
        return note ? note : "";
}

const char *cycle_chart_problems(const cycle_chart *cc, ms_lang l) {
        const char *problems = "";
        if (!cc->chart[l])
                return carried_string(cc, l, "problems");
        (void) ms_chart_problems(cc->chart[l], &problems);
        return problems;
}

/* The phone variant is not laid out again for a carried chart. */
const char *cycle_chart_narrow_problems(const cycle_chart *cc, ms_lang l) {
        if (cc->carried) {
                const char *s =
                        entry_string(cJSON_GetObjectItemCaseSensitive(cc->prev[l], "narrow"), "problems");
                return s ? s : "";
        }
        return cc->narrow_problems[l] ? cc->narrow_problems[l] : "";
}

void cycle_chart_size(const cycle_chart *cc, ms_lang l, unsigned *w, unsigned *h) {
        if (cc->chart[l]) {
                ms_chart_size(cc->chart[l], w, h);
                return;
        }
        const cJSON *jw = cJSON_GetObjectItemCaseSensitive(cc->prev[l], "width"),
                    *jh = cJSON_GetObjectItemCaseSensitive(cc->prev[l], "height");
        *w = cJSON_IsNumber(jw) ? (unsigned) jw->valuedouble : cc->spec->width;
        *h = cJSON_IsNumber(jh) ? (unsigned) jh->valuedouble : cc->spec->height;
}

const char *cycle_chart_updated(const cycle_chart *cc) {
        return cc->carried && cc->stale_source ? entry_string(cc->prev[0], "updated") : cc->updated;
}

int cycle_carry_read_html(const cycle_chart *cc, ms_lang l, const char *suffix, const ms_release *rel,
                          ms_buf *ret) {
        char name[256];
        ms_error err = {.offset = -1};
        snprintf(name, sizeof(name), "%s.%s%s", cc->spec->id, ms_lang_code(l), suffix);
        int r = ms_release_read_previous(rel, name, CARRY_HTML_MAX_BYTES, ret, &err);
        return r < 0 ? cycle_log_chart_error(cc->spec, ms_lang_code(l), r, &err) : 0;
}
