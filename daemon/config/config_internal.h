/* SPDX-License-Identifier: MIT */
#pragma once

/* Shared between config.c, config_labels.c and config_source.c only. */
#include "migstat/buf.h"
#include "config/config.h"
#include "migstat/error.h"

/* One labels/<name>.json: the table is known by <name>. */
int config_load_labels_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err);
/* Resolve every chart's "labels" to its table and check the sources its
 * series and for_each name; errors name the chart's file. */
int config_resolve_charts(ms_config *c, ms_error *err);
void config_labels_done(ms_config *c);

/* Values of migstat.conf keys (config_ini_values.c): 0, -EINVAL when value
 * is not one, -ENOMEM.  field is what the key table's offset names. */
int config_parse_path(const char *value, void *field); /* char *, replaced */
int config_parse_string(const char *value, void *field); /* char *, kept as written */
int config_parse_bool(const char *value, void *field); /* bool: yes/no, true/false, 1/0 */
int config_parse_unsigned(const char *value, void *field);
int config_parse_retries(const char *value, void *field);
int config_parse_msec(const char *value, void *field);
int config_parse_sec(const char *value, void *field);
int config_parse_connections(const char *value, void *field);
int config_parse_threads(const char *value, void *field);
int config_parse_base_url(const char *value, void *field);
int config_parse_hook(const char *value, void *field);
int config_parse_api_base(const char *value, void *field); /* char *: an http(s) URL */
/* Remember that name= in path (whose text is text) set a path (for
 * config_check_paths()'s error). */
int config_set_origin(struct ms_config_origin *o, const char *path, const char *text, const char *name);
/* DataDirectory and FontConfig exist (file:line of the setting on error). */
int config_check_paths(const ms_config *c, ms_error *err);
/* One sources.d/<id>.json, added to c; errors name the field. */
int config_load_source_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err);
void config_source_done(ms_source_config *s);
/* Point err at the first "key" in text; where = key, msg = fmt with got. */
int config_field_error(ms_error *err, const ms_buf *text, const char *key, const char *fmt, const char *got);
/* Offline=yes: every source with a seed reads it (file://).  Then rewrite
 * every source URL under an API's official base to the configured base for
 * that API (EurostatAPI= ...) (config_api.c). */
int config_apply_api_bases(ms_config *c);
