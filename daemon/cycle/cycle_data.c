/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cycle/cycle_data.h"
#include "migstat/cube_csv.h"
#include "migstat/cube_jsonstat.h"

#define CSV_CHUNK_BYTES (1u << 20)

/* Close the stream a source file was written to (r: how the writing went) and
 * list the file in the manifest under the source: the end both files share. */
static int source_file_end(const char *id, ms_release_stream *s, int r, ms_error *err, ms_release *rel,
                           ms_manifest *m) {
        if (s) {
                int q = ms_release_stream_end(rel, s, err);
                r = r < 0 ? r : q;
        }
        if (r < 0)
                return log_error_errno(r, "publish: %s", err->msg[0] ? err->msg : "out of memory");
        const ms_release_file *files;
        size_t nf = ms_release_files(rel, &files);
        r = ms_manifest_add_source_file(m, id, &files[nf - 1]);
        return r < 0 ? log_error_errno(r, "manifest: source %s: %m", id) : 0;
}

int ms_cycle_add_csv(const char *id, const ms_cube *cube, ms_release *rel, ms_manifest *m) {
        ms_error err = {.offset = -1};
        ms_buf b = {0};
        char name[256];
        snprintf(name, sizeof(name), "data/%s.csv", id);
        ms_release_stream *s = NULL;
        int r = ms_release_stream_begin(rel, name, &s, &err);
        size_t cursor = 0;
        for (int done = 0; r >= 0 && !done;) {
                b.len = 0;
                r = done = ms_cube_write_csv_chunk(cube, &cursor, CSV_CHUNK_BYTES, &b);
                if (r >= 0 && b.len > 0)
                        r = ms_release_stream_write(s, b.data, b.len, &err);
        }
        ms_buf_done(&b);
        return source_file_end(id, s, r, &err, rel, m);
}

typedef struct stream_sink {
        ms_release_stream *s;
        ms_error *err;
} stream_sink;

static int stream_flush(void *userdata, const ms_buf *b) {
        stream_sink *k = userdata;
        return ms_release_stream_write(k->s, b->data, b->len, k->err);
}

int ms_cycle_add_normalized(const char *id, const ms_cube *cube, const ms_cycle_warnings *revised,
                            ms_release *rel, ms_manifest *m) {
        ms_error err = {.offset = -1};
        char name[256];
        snprintf(name, sizeof(name), "data/%s.json", id);
        stream_sink k = {.err = &err};
        int r = ms_release_stream_begin(rel, name, &k.s, &err);
        if (r >= 0)
                r = ms_cube_write_jsonstat_chunks(cube, stream_flush, &k);
        r = source_file_end(id, k.s, r, &err, rel, m);
        if (r < 0)
                return r;
        r = ms_manifest_set_source_revised(m, id, (const char *const *) revised->v, revised->n);
        if (r >= 0 && revised->compared)
                ms_manifest_add_cells_revised(m, (long) revised->total);
        if (r < 0)
                return log_error_errno(r, "manifest: source %s: %m", id);
        if (revised->total > 0)
                log_info("source %s: %zu value(s) revised since the last good data (listed in the manifest)",
                         id, revised->total);
        return 0;
}

int ms_cycle_note_revisions(ms_chart_spec *spec, size_t n) {
        static const char *const fmt[MS_LANG_COUNT] = {
                [MS_LANG_DE] = "Revidiert: %zu %s seit der letzten Ausgabe.",
                [MS_LANG_EN] = "Revised: %zu %s since the last edition.",
        };
        static const char *const values[MS_LANG_COUNT][2] = {
                [MS_LANG_DE] = {"Wert", "Werte"},
                [MS_LANG_EN] = {"value", "values"},
        };
        for (int l = 0; l < MS_LANG_COUNT; l++) {
                char add[160];
                snprintf(add, sizeof(add), fmt[l], n, values[l][n != 1]);
                const char *old = spec->note[l];
                char *note = NULL;
                if (asprintf(&note, "%s%s%s", old ? old : "", old && *old ? " " : "", add) < 0)
                        return -ENOMEM;
                free(spec->note[l]);
                spec->note[l] = note;
        }
        return 0;
}
