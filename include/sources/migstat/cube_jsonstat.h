/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A cube written as a JSON-stat 2.0 dataset (dense index order, sparse
 * "value" and "status" objects holding only the cells that have one, role
 * for time, geo and metric), which ms_jsonstat_parse() reads back to the
 * same cube.  -ENOMEM.
 */
#include "migstat/buf.h"
#include "migstat/cube.h"

int ms_cube_write_jsonstat(const ms_cube *c, ms_buf *out);
