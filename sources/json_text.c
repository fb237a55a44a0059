/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "json_text.h"
#include "migstat/json_util.h"
#include "migstat/cube_csv.h"

int ms_json_parse_decimal(const char *s, size_t max, size_t *ret) {
        size_t v = 0;
        if (!s || !*s)
                return -EINVAL;
        for (const char *p = s; *p; p++) {
                if (*p < '0' || *p > '9')
                        return -EINVAL;
                size_t d = (size_t) (*p - '0');
                if (v > (SIZE_MAX - d) / 10)
                        return -ERANGE;
                v = v * 10 + d;
        }
        if (v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}

int ms_json_get_uint(const cJSON *n, size_t max, size_t *ret) {
        if (cJSON_IsString(n))
                return ms_json_parse_decimal(n->valuestring, max, ret);
        if (!cJSON_IsNumber(n))
                return -EINVAL;
        double d = n->valuedouble;
        /* 2^53: beyond it a double no longer holds every integer. */
        if (!(d >= 0) || d != floor(d) || d > 9007199254740992.0)
                return -EINVAL;
        if (d > (double) max)
                return -ERANGE;
        *ret = (size_t) d;
        return 0;
}

static bool is_number_char(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

bool ms_json_number_scan_next(ms_json_number_scan *s, const char **ret_start, size_t *ret_len) {
        while (s->pos < s->len) {
                char c = s->buf[s->pos];
                if (c == '"') {
                        /* Skip the string; a backslash escapes the next byte. */
                        for (s->pos++; s->pos < s->len && s->buf[s->pos] != '"'; s->pos++)
                                if (s->buf[s->pos] == '\\')
                                        s->pos++;
                        s->pos++;
                        continue;
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                        size_t start = s->pos;
                        while (s->pos < s->len && is_number_char(s->buf[s->pos]))
                                s->pos++;
                        *ret_start = s->buf + start;
                        *ret_len = s->pos - start;
                        return true;
                }
                s->pos++;
        }
        return false;
}

/* Recursion depth is bounded by cJSON's nesting limit (CJSON_NESTING_LIMIT). */
bool ms_json_count_numbers_before(const cJSON *node, const cJSON *target, size_t *k) {
        if (node == target)
                return true;
        if (cJSON_IsNumber(node)) {
                (*k)++;
                return false;
        }
        if (!cJSON_IsArray(node) && !cJSON_IsObject(node))
                return false;
        for (const cJSON *ch = node->child; ch; ch = ch->next)
                if (ms_json_count_numbers_before(ch, target, k))
                        return true;
        return false;
}

bool ms_json_looks_truncated(const char *buf, size_t len) {
        size_t depth = 0;
        bool in_string = false;
        for (size_t i = 0; i < len; i++) {
                char c = buf[i];
                if (in_string) {
                        if (c == '\\')
                                i++;
                        else if (c == '"')
                                in_string = false;
                } else if (c == '"')
                        in_string = true;
                else if (c == '{' || c == '[')
                        depth++;
                else if ((c == '}' || c == ']') && depth > 0)
                        depth--;
        }
        return in_string || depth > 0;
}

int ms_jsonstat_fail(const ms_jsonstat_ctx *ctx, int r, const char *where, const char *fmt, ...) {
        char msg[sizeof(ctx->err->msg)], path[sizeof(ctx->err->where)];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        snprintf(path, sizeof(path), "%s%s%s", ctx->prefix, ctx->prefix[0] && where[0] ? "." : "", where);
        return ms_error_set(ctx->err, r, path, "%s", msg);
}

size_t ms_json_count(const cJSON *n) {
        size_t k = 0;
        for (const cJSON *c = n ? n->child : NULL; c; c = c->next)
                k++;
        return k;
}

/* Eurostat answers some requests with an error document instead of data:
 * {"error":[{"status":413,"label":"EXTRACTION_TOO_BIG: ..."}]} or, in the
 * JSON-stat 2.0 form, {"class":"error","status":...,"label":...}. */
static int check_error_doc(ms_jsonstat_ctx *ctx, const cJSON *root) {
        const char *cls = ms_json_string(root, "class");
        const cJSON *e = NULL;
        char d[64];

        if (cls && strcmp(cls, "error") == 0)
                e = root;
        else if (ms_json_get(root, "error") && !ms_json_get(root, "dimension") && !ms_json_get(root, "id")) {
                e = ms_json_get(root, "error");
                if (cJSON_IsArray(e))
                        e = ms_json_elements(e);
        }
        if (!e)
                return 0;
        const cJSON *status = ms_json_get(e, "status");
        const char *label = ms_json_string(e, "label");
        if (!label)
                label = ms_json_string(e, "message");
        return ms_jsonstat_fail(
                ctx, -EBADMSG, "error", "the source sent an error instead of data: status %s: %s",
                status ? ms_json_describe(status, d, sizeof(d)) : "?", label ? label : "(no label)");
}

static int select_collection(ms_jsonstat_ctx *ctx, const cJSON *root, const char *want, const cJSON **ret) {
        const cJSON *items = ms_json_get(ms_json_get(root, "link"), "item");
        size_t pos = 0, n = ms_json_count(items);
        if (!cJSON_IsArray(items) || n == 0)
                return ms_jsonstat_fail(ctx, -EBADMSG, "link.item", "expected an array of items, got none");
        if (!want) /* the first item that embeds a dataset; some only link */
                for (const cJSON *it = ms_json_elements(items); it && !ms_json_get(it, "dimension");
                     it = it->next)
                        pos++;
        if (!want && pos >= n)
                pos = 0;
        if (want && ms_json_parse_decimal(want, SIZE_MAX, &pos) < 0)
                return ms_jsonstat_fail(ctx, -ENOENT, "link.item",
                                        "expected a 0-based item position, got \"%s\"", want);
        if (pos >= n)
                return ms_jsonstat_fail(ctx, -ENOENT, "link.item", "no item %zu: the collection holds %zu",
                                        pos, n);
        const cJSON *it = ms_json_elements(items);
        for (size_t i = 0; i < pos; i++)
                it = it->next;
        snprintf(ctx->prefix, sizeof(ctx->prefix), "link.item[%zu]", pos);
        if (!ms_json_get(it, "dimension")) {
                const char *href = ms_json_string(it, "href");
                return ms_jsonstat_fail(ctx, -ENOENT, "", "the item links to %s and embeds no dataset",
                                        href ? href : "nothing");
        }
        *ret = it;
        return 0;
}

/* 1.x bundle: {name: dataset, ...}; pick by name, else by position. */
static int select_bundle(ms_jsonstat_ctx *ctx, const cJSON *root, const char *want, const cJSON **ret) {
        const cJSON *hit = NULL;
        size_t pos = 0, i = 0;
        bool by_pos = want && ms_json_parse_decimal(want, SIZE_MAX, &pos) >= 0;
        char names[120] = "";

        for (const cJSON *m = ms_json_members(root); m; m = m->next) {
                if (!cJSON_IsObject(m) || !ms_json_get(m, "dimension"))
                        continue; /* not a dataset: 1.x allowed nothing else, but be lenient */
                size_t l = strlen(names);
                snprintf(names + l, sizeof(names) - l, "%s%s", l ? ", " : "", m->string);
                if (!hit && (!want || strcmp(m->string, want) == 0))
                        hit = m;
                if (!hit && by_pos && i == pos)
                        hit = m;
                i++;
        }
        if (i == 0)
                return ms_jsonstat_fail(
                        ctx, -EBADMSG, "",
                        "expected a JSON-stat dataset, collection or 1.x bundle, got an object "
                        "with neither \"class\" nor \"dimension\" nor datasets");
        if (!hit)
                return ms_jsonstat_fail(ctx, -ENOENT, "", "dataset \"%s\" not found; the bundle holds: %s",
                                        want, names);
        snprintf(ctx->prefix, sizeof(ctx->prefix), "%s", hit->string);
        *ret = hit;
        return 0;
}

int ms_jsonstat_select(ms_jsonstat_ctx *ctx, const cJSON *root, const char *want, const cJSON **ret) {
        char d[64];
        if (!cJSON_IsObject(root))
                return ms_jsonstat_fail(ctx, -EBADMSG, "", "expected a JSON object at the top level, got %s",
                                        ms_json_describe(root, d, sizeof(d)));
        int r = check_error_doc(ctx, root);
        if (r < 0)
                return r;
        const cJSON *cls = ms_json_get(root, "class");
        if (cls && !cJSON_IsString(cls))
                return ms_jsonstat_fail(ctx, -EBADMSG, "class", "expected a string, got %s",
                                        ms_json_describe(cls, d, sizeof(d)));
        const char *name = cls ? cls->valuestring : NULL;

        if ((name && strcmp(name, "dataset") == 0) || (!name && ms_json_get(root, "dimension"))) {
                if (want && strcmp(want, "0") != 0)
                        return ms_jsonstat_fail(ctx, -ENOENT, "",
                                                "dataset \"%s\" not found: the document is a single dataset",
                                                want);
                *ret = root;
                return 0;
        }
        if (name && strcmp(name, "collection") == 0)
                return select_collection(ctx, root, want, ret);
        if (name && strcmp(name, "dimension") == 0)
                return ms_jsonstat_fail(
                        ctx, -EBADMSG, "class",
                        "expected a dataset, collection or bundle, got a standalone dimension "
                        "document (not supported)");
        if (!name || strcmp(name, "bundle") == 0)
                return select_bundle(ctx, root, want, ret);
        return ms_jsonstat_fail(ctx, -EBADMSG, "class",
                                "expected \"dataset\", \"collection\" or \"bundle\", got \"%s\"", name);
}

int ms_jsonstat_load(ms_jsonstat_ctx *ctx, cJSON **ret) {
        int nul = ms_json_check_nul(ctx->buf, ctx->len, ctx->err);
        if (nul < 0)
                return nul;
        const char *end = NULL;
        cJSON *root = ctx->len > 0 ? cJSON_ParseWithLengthOpts(ctx->buf, ctx->len, &end, false) : NULL;
        size_t off = end && end >= ctx->buf ? (size_t) (end - ctx->buf) : 0;

        if (!root) {
                if (ctx->len == 0 || off + 1 >= ctx->len) {
                        /* cJSON reports the last byte for both a cut-off document and a
                         * bad last character; the open brackets tell them apart. */
                        if (ctx->len == 0 || ms_json_looks_truncated(ctx->buf, ctx->len)) {
                                ms_error_locate(ctx->err, ctx->buf, ctx->len, ctx->len);
                                return ms_jsonstat_fail(
                                        ctx, -EBADMSG, "",
                                        "expected a complete JSON document, got the end of input");
                        }
                }
                ms_error_locate(ctx->err, ctx->buf, ctx->len, off);
                if (off >= ctx->len)
                        return ms_jsonstat_fail(ctx, -EBADMSG, "",
                                                "expected a JSON value, got the end of input");
                unsigned char ch = (unsigned char) ctx->buf[off];
                if (ch >= 0x20 && ch < 0x7f)
                        return ms_jsonstat_fail(ctx, -EBADMSG, "", "expected valid JSON, got '%c'", ch);
                return ms_jsonstat_fail(ctx, -EBADMSG, "", "expected valid JSON, got byte 0x%02x", ch);
        }
        while (off < ctx->len && ctx->buf[off] && strchr(" \t\r\n", ctx->buf[off]))
                off++;
        if (off < ctx->len && ctx->buf[off] != '\0') { /* a trailing NUL ends a C string */
                cJSON_Delete(root);
                ms_error_locate(ctx->err, ctx->buf, ctx->len, off);
                return ms_jsonstat_fail(ctx, -EBADMSG, "", "expected the end of the document, got more data");
        }
        *ret = root;
        return 0;
}
