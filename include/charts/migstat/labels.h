/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A label table: category codes (Eurostat geo codes, BAMF citizenship keys)
 * and their names in German and English, kept as data in
 * config/labels/<name>.json, not in C:
 *
 *   { "DE":  { "de": "Deutschland", "en": "Germany" },
 *     "475": { "de": "Syrien", "en": "Syria", "id": "syr" } }
 *
 * "id" (optional, [a-z0-9-]) names the category in chart ids made by
 * for_each ("country-profile-syr"); without it the lower-cased code is used.
 */
#include <stddef.h>

#include "migstat/error.h"
#include "migstat/lang.h"
#include "migstat/macro.h"

typedef struct ms_labels ms_labels;

/* Parse a table; errors name line:col and the code's field. */
int ms_labels_parse(const char *buf, size_t len, ms_labels **ret, ms_error *err);
ms_labels *ms_labels_free(ms_labels *t);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_labels *, ms_labels_free);

/* The name of code in lang, or NULL when the table has no entry. */
const char *ms_labels_name(const ms_labels *t, const char *code, ms_lang lang);
/* The id of code for chart ids, or NULL when the table has no entry. */
const char *ms_labels_id(const ms_labels *t, const char *code);
size_t ms_labels_count(const ms_labels *t);
