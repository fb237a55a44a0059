/* SPDX-License-Identifier: MIT */
/* Label tables (include/charts/migstat/labels.h): parsed once, looked up per chart. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_spec.h"
#include "migstat/json_util.h"
#include "migstat/labels.h"

/* A table is small (a few hundred countries); a bound keeps a wrong file cheap. */
#define LABELS_MAX_ENTRIES 2000u
#define LABELS_MAX_TEXT 200u

typedef struct label_entry {
        char *code;
        char *name[MS_LANG_COUNT];
        char *id;
} label_entry;

struct ms_labels {
        label_entry *e; /* sorted by code for bsearch */
        size_t n;
};

ms_labels *ms_labels_free(ms_labels *t) {
        if (!t)
                return NULL;
        for (size_t i = 0; i < t->n; i++) {
                free(t->e[i].code);
                for (int l = 0; l < MS_LANG_COUNT; l++)
                        free(t->e[i].name[l]);
                free(t->e[i].id);
        }
        free(t->e);
        free(t);
        return NULL;
}

/* The byte offset of "code" as a key, for line:col in errors. */
static void locate_key(ms_error *err, const char *buf, size_t len, const char *code) {
        char key[140];
        snprintf(key, sizeof(key), "\"%.120s\"", code);
        const char *hit = memmem(buf, len, key, strlen(key));
        ms_error_locate(err, buf, len, hit ? (size_t) (hit - buf) : 0);
}

static int text_field(const cJSON *o, const char *key, char **ret) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
        if (!v)
                return 0;
        if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) > LABELS_MAX_TEXT ||
            !g_utf8_validate(v->valuestring, -1, NULL))
                return -EINVAL;
        for (const char *p = v->valuestring; *p; p++)
                if ((unsigned char) *p < 0x20)
                        return -EINVAL;
        return (*ret = strdup(v->valuestring)) ? 1 : -ENOMEM;
}

/* m is a member of the table object, so it has a key (the code). */
static int parse_entry(const cJSON *m, label_entry *e, ms_error *err) {
        char got[64], path[sizeof(err->where)];
        if (!cJSON_IsObject(m) || !m->string[0] || strlen(m->string) > 100)
                return ms_error_set(err, -EINVAL, m->string,
                                    "expected an object {\"de\": name, \"en\": name}, got %s",
                                    ms_json_describe(m, got, sizeof(got)));
        for (const cJSON *k = ms_json_members(m); k; k = k->next)
                if (strcmp(k->string, "de") != 0 && strcmp(k->string, "en") != 0 &&
                    strcmp(k->string, "id") != 0)
                        return ms_error_set(err, -EINVAL,
                                            ms_json_path_key(path, sizeof(path), m->string, k->string),
                                            "unknown key \"%s\" (expected de, en, id)", k->string);
        if (!(e->code = strdup(m->string)))
                return -ENOMEM;
        static const char *const langs[MS_LANG_COUNT] = {[MS_LANG_DE] = "de", [MS_LANG_EN] = "en"};
        for (int l = 0; l < MS_LANG_COUNT; l++) {
                int r = text_field(m, langs[l], &e->name[l]);
                if (r == -ENOMEM)
                        return r;
                if (r <= 0)
                        return ms_error_set(err, -EINVAL,
                                            ms_json_path_key(path, sizeof(path), m->string, langs[l]),
                                            "expected a name of 1-%u bytes of text, got %s", LABELS_MAX_TEXT,
                                            ms_json_describe(ms_json_get(m, langs[l]), got, sizeof(got)));
        }
        int r = text_field(m, "id", &e->id);
        if (r == -ENOMEM)
                return r;
        if (r < 0 || (r > 0 && !ms_id_is_valid(e->id)))
                return ms_error_set(err, -EINVAL, ms_json_path_key(path, sizeof(path), m->string, "id"),
                                    "expected 1-64 characters a-z, 0-9, -, got %s",
                                    ms_json_describe(ms_json_get(m, "id"), got, sizeof(got)));
        return 0;
}

static int entry_cmp(const void *a, const void *b) {
        return strcmp(((const label_entry *) a)->code, ((const label_entry *) b)->code);
}

int ms_labels_parse(const char *buf, size_t len, ms_labels **ret, ms_error *err) {
        const char *end = NULL;
        int q = ms_json_check_nul(buf, len, err);
        if (q < 0)
                return q;
        cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, false);
        if (!root) {
                ms_error_locate(err, buf, len, end ? (size_t) (end - buf) : 0);
                return ms_error_set(err, -EBADMSG, "", "invalid JSON");
        }
        _cleanup_(ms_labels_freep) ms_labels *t = calloc(1, sizeof(*t));
        size_t n = cJSON_IsObject(root) ? (size_t) cJSON_GetArraySize(root) : 0;
        int r = t ? 0 : -ENOMEM;
        if (r >= 0 && (n == 0 || n > LABELS_MAX_ENTRIES))
                r = ms_error_set(err, -EINVAL, "", "expected an object of 1-%u code: {de, en} entries",
                                 LABELS_MAX_ENTRIES);
        if (r >= 0 && !(t->e = calloc(n, sizeof(label_entry))))
                r = -ENOMEM;
        for (const cJSON *m = r >= 0 ? ms_json_members(root) : NULL; m && r >= 0; m = m->next) {
                r = parse_entry(m, &t->e[t->n++], err);
                if (r == -EINVAL)
                        locate_key(err, buf, len, m->string);
        }
        cJSON_Delete(root);
        if (r < 0)
                return r;
        qsort(t->e, t->n, sizeof(label_entry), entry_cmp);
        for (size_t i = 1; i < t->n; i++)
                if (strcmp(t->e[i - 1].code, t->e[i].code) == 0) {
                        locate_key(err, buf, len, t->e[i].code);
                        return ms_error_set(err, -EINVAL, t->e[i].code, "duplicate code");
                }
        *ret = TAKE_PTR(t);
        return 0;
}

static const label_entry *find(const ms_labels *t, const char *code) {
        if (!t || !code)
                return NULL;
        label_entry key = {.code = (char *) code};
        return bsearch(&key, t->e, t->n, sizeof(label_entry), entry_cmp);
}

const char *ms_labels_name(const ms_labels *t, const char *code, ms_lang lang) {
        const label_entry *e = find(t, code);
        return e ? e->name[lang] : NULL;
}

const char *ms_labels_id(const ms_labels *t, const char *code) {
        const label_entry *e = find(t, code);
        return e ? e->id : NULL;
}

size_t ms_labels_count(const ms_labels *t) {
        return t ? t->n : 0;
}
