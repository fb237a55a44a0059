/* SPDX-License-Identifier: MIT */
#pragma once

/* Shared state of the `table` reader (table.c reads, table_rows.c checks rows,
 * table_build.c makes the cube, table_error.c says where a problem is).  Internal to sources/. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "migstat/buf.h"
#include "migstat/table.h"
#include "strmap.h"

#define TABLE_DEFAULT_MAX_CELLS ((size_t) 10000000)

typedef struct table_ctx {
        const char *buf;
        size_t len;
        ms_error *err;
        const ms_table_options *opts;
        size_t max_cells, max_dims;
        char delim;
        int r;

        /* header */
        size_t n_cols;
        char **col_names;
        int *col_dim; /* dimension of a column or -1 */
        int *col_label_of; /* for label columns: the dimension labelled, else -1 */
        int value_col, status_col;
        size_t n_dims;
        size_t *dim_col; /* column of each dimension */
        int time_dim, geo_dim;

        /* the row being read */
        ms_buf row_buf; /* fields, NUL-terminated, back to back */
        size_t *field_off; /* pairs: offset into row_buf, length */
        size_t n_fields, cap_fields;
        size_t chunk_off; /* offset of the line being fed */
        size_t row_off; /* offset of the line the row started on */

        /* categories per dimension */
        ms_strmap *codes;
        char ***labels; /* [dim][category], NULL = the code */
        size_t *n_label_slots; /* allocated label slots per dim */
        size_t **first_off; /* [dim][category]: row offset of first use */
        ms_strmap statuses;

        /* rows */
        uint32_t *rows; /* n_rows * n_dims category indices */
        double *row_values;
        uint16_t *row_status; /* 0 = none, else statuses index + 1 */
        size_t *row_offs;
        size_t n_rows, cap_rows;
} table_ctx;

int table_header(table_ctx *t);
int table_row(table_ctx *t);
int table_build(table_ctx *t, ms_cube **ret);
/* table_error.c: byte offset where field k of the row starting at off begins. */
size_t table_field_offset(const table_ctx *t, size_t off, size_t k);
/* Set the error at field `field` (SIZE_MAX = the row) of the row at row_off. */
int table_fail_at(table_ctx *t, size_t row_off, size_t field, int r, const char *fmt, ...) _printf_(5, 6);
/* Parse a value: number, empty or ":" (NaN).  0 or -EINVAL with a reason. */
int table_parse_number(const char *s, size_t len, char decimal, double *ret, const char **ret_why);
