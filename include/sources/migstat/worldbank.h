/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The `worldbank` kind: the World Bank API v2's JSON answer for an indicator
 * (https://api.worldbank.org/v2/country/DE;FR/indicator/SP.POP.TOTL
 *  ?format=json&date=2011:2024&per_page=1000), a two-element array:
 *
 *   [{"page":1,"pages":1,"per_page":1000,"total":2,"sourceid":"2"},
 *    [{"indicator":{"id":"SP.POP.TOTL","value":"Population, total"},
 *      "country":{"id":"DE","value":"Germany"},"countryiso3code":"DEU",
 *      "date":"2024","value":83510950,"unit":"","obs_status":"","decimal":0}, ...]]
 *
 * Dimensions: indicator, country (the API's country.id: ISO 3166 alpha-2 for
 * countries; role geo; country.value is its label) and time (date: a year).
 * A null value is a missing cell; [header, null] (no data) is an empty cube
 * error.  The API answers errors with HTTP 200: [{"message":[{"id":"120",
 * "key":"Invalid value","value":"..."}]}] is an error naming the message.
 * All rows must be on one page (pages 1): a larger answer is an error that
 * says to raise per_page.  Errors name the JSON path ("[1][3].value").
 * Pure: no I/O.
 */
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_worldbank_options {
        size_t max_cells; /* 0 = the default of the table builder */
} ms_worldbank_options;

int ms_worldbank_parse(const char *buf, size_t len, const ms_worldbank_options *opts, ms_cube **ret,
                       ms_error *err);
