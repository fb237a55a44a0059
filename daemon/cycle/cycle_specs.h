/* SPDX-License-Identifier: MIT */
#pragma once

/* The charts a cycle draws: the configured specs, with each for_each spec
 * replaced by its charts.  Internal to daemon/cycle*.c. */
#include <stddef.h>

#include "migstat/chart_data.h"
#include "config/config.h"

/* ret: n owned specs in configuration order; logs and returns < 0 on error. */
int cycle_specs_expand(const ms_config *c, ms_cube_lookup_fn lookup, void *userdata, ms_chart_spec ***ret,
                       size_t *ret_n);
void cycle_specs_free(ms_chart_spec **v, size_t n);
