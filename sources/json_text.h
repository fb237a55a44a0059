/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Private helpers of the JSON-stat reader (sources/jsonstat.c): loading the
 * document and finding the dataset in it, describing
 * a node in a message, reading integers that producers write as numbers or
 * as numeric strings, and recovering a number's spelling, which cJSON drops
 * ("4.0" becomes 4).
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"
#include "migstat/json_util.h"
#include "migstat/macro.h"

/* One parse: the text, the limits, and where errors go. */
typedef struct ms_jsonstat_ctx {
        const char *buf;
        size_t len;
        const cJSON *root;
        size_t max_cells, max_dims;
        bool keep_text;
        /* The lean path (jsonstat_lean.c): the root dataset's "value" text,
         * cut out of the document cJSON parsed; NULL on the full path. */
        const char *lean_values;
        size_t lean_len;
        ms_error *err;
        char prefix[64]; /* path of the dataset in a bundle or collection */
} ms_jsonstat_ctx;

/* The lean path's document: ctx->buf becomes a copy without the root's
 * "value" text (in *ret_copy, the caller frees it), ctx->lean_values that
 * text.  1 when prepared, 0 when the full path must parse. */
int ms_jsonstat_lean_prepare(ms_jsonstat_ctx *ctx, char **ret_copy);
/* Read that text into c->values; -EAGAIN when the full path must do it. */
int ms_jsonstat_lean_values(const char *span, size_t len, ms_cube *c);

/* Fill ctx->err with where (prefixed by the dataset's path in a bundle or
 * collection) and the message; return r. */
int ms_jsonstat_fail(const ms_jsonstat_ctx *ctx, int r, const char *where, const char *fmt, ...)
        _printf_(4, 5);

/* Parse ctx->buf with cJSON; syntax errors get line:col. */
int ms_jsonstat_load(ms_jsonstat_ctx *ctx, cJSON **ret);

/* The dataset node of a 2.0 dataset, 2.0 collection or 1.x bundle that
 * `want` names (NULL: the first); sets ctx->prefix.  Turns error documents
 * into -EBADMSG with the source's message. */
int ms_jsonstat_select(ms_jsonstat_ctx *ctx, const cJSON *root, const char *want, const cJSON **ret);

/* Number of children of an array or object (size_t: cJSON counts in int). */
size_t ms_json_count(const cJSON *n);

/* A plain decimal ("0", "42"; no sign, space or exponent) into ret.
 * -EINVAL when s is not one, -ERANGE when it exceeds max. */
int ms_json_parse_decimal(const char *s, size_t max, size_t *ret);

/* A non-negative integer <= max from a JSON number or a numeric string
 * (old servers write sizes and positions as "3").  -EINVAL / -ERANGE. */
int ms_json_get_uint(const cJSON *n, size_t max, size_t *ret);

/*
 * Number tokens of the raw text in document order.  Anything outside a
 * string that starts with '-' or a digit is a number (literals hold no
 * digits), so a single pass finds the tokens cJSON parsed, in the same
 * order as a depth-first walk of the tree visits the number nodes.
 */
typedef struct ms_json_number_scan {
        const char *buf;
        size_t len, pos;
} ms_json_number_scan;

/* The next number token: its start and length.  false at the end. */
bool ms_json_number_scan_next(ms_json_number_scan *s, const char **ret_start, size_t *ret_len);

/* Number nodes met before target in a depth-first walk from node, added to
 * *k.  true when target was reached. */
bool ms_json_count_numbers_before(const cJSON *node, const cJSON *target, size_t *k);

/* Whether the text ends inside a string, an object or an array: the sign of
 * a truncated download rather than a syntax error.  cJSON reports both at
 * the last byte. */
bool ms_json_looks_truncated(const char *buf, size_t len);
