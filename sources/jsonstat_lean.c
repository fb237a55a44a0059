/* SPDX-License-Identifier: MIT */
/*
 * The lean path of the JSON-stat reader: a dataset's "value" member is
 * nearly all of a big document, and as a cJSON tree it costs 64 bytes a
 * cell, about 13 times its text.  So the root object's "value" is found in
 * the raw text, cut out of the copy that cJSON parses (replaced by an empty
 * array or object), and read straight into the cube.  Anything unusual (a
 * bundle, a string value, a number out of range, a count that does not
 * match) returns -EAGAIN and the caller parses the whole document the full
 * way, which reports the exact place of an error.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"

static size_t skip_ws(const char *b, size_t len, size_t i) {
        while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
                i++;
        return i;
}

/* b[i] == '"': the index after the closing quote, len when unterminated. */
static size_t skip_string(const char *b, size_t len, size_t i) {
        for (i++; i < len; i++) {
                if (b[i] == '\\')
                        i++;
                else if (b[i] == '"')
                        return i + 1;
        }
        return len;
}

/* Any value at b[i]: the index after it (strings and nesting respected). */
static size_t skip_value(const char *b, size_t len, size_t i) {
        size_t depth = 0;
        for (; i < len; i++) {
                char ch = b[i];
                if (ch == '"') {
                        i = skip_string(b, len, i) - 1;
                        if (depth == 0)
                                return i + 1;
                } else if (ch == '[' || ch == '{')
                        depth++;
                else if (ch == ']' || ch == '}') {
                        if (depth == 0)
                                return i; /* the end of the enclosing object */
                        if (--depth == 0)
                                return i + 1;
                } else if (depth == 0 && (ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))
                        return i;
        }
        return len;
}

/* The root object's "value" member, an array or object: 1 and its text
 * span [start, end) in b, else 0. */
static int lean_find(const char *b, size_t len, size_t *ret_start, size_t *ret_end) {
        size_t i = skip_ws(b, len, 0);
        if (i >= len || b[i] != '{')
                return 0;
        for (i++;;) {
                i = skip_ws(b, len, i);
                if (i >= len || b[i] != '"')
                        return 0;
                size_t k = i;
                i = skip_string(b, len, i);
                bool is_value = i - k == 7 && memcmp(b + k, "\"value\"", 7) == 0;
                i = skip_ws(b, len, i);
                if (i >= len || b[i] != ':')
                        return 0;
                i = skip_ws(b, len, i + 1);
                size_t v = i;
                i = skip_value(b, len, i);
                if (i >= len)
                        return 0;
                if (is_value && (b[v] == '[' || b[v] == '{')) {
                        *ret_start = v;
                        *ret_end = i;
                        return 1;
                }
                i = skip_ws(b, len, i);
                if (i >= len || b[i] != ',')
                        return 0;
                i++;
        }
}

int ms_jsonstat_lean_prepare(ms_jsonstat_ctx *ctx, char **ret_copy) {
        size_t start, end;
        if (lean_find(ctx->buf, ctx->len, &start, &end) <= 0)
                return 0;
        size_t n = ctx->len - (end - start) + 2;
        char *copy = malloc(n + 1);
        if (!copy)
                return 0; /* the full path reports it */
        memcpy(copy, ctx->buf, start);
        memcpy(copy + start, ctx->buf[start] == '[' ? "[]" : "{}", 2);
        memcpy(copy + start + 2, ctx->buf + end, ctx->len - end);
        copy[n] = '\0';
        ctx->lean_values = ctx->buf + start;
        ctx->lean_len = end - start;
        ctx->buf = copy;
        ctx->len = n;
        *ret_copy = copy;
        return 1;
}

/* A JSON number or null at b[*i] into *ret (NaN for null); -EAGAIN for
 * anything else, or a number that is not finite. */
static int lean_scalar(const char *b, size_t len, size_t *i, double *ret) {
        if (len - *i >= 4 && memcmp(b + *i, "null", 4) == 0) {
                *i += 4;
                *ret = NAN;
                return 0;
        }
        size_t s = *i;
        while (*i < len && strchr("0123456789+-.eE", b[*i]) && b[*i])
                (*i)++;
        char tmp[64], *end;
        size_t n = *i - s;
        if (n == 0 || n >= sizeof(tmp) || !(b[s] == '-' || (b[s] >= '0' && b[s] <= '9')))
                return -EAGAIN;
        memcpy(tmp, b + s, n);
        tmp[n] = '\0';
        /* strtod() follows the locale (a program linking us may set one). */
        const char *dp = localeconv()->decimal_point;
        char *dot = strchr(tmp, '.');
        if (dot && dp && dp[0] && !dp[1])
                *dot = dp[0];
        double v = strtod(tmp, &end);
        if (*end || !isfinite(v))
                return -EAGAIN;
        *ret = v;
        return 0;
}

/* "[v, v, ...]": exactly n_cells scalars. */
static int lean_array(const char *b, size_t len, ms_cube *c) {
        size_t i = skip_ws(b, len, 1), off = 0;
        if (i < len && b[i] == ']')
                return c->n_cells == 0 ? 0 : -EAGAIN;
        for (;;) {
                if (off >= c->n_cells)
                        return -EAGAIN;
                int r = lean_scalar(b, len, &i, &c->values[off++]);
                if (r < 0)
                        return r;
                i = skip_ws(b, len, i);
                if (i < len && b[i] == ']')
                        return off == c->n_cells ? 0 : -EAGAIN;
                if (i >= len || b[i] != ',')
                        return -EAGAIN;
                i = skip_ws(b, len, i + 1);
        }
}

/* {"offset": v, ...}: keys decimal offsets below n_cells. */
static int lean_object(const char *b, size_t len, ms_cube *c) {
        size_t i = skip_ws(b, len, 1);
        if (i < len && b[i] == '}')
                return 0;
        for (;;) {
                if (i >= len || b[i] != '"')
                        return -EAGAIN;
                size_t off = 0, k = i + 1;
                for (; k < len && b[k] >= '0' && b[k] <= '9' && k - i <= 19; k++)
                        off = off * 10 + (size_t) (b[k] - '0');
                if (k == i + 1 || k >= len || b[k] != '"' || off >= c->n_cells ||
                    (b[i + 1] == '0' && k > i + 2))
                        return -EAGAIN;
                i = skip_ws(b, len, k + 1);
                if (i >= len || b[i] != ':')
                        return -EAGAIN;
                i = skip_ws(b, len, i + 1);
                int r = lean_scalar(b, len, &i, &c->values[off]);
                if (r < 0)
                        return r;
                i = skip_ws(b, len, i);
                if (i < len && b[i] == '}')
                        return 0;
                if (i >= len || b[i] != ',')
                        return -EAGAIN;
                i = skip_ws(b, len, i + 1);
        }
}

int ms_jsonstat_lean_values(const char *span, size_t len, ms_cube *c) {
        return span[0] == '[' ? lean_array(span, len, c) : lean_object(span, len, c);
}
