/* SPDX-License-Identifier: MIT */
#pragma once

/* A growable byte buffer: the "stream" that charts/ and sources/ write into.
 * The daemon decides where the bytes go (a file, a hash, a socket). */
#include <stddef.h>

#include "migstat/macro.h"

typedef struct ms_buf {
        char *data;
        size_t len, cap;
} ms_buf;

int ms_buf_append(ms_buf *b, const void *p, size_t n);
int ms_buf_puts(ms_buf *b, const char *s);
int ms_buf_printf(ms_buf *b, const char *fmt, ...) _printf_(2, 3);
/* Append s as one RFC 4180 CSV field (quoted when it holds , " CR or LF). */
int ms_buf_put_csv_field(ms_buf *b, const char *s);
/* A text cell of a CSV that people open in spreadsheets (the published
 * ones): as ms_buf_put_csv_field(), but text that starts like a formula
 * (= + - @ tab CR) is quoted with a leading apostrophe. */
int ms_buf_put_csv_cell(ms_buf *b, const char *s);
/* Append s with & < > " ' escaped for XML/HTML text and attributes. */
int ms_buf_put_xml_escaped(ms_buf *b, const char *s);
void ms_buf_done(ms_buf *b);

/* Room for need elements of elem bytes in *array, whose capacity is *cap:
 * the capacity doubles (from 16) until it is enough.  On -ENOMEM both are
 * left as they were.  MS_GROW takes the element size from the array. */
int ms_grow_array(void **array, size_t *cap, size_t need, size_t elem);
#define MS_GROW(array, cap, need) ms_grow_array((void **) &(array), &(cap), (need), sizeof(*(array)))
