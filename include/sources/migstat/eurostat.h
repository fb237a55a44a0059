/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The `eurostat` kind: a dataset code plus filters become a URL of
 * Eurostat's dissemination API, which answers with JSON-stat 2.0 (parsed by
 * the jsonstat reader, which also turns Eurostat's error documents into
 * errors with Eurostat's message).
 *
 *   ms_eurostat_url("migr_asyappctzm", {geo=DE, citizen=TOTAL, ...}, "de")
 *   -> https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/
 *      migr_asyappctzm?format=JSON&lang=de&geo=DE&citizen=TOTAL...
 *
 * A dimension may be filtered to several codes by repeating it (geo=DE,
 * geo=FR); the time filters sinceTimePeriod, untilTimePeriod and
 * lastTimePeriod are filters like any other.  Codes and values are
 * percent-encoded; a dataset code or dimension id outside [A-Za-z0-9_-] is
 * refused (-EINVAL with err).
 */
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/error.h"
#include "migstat/slice.h"

#define MS_EUROSTAT_API "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/"

/* lang: "de", "en" or "fr". */
int ms_eurostat_url(const char *code, const ms_filter *filters, size_t n_filters, const char *lang,
                    ms_buf *out, ms_error *err);
