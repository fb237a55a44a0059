/* SPDX-License-Identifier: MIT */
/* Configuration layers: which file of which layer counts (config_layers.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/config_layers.h"
#include "migstat/macro.h"

void ms_config_layers_done(ms_config_layers *l) {
        for (size_t i = 0; i < l->n; i++)
                free(l->dir[i]);
        l->n = 0;
}

/* The first layer is the base of relative defaults, so it must exist. */
int ms_config_layers_parse(const char *spec, ms_config_layers *l, ms_error *err) {
        _cleanup_free_ char *copy = strdup(spec);
        if (!copy)
                return -ENOMEM;
        char *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
                if (l->n == MS_CONFIG_MAX_LAYERS) {
                        ms_error_set_file(err, spec);
                        return ms_error_set(err, -E2BIG, "", "expected at most %d configuration directories",
                                            MS_CONFIG_MAX_LAYERS);
                }
                char *abs = realpath(d, NULL);
                if (!abs && (l->n == 0 || errno != ENOENT)) {
                        ms_error_set_file(err, d);
                        return ms_error_set(err, -errno, "", "expected a configuration directory: %m");
                }
                if (abs)
                        l->dir[l->n++] = abs;
        }
        if (l->n == 0) {
                ms_error_set_file(err, spec);
                return ms_error_set(err, -EINVAL, "", "expected a configuration directory");
        }
        return 0;
}

bool ms_config_file_is_mask(const char *path) {
        struct stat st;
        if (stat(path, &st) < 0)
                return false;
        return S_ISCHR(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size == 0);
}

typedef struct layered_name {
        char name[NAME_MAX + 1];
        size_t layer;
} layered_name;

static int layered_name_cmp(const void *a, const void *b) {
        const layered_name *x = a, *y = b;
        int r = strcmp(x->name, y->name);
        /* Same name: the higher layer first, so the dedup below keeps it. */
        return r ? r : (x->layer < y->layer) - (x->layer > y->layer);
}

/* Collect the names in LAYER/sub ending in suffix onto *names. */
static int config_collect(const char *layer, size_t idx, const char *sub, const char *suffix,
                          layered_name **names, size_t *n, ms_error *err) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s/%s", layer, sub);
        struct dirent **ents = NULL;
        int k = scandir(dir, &ents, NULL, NULL);
        if (k < 0) {
                ms_error_set_file(err, dir);
                return errno == ENOENT ? 0 : ms_error_set(err, -errno, "", "cannot read directory: %m");
        }
        size_t sl = strlen(suffix);
        int r = 0;
        for (int i = 0; i < k; i++) {
                const char *name = ents[i]->d_name;
                size_t len = strlen(name);
                if (r >= 0 && len > sl && strcmp(name + len - sl, suffix) == 0) {
                        layered_name *nn = reallocarray(*names, *n + 1, sizeof(**names));
                        if (!nn)
                                r = -ENOMEM;
                        else {
                                *names = nn;
                                snprintf(nn[*n].name, sizeof(nn[*n].name), "%s", name);
                                nn[(*n)++].layer = idx;
                        }
                }
                free(ents[i]);
        }
        free(ents);
        return r;
}

int ms_config_layers_for_each(const ms_config_layers *l, const char *sub, const char *suffix,
                              ms_config_file_fn fn, void *userdata, ms_error *err) {
        _cleanup_free_ layered_name *names = NULL;
        size_t n = 0;
        int r = 0;
        for (size_t i = 0; r >= 0 && i < l->n; i++)
                r = config_collect(l->dir[i], i, sub, suffix, &names, &n, err);
        if (r < 0)
                return r;
        if (n > 0)
                qsort(names, n, sizeof(*names), layered_name_cmp);
        for (size_t i = 0; r >= 0 && i < n; i++) {
                if (i > 0 && strcmp(names[i].name, names[i - 1].name) == 0)
                        continue;
                const char *layer = l->dir[names[i].layer];
                char file[PATH_MAX];
                if (snprintf(file, sizeof(file), "%s/%s/%s", layer, sub, names[i].name) >= (int) sizeof(file))
                        r = ms_error_set(err, -ENAMETOOLONG, "", "path too long: %s/%s", sub, names[i].name);
                else if (!ms_config_file_is_mask(file))
                        r = fn(file, layer, userdata, err);
        }
        return r;
}
