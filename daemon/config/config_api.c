/* SPDX-License-Identifier: MIT */
/* Where the sources' APIs are: [Fetch] Offline= (every source with a seed
 * reads it; one without keeps its URL) and EurostatAPI=, UNHCRAPI=,
 * WorldBankAPI= (another base URL for every source under that API's
 * official base). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config_internal.h"

const char *ms_api_official_base(ms_api a) {
        static const char *const bases[_MS_API_COUNT] = {
                [MS_API_EUROSTAT] = "https://ec.europa.eu/eurostat/api/dissemination/",
                [MS_API_UNHCR] = "https://api.unhcr.org/population/v1/",
                [MS_API_WORLDBANK] = "https://api.worldbank.org/v2/",
        };
        return a < _MS_API_COUNT ? bases[a] : NULL;
}

int config_apply_api_bases(ms_config *c) {
        for (size_t i = 0; c->offline && i < c->n_sources; i++) {
                ms_source_config *s = &c->sources[i];
                char *url = NULL;
                if (!s->seed)
                        continue;
                if (asprintf(&url, "file://%s", s->seed) < 0)
                        return -ENOMEM;
                free(s->url);
                s->url = url;
        }
        for (size_t i = 0; i < c->n_sources; i++)
                for (int a = 0; a < _MS_API_COUNT; a++) {
                        const char *official = ms_api_official_base((ms_api) a), *base = c->api_base[a];
                        ms_source_config *s = &c->sources[i];
                        size_t ol = strlen(official);
                        if (!base || strncmp(s->url, official, ol) != 0)
                                continue;
                        size_t bl = strlen(base);
                        char *url = NULL;
                        if (asprintf(&url, "%.*s/%s", (int) (bl && base[bl - 1] == '/' ? bl - 1 : bl), base,
                                     s->url + ol) < 0)
                                return -ENOMEM;
                        free(s->url);
                        s->url = url;
                }
        return 0;
}
