/* SPDX-License-Identifier: MIT */
#pragma once

/* Shared between config.c, config_labels.c and source_limits.c only. */
#include <cjson/cJSON.h>
#include "migstat/buf.h"
#include "config/config.h"
#include "migstat/error.h"

/* Point err->file at a copy of path that outlives the configuration. */
int config_set_error_file(ms_error *err, const char *path);
/* One labels/<name>.json: the table is known by <name>. */
int config_load_labels_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err);
/* Resolve every chart's "labels" to its table and check the sources its
 * series and for_each name; errors name the chart's file. */
int config_resolve_charts(ms_config *c, ms_error *err);
void config_labels_done(ms_config *c);

/* A source's numeric limits (max_bytes, max_cells, timeout, poll_interval)
 * and its "release_window", defaults where absent (source_limits.c). */
int config_source_limits_parse(const cJSON *j, const ms_buf *text, ms_source_config *s, ms_error *err);
int config_source_window_parse(const cJSON *j, const ms_buf *text, ms_source_config *s, ms_error *err);
