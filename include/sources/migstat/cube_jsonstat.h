/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A cube written as a JSON-stat 2.0 dataset ("value" an array when at
 * least a third of the cells have one, else an object of only the present
 * cells; "status" sparse; role for time, geo and metric), which
 * ms_jsonstat_parse() reads back to the same cube.  -ENOMEM.
 */
#include "migstat/buf.h"
#include "migstat/cube.h"

int ms_cube_write_jsonstat(const ms_cube *c, ms_buf *out);
/* The same text in pieces of about 1 MiB, each handed to flush (which
 * returns >= 0 or -errno, then returned); a big cube's text is never
 * whole in memory. */
int ms_cube_write_jsonstat_chunks(const ms_cube *c, int (*flush)(void *userdata, const ms_buf *b),
                                  void *userdata);
