/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * for_each: one spec becomes one chart per category that its pipeline
 * leaves, e.g. the top 10 citizenships of the latest month:
 *
 *   "for_each": { "dim": "citizenship_bamf_code", "source": "bamf-applications-monthly",
 *                 "measure": "filter:measure=applications_first|window:1|drop:citizenship_bamf_code=TOTAL|rank:citizenship_bamf_code:10" }
 *
 * Each chart is a copy of the spec with id "<id>-<category id>" (the label
 * table's "id", else the lower-cased code), the filter dim=code added, and
 * {name} in its texts filled with the category's name from the label table.
 * Pure: the caller passes the for_each source's cube.
 */
#include <stddef.h>

#include "migstat/chart_spec.h"
#include "migstat/cube.h"
#include "migstat/error.h"

/* ret: n newly allocated specs (free each, then the array).  A category the
 * label table lacks, or an id that is not valid, is an error naming it. */
int ms_chart_spec_expand(const ms_chart_spec *s, const ms_cube *c, ms_chart_spec ***ret, size_t *ret_n,
                         ms_error *err);
