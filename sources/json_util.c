/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
                return ms_error_set(err, -EBADMSG, "", "expected text, got %s (a NUL character would cut the string)",
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

const char *ms_json_string(const cJSON *obj, const char *key) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
        return cJSON_IsString(v) ? v->valuestring : NULL;
}
