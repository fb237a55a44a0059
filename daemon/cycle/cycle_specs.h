/* SPDX-License-Identifier: MIT */
#pragma once

/* The charts a cycle draws: the configured specs, with each for_each spec
 * replaced by its charts.  Internal to daemon/cycle/. */
#include <stddef.h>

#include "migstat/chart_data.h"
#include "config/config.h"
#include "cycle_carry.h"

/* ret: n owned specs in configuration order, ret_parents the id of the
 * configured spec each comes from (borrowed; free the array); logs and
 * returns < 0 on error.  A for_each whose source has no cube (it failed)
 * gives the charts it made in the current release (prev). */
int cycle_specs_expand(const ms_config *c, ms_cube_lookup_fn lookup, void *userdata,
                       const cycle_previous *prev, ms_chart_spec ***ret, const char ***ret_parents,
                       size_t *ret_n);
void cycle_specs_free(ms_chart_spec **v, size_t n);
