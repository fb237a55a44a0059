/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "migstat/cube_csv.h"
#include "migstat/json_util.h"

int ms_json_check_nul(const char *buf, size_t len, ms_error *err) {
        for (size_t i = 0; i < len; i++) {
                bool escaped_nul = buf[i] == '\\' && i + 5 < len && buf[i + 1] == 'u' &&
                                   memcmp(buf + i + 2, "0000", 4) == 0;
                if (buf[i] != '\0' && !escaped_nul) {
                        i += buf[i] == '\\'; /* skip the escaped character: "\\u0000" is text */
                        continue;
                }
                ms_error_locate(err, buf, len, i);
                return ms_error_set(err, -EBADMSG, "",
                                    "expected text, got %s (a NUL character would cut the string)",
                                    buf[i] ? "the escape \\u0000" : "a NUL byte");
        }
        return 0;
}

int ms_json_parse(const char *buf, size_t len, cJSON **ret, ms_error *err) {
        int r = ms_json_check_nul(buf, len, err);
        if (r < 0)
                return r;
        const char *end = NULL;
        cJSON *j = cJSON_ParseWithLengthOpts(buf, len, &end, false);
        if (!j) {
                size_t off = end && end >= buf ? (size_t) (end - buf) : 0;
                ms_error_locate(err, buf, len, off);
                if (off >= len)
                        return ms_error_set(err, -EBADMSG, "",
                                            "expected a complete JSON document, got the end of the file");
                return ms_error_set(err, -EBADMSG, "", "expected JSON, got '%c'", buf[off]);
        }
        *ret = j;
        return 0;
}

void ms_json_locate_key(ms_error *err, const char *buf, size_t len, const char *key) {
        if (!err || !key)
                return;
        size_t klen = strlen(key);
        for (size_t i = 0; i + klen + 2 <= len; i++)
                if (buf[i] == '"' && memcmp(buf + i + 1, key, klen) == 0 && buf[i + 1 + klen] == '"') {
                        ms_error_locate(err, buf, len, i);
                        return;
                }
}

bool ms_json_locate_path(ms_error *err, const char *buf, size_t len, const char *path, unsigned skip_last) {
        size_t from = 0, at = 0;
        bool found = false;
        for (const char *p = path; *p;) {
                size_t n = strcspn(p, ".");
                char key[128];
                if (n + 3 > sizeof(key))
                        return found;
                snprintf(key, sizeof(key), "\"%.*s\"", (int) n, p);
                p += n;
                if (*p == '.')
                        p++;
                for (unsigned k = 0; k <= (*p ? 0 : skip_last); k++) {
                        const char *hit = memmem(buf + from, len - from, key, n + 2);
                        if (!hit)
                                goto done;
                        at = (size_t) (hit - buf);
                        from = at + n + 2;
                }
                found = true;
        }
done:
        if (found && err)
                ms_error_locate(err, buf, len, at);
        return found;
}

const cJSON *ms_json_get(const cJSON *obj, const char *key) {
        return cJSON_IsObject(obj) && key ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

const char *ms_json_string(const cJSON *obj, const char *key) {
        const cJSON *v = ms_json_get(obj, key);
        return cJSON_IsString(v) ? v->valuestring : NULL;
}

const cJSON *ms_json_members(const cJSON *n) {
        return cJSON_IsObject(n) ? n->child : NULL;
}

const cJSON *ms_json_elements(const cJSON *n) {
        return cJSON_IsArray(n) ? n->child : NULL;
}

static bool has_type(const cJSON *n, unsigned types) {
        return ((types & MS_JSON_NULL) && cJSON_IsNull(n)) || ((types & MS_JSON_BOOL) && cJSON_IsBool(n)) ||
               ((types & MS_JSON_NUMBER) && cJSON_IsNumber(n)) ||
               ((types & MS_JSON_STRING) && cJSON_IsString(n)) ||
               ((types & MS_JSON_ARRAY) && cJSON_IsArray(n)) ||
               ((types & MS_JSON_OBJECT) && cJSON_IsObject(n));
}

int ms_json_expect(const cJSON *n, unsigned types, const char *path, const char *what, ms_error *err) {
        char got[64];
        if (n && has_type(n, types))
                return 0;
        return ms_error_set(err, -EBADMSG, path, "expected %s, got %s", what,
                            ms_json_describe(n, got, sizeof(got)));
}

const char *ms_json_type_name(const cJSON *n) {
        return !n                  ? "nothing"
               : cJSON_IsString(n) ? "a string"
               : cJSON_IsNumber(n) ? "a number"
               : cJSON_IsNull(n)   ? "null"
               : cJSON_IsBool(n)   ? "a boolean"
               : cJSON_IsArray(n)  ? "an array"
               : cJSON_IsObject(n) ? "an object"
                                   : "an invalid value";
}

const char *ms_json_describe(const cJSON *n, char *buf, size_t size) {
        if (!n)
                snprintf(buf, size, "nothing");
        else if (cJSON_IsNull(n))
                snprintf(buf, size, "null");
        else if (cJSON_IsTrue(n))
                snprintf(buf, size, "true");
        else if (cJSON_IsFalse(n))
                snprintf(buf, size, "false");
        else if (cJSON_IsNumber(n)) {
                if (ms_format_double(n->valuedouble, buf, size) < 0)
                        snprintf(buf, size, "a number");
        } else if (cJSON_IsString(n)) {
                /* Quote at most 40 bytes: labels from remote data can be long. */
                size_t l = strlen(n->valuestring);
                snprintf(buf, size, "\"%.40s%s\"", n->valuestring, l > 40 ? "..." : "");
        } else if (cJSON_IsArray(n))
                snprintf(buf, size, "an array");
        else if (cJSON_IsObject(n))
                snprintf(buf, size, "an object");
        else
                snprintf(buf, size, "an invalid value");
        return buf;
}

const char *ms_json_path_key(char *buf, size_t n, const char *path, const char *key) {
        snprintf(buf, n, "%s%s%s", path, path[0] ? "." : "", key ? key : "");
        return buf;
}

const char *ms_json_path_index(char *buf, size_t n, const char *path, size_t i) {
        snprintf(buf, n, "%s[%zu]", path, i);
        return buf;
}
