/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for migstat.conf (daemon/config/config.c through inih, in
 * memory): any text in, an error naming line and column or settings out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        char *text = malloc(size + 1);
        ms_config *c = calloc(1, sizeof(*c));
        if (!text || !c) {
                free(text);
                free(c);
                return 0;
        }
        memcpy(text, data, size);
        text[size] = '\0';
        ms_error err = {.offset = -1};
        int r = ms_config_parse_ini_text(c, "fuzz.conf", text, &err);
        if (r < 0 && (err.msg[0] == '\0' || !err.file))
                abort();
        ms_config_free(c);
        free(text);
        return 0;
}
