/* SPDX-License-Identifier: MIT */
/* A chart of a cycle: the files it holds until they are in the release, and
 * how its failure is logged.  Below the drawing (cycle_render.c), the share
 * files (cycle_share.c), the embeds and the carrying over, which all add to
 * it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/log.h"
#include "cycle_chart.h"

int cycle_log_chart_error(const ms_chart_spec *spec, const char *lang, int r, const ms_error *err) {
        char buf[1024], field[128];
        snprintf(field, sizeof(field), "MIGSTAT_CHART=%s", spec->id);
        const char *const fields[] = {field, NULL};
        return ms_log_full(LOG_ERR, r, fields, "chart %s (%s): %s", spec->id, lang,
                           ms_error_format(err, buf, sizeof(buf)));
}

void cycle_outputs_free(cycle_chart *cc) {
        for (size_t k = 0; k < cc->n_out; k++) {
                free(cc->out[k].name);
                ms_buf_done(&cc->out[k].data);
        }
        free(cc->out);
        cc->out = NULL;
        cc->n_out = 0;
}

void cycle_charts_free(cycle_chart *cc, size_t n) {
        for (size_t i = 0; cc && i < n; i++) {
                ms_chart_data_free(cc[i].data);
                for (int l = 0; l < MS_LANG_COUNT; l++) {
                        ms_chart_free(cc[i].chart[l]);
                        ms_buf_done(&cc[i].csv[l]);
                        free(cc[i].narrow_problems[l]);
                }
                cycle_outputs_free(&cc[i]);
        }
        free(cc);
}

/* Keep the file <id>.<lang><suffix> (lang NULL: <id><suffix>) with the
 * bytes of b (taken over). */
int cycle_keep_output(cycle_chart *cc, const char *lang, const char *suffix, ms_buf *b) {
        cycle_output *o = reallocarray(cc->out, cc->n_out + 1, sizeof(*o));
        if (!o)
                return -ENOMEM;
        cc->out = o;
        if (asprintf(&o[cc->n_out].name, "%s%s%s%s", cc->spec->id, lang ? "." : "", lang ? lang : "",
                     suffix) < 0)
                return -ENOMEM;
        /* Held until the charts before this one are in the release: give
         * back the growth slack. */
        char *fit = b->len ? realloc(b->data, b->len) : NULL;
        if (fit) {
                b->data = fit;
                b->cap = b->len;
        }
        o[cc->n_out++].data = *b;
        *b = (ms_buf){0};
        return 0;
}
