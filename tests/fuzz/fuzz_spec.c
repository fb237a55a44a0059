/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the JSON files of charts/: a chart spec
 * (charts/spec.c) and a label table (charts/labels.c) from the same bytes.
 * Any bytes in, an error that says something or a spec out; a spec must give
 * a slice request and free cleanly; a table must answer lookups.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/chart_spec.h"
#include "migstat/labels.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_labels(const uint8_t *data, size_t size) {
        ms_error err = {.offset = -1};
        ms_labels *t = NULL;
        if (ms_labels_parse((const char *) data, size, &t, &err) < 0) {
                if (err.msg[0] == '\0')
                        abort();
                return;
        }
        if (ms_labels_count(t) == 0)
                abort();
        (void) ms_labels_name(t, "DE", MS_LANG_DE);
        (void) ms_labels_id(t, "SYR");
        ms_labels_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        ms_error err = {.offset = -1};
        ms_chart_spec *s = NULL;
        fuzz_labels(data, size);
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
