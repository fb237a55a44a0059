/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the chart spec parser (charts/spec.c): any bytes in,
 * an error or a spec out; a spec must give a slice request and free cleanly.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        ms_error err = {.offset = -1};
        ms_chart_spec *s = NULL;
        if (ms_chart_spec_parse((const char *) data, size, &s, &err) < 0) {
                /* An error always says something. */
                if (err.msg[0] == '\0')
                        abort();
                return 0;
        }
        /* What the parser accepted is what the rest of the program trusts:
         * an id that is safe as a file name. */
        if (!s->id || !ms_id_is_valid(s->id) || strchr(s->id, '/'))
                abort();
        ms_slice_request req;
        ms_chart_spec_slice_request(s, &req);
        ms_chart_spec_free(s);
        return 0;
}
