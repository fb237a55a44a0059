/* SPDX-License-Identifier: MIT */
/* Finding sources and charts in a loaded configuration. */
#include <errno.h>
#include <string.h>

#include "config/config.h"

const ms_source_config *ms_config_find_source(const ms_config *c, const char *id) {
        for (size_t i = 0; i < c->n_sources; i++)
                if (strcmp(c->sources[i].id, id) == 0)
                        return &c->sources[i];
        return NULL;
}

int ms_config_find_chart(const ms_config *c, const char *id) {
        for (size_t i = 0; i < c->n_charts; i++) {
                const char *sid = c->charts[i]->id;
                size_t n = strlen(sid);
                if (strcmp(sid, id) == 0 ||
                    (c->charts[i]->for_each && strncmp(sid, id, n) == 0 && id[n] == '-'))
                        return (int) i;
        }
        return -ENOENT;
}
