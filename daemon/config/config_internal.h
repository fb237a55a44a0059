/* SPDX-License-Identifier: MIT */
#pragma once

/* Shared between config.c, config_labels.c and config_source.c only. */
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
/* One sources.d/<id>.json, added to c; errors name the field. */
int config_load_source_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err);
void config_source_done(ms_source_config *s);
/* Point err at the first "key" in text; where = key, msg = fmt with got. */
int config_field_error(ms_error *err, const ms_buf *text, const char *key, const char *fmt, const char *got);
