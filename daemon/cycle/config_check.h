/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The checks of a loaded configuration against the data it will draw from,
 * for `migstatd --check-config`, `migstatctl validate` and a reload (a run
 * would fail on the same mistake, chart by chart; this finds it before): each chart's filters (the dimension exists in its
 * source, the code is one of its categories), its measure pipeline and
 * series, and for_each, run as a cycle would select them over the data a
 * run would start from: the cached last good response of each source, or
 * the file a file:// source reads (the bundled seed data).  A source with
 * neither (never fetched), or whose data does not parse (the run's gate
 * reports that), cannot be checked against; its charts' syntax was checked
 * when loading.  The first mistake is in err with its file (the
 * chart spec or source file) and line:col where the text has it.
 */
#include "config/config.h"

int ms_config_check(const ms_config *c, ms_error *err);
