/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "migstat/cube_csv.h"
#include "base/fileio.h"
#include "inspect.h"
#include "migstat/measure.h"
#include "migstat/source.h"

/* inspect reads a local file an editor points it at; the daemon's per-source
 * limit is configurable, this one only guards against a wrong file. */
#define INSPECT_MAX_BYTES (1024u * 1024 * 1024)

/* Replace *cube by the measure o->measure of it (reading the population file
 * first when given).  Errors name the population file or the measure step. */
static int inspect_measure(const ms_inspect_options *o, ms_cube **cube, ms_error *err) {
        _cleanup_(ms_cube_freep) ms_cube *pop = NULL, *out = NULL;
        int r = 0;
        if (o->population) {
                ms_error perr = {.file = o->population, .offset = -1};
                ms_buf pin = {0};
                r = ms_read_file(o->population, INSPECT_MAX_BYTES, &pin, &perr);
                if (r >= 0)
                        r = ms_source_parse(NULL, pin.data ? pin.data : "", pin.len, NULL, &pop, &perr);
                ms_buf_done(&pin);
                if (r < 0) {
                        *err = perr;
                        return r;
                }
        }
        r = ms_measure_apply(*cube, o->measure, pop, &out, err);
        if (r < 0)
                return r;
        ms_cube_free(*cube);
        *cube = TAKE_PTR(out);
        return 0;
}

int ms_inspect_file(const char *path, const ms_inspect_options *o, FILE *out, FILE *errf) {
        ms_error err = {.file = path, .offset = -1};
        ms_buf in = {0}, csv = {0};
        char msg[1024];
        _cleanup_(ms_cube_freep) ms_cube *cube = NULL;
        int r = 0;
        if (o->kind && !ms_source_kind_is_known(o->kind))
                r = ms_error_set(&err, -EINVAL, "", "unknown kind \"%s\" (expected one of %s)", o->kind,
                                 ms_source_kinds_list());
        if (r >= 0)
                r = ms_read_file(path, INSPECT_MAX_BYTES, &in, &err);
        if (r >= 0) {
                ms_source_options so = {.dataset = o->dataset, .keep_text = true};
                r = ms_source_parse(o->kind, in.data ? in.data : "", in.len, &so, &cube, &err);
        }
        ms_buf_done(&in);
        if (r >= 0 && o->measure)
                r = inspect_measure(o, &cube, &err);
        if (r >= 0 && o->normalize_periods && (r = ms_cube_normalize_periods(cube)) == -EINVAL)
                r = ms_error_set(&err, r, "", "the time dimension's codes are not all periods");
        if (r >= 0)
                r = ms_cube_write_csv(cube, &csv);
        if (r >= 0 && fwrite(csv.data, 1, csv.len, out) != csv.len)
                r = ms_error_set(&err, -EIO, "", "cannot write the output");
        ms_buf_done(&csv);
        if (r >= 0 && fflush(out) != 0)
                r = ms_error_set(&err, -errno, "", "cannot write the output: %m");
        if (r < 0) {
                if (!err.msg[0])
                        ms_error_set(&err, r, "", "%s", strerror(-r));
                fprintf(errf, "migstatctl: %s\n", ms_error_format(&err, msg, sizeof(msg)));
        }
        return r;
}
