/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A live Eurostat source in sources.d: instead of a "url", the dataset and
 * its filters, from which the dissemination API URL is built (eurostat.h):
 *
 *   "kind": "eurostat",
 *   "eurostat": {
 *     "dataset": "migr_asyappctzm",
 *     "filters": {"geo": "DE", "citizen": "TOTAL", "sinceTimePeriod": "2024-01"},
 *     "lang": "de",                       optional: de, en (default) or fr
 *     "api": "https://mirror.example/..." optional: another base URL (tests, mirrors)
 *   }
 *
 * A filter's value is a code or an array of codes (geo=DE&geo=FR).
 */
#include <cjson/cJSON.h>

#include "migstat/error.h"

/* The URL of the "eurostat" object eu (malloc'ed in *ret).  Errors name the
 * field under "eurostat" that is wrong and what was expected. */
int ms_eurostat_source_url(const cJSON *eu, char **ret, ms_error *err);
