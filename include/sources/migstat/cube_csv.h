/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A cube as tidy CSV: a header of the dimension ids, then "value" and
 * "status"; one row per cell in row-major order.  A missing value is an
 * empty field.  Values are written as the source wrote them when the cube
 * kept their text, else as the shortest decimal that reads back exactly.
 * This is what `migstatctl inspect` prints and what releases ship as
 * data/<source>.csv.
 */
#include "migstat/buf.h"
#include "migstat/cube.h"

int ms_cube_write_csv(const ms_cube *c, ms_buf *out);
/* The same with only the cells that have a value or a status (releases'
 * data/<source>.csv: a big sparse cube costs what its present cells do),
 * in pieces: appends rows to out until it holds max bytes; start with
 * *cursor = 0.  1 after the last row, 0 when there is more, -ENOMEM. */
int ms_cube_write_csv_chunk(const ms_cube *c, size_t *cursor, size_t max, ms_buf *out);

/* Shortest round-trip decimal text of v ("12345", "0.1"), locale-free. */
int ms_format_double(double v, char *buf, size_t n);
