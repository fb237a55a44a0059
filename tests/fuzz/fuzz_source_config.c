/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for a source's JSON file in sources.d/ (daemon/config.c,
 * daemon/eurostat_source.c, daemon/source_rules.c): any bytes in, an error
 * naming the file and the field, or one source out whose id and URL the rest
 * of the daemon may trust.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "migstat/chart_spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        ms_config *c = calloc(1, sizeof(*c));
        if (!c || !(c->data_dir = strdup("/usr/share/migstat/data"))) {
                ms_config_free(c);
                return 0;
        }
        ms_error err = {.offset = -1};
        int r = ms_config_parse_source_text(c, "fuzz.json", (const char *) data, size, &err);
        if (r < 0 && (err.msg[0] == '\0' || !err.file))
                abort();
        if (r >= 0 && (c->n_sources != 1 || !ms_id_is_valid(c->sources[0].id) || !c->sources[0].url ||
                       !c->sources[0].kind))
                abort();
        ms_config_free(c);
        return 0;
}
