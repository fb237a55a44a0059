/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * cJSON helpers shared by the readers of JSON files (chart specs, source
 * configs): parse with a line:col error, and point an error at a key.
 * cJSON keeps no positions, so a field error is located at the first
 * occurrence of the quoted key in the text: exact for the flat, small files
 * these are used on.
 */
#include <cjson/cJSON.h>
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

/* A string member or NULL (also when it is not a string). */
const char *ms_json_string(const cJSON *obj, const char *key);
