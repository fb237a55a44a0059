/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * cJSON helpers shared by every reader of JSON (sources, chart specs, label
 * tables, source configs): parse with a line:col error, point an error at a
 * key, and typed access.
 *
 * cJSON keeps no positions, so a field error is located at the first
 * occurrence of the quoted key in the text: exact for the flat, small files
 * these are used on; the JSON path names the place in data.
 *
 * Typed access is the rule (issue 19): a node's ->string is NULL for an
 * array element, ->valuestring is NULL unless it is a string, and ->child of
 * an array walks elements, not members.  A reader that walks children goes
 * through ms_json_members()/ms_json_elements() and checks a node's type with
 * ms_json_expect() (or a cJSON_Is* test) before it reads a value, so any
 * JSON shape gives an error naming the path, never a NULL dereference.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "migstat/error.h"

DEFINE_TRIVIAL_CLEANUP_FUNC(cJSON *, cJSON_Delete);

/* cJSON cuts a string at NUL, silently: refuse a NUL byte or a \u0000
 * escape anywhere in buf (-EBADMSG, err at its line:col). */
int ms_json_check_nul(const char *buf, size_t len, ms_error *err);

/* Parse buf (refusing NUL as above); on a syntax error fill err with line:col and return -EBADMSG. */
int ms_json_parse(const char *buf, size_t len, cJSON **ret, ms_error *err);

/* Set err's line:col to the first occurrence of "key" in buf (if any). */
void ms_json_locate_key(ms_error *err, const char *buf, size_t len, const char *key);

/* Set err's line:col to the field at a dotted path ("select.filters.geo"):
 * the quoted key of each component, each searched after the previous one,
 * the last one's (skip_last + 1)-th occurrence (a key given twice).  cJSON
 * keeps no positions; a key spelled with escapes is not found.  Whether the
 * whole path was found (else err points at the deepest component found). */
bool ms_json_locate_path(ms_error *err, const char *buf, size_t len, const char *path, unsigned skip_last);

/* A string member or NULL (also when it is not a string). */
const char *ms_json_string(const cJSON *obj, const char *key);

/* Member `key` of obj; NULL when obj is not an object or has no such member. */
const cJSON *ms_json_get(const cJSON *obj, const char *key);

/* The first member of an object (each has a key), the first element of an
 * array; NULL when n is not one. */
const cJSON *ms_json_members(const cJSON *n);
const cJSON *ms_json_elements(const cJSON *n);

/* JSON types as bits, for ms_json_expect(). */
enum {
        MS_JSON_NULL = 1 << 0,
        MS_JSON_BOOL = 1 << 1,
        MS_JSON_NUMBER = 1 << 2,
        MS_JSON_STRING = 1 << 3,
        MS_JSON_ARRAY = 1 << 4,
        MS_JSON_OBJECT = 1 << 5,
};

/* Whether n has one of `types` (MS_JSON_* bits).  If not (n == NULL: a
 * missing member), fill err: where = path, "expected <what>, got <n
 * described>", and return -EBADMSG. */
int ms_json_expect(const cJSON *n, unsigned types, const char *path, const char *what, ms_error *err);

/* "a string", "a number", "null", "a boolean", "an array", "an object", "nothing". */
const char *ms_json_type_name(const cJSON *n);

/* "null", "true", "3.5", "\"x\"" (at most 40 bytes quoted), "an array",
 * "an object", "nothing" (n == NULL): a node as a message quotes it. */
const char *ms_json_describe(const cJSON *n, char *buf, size_t size);

/* path + "." + key, path + "[i]": JSON paths for messages (cut to n). */
const char *ms_json_path_key(char *buf, size_t n, const char *path, const char *key);
const char *ms_json_path_index(char *buf, size_t n, const char *path, size_t i);
