/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Configuration layers, lowest first: the vendor's directory
 * (/usr/share/migstat/config) and then the operator's (/etc/migstat).  As
 * with systemd's unit directories, a file in a higher layer replaces the file
 * of the same name below it, and an empty file (or a symlink to /dev/null)
 * masks it.  ms_config_load() (config.h) reads its files through this.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/error.h"

#define MS_CONFIG_MAX_LAYERS 8

typedef struct ms_config_layers {
        char *dir[MS_CONFIG_MAX_LAYERS]; /* absolute, existing */
        size_t n;
} ms_config_layers;

/* Split "A:B:..." into existing absolute directories.  The first must exist;
 * a missing later layer is skipped (/etc/migstat may be absent). */
int ms_config_layers_parse(const char *spec, ms_config_layers *ret, ms_error *err);
void ms_config_layers_done(ms_config_layers *l);

/* An empty regular file or a character device (/dev/null). */
bool ms_config_file_is_mask(const char *path);

typedef int (*ms_config_file_fn)(const char *path, const char *layer, void *userdata, ms_error *err);

/* Call fn(path, layer dir, userdata, err) for every file named *suffix in
 * sub/ of any layer, in lexical order of the names; of files with one name
 * only the highest layer's counts, and a mask is skipped.  Stops at the first
 * negative return and returns it. */
int ms_config_layers_for_each(const ms_config_layers *l, const char *sub, const char *suffix,
                              ms_config_file_fn fn, void *userdata, ms_error *err);
