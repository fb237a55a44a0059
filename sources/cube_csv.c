/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube_csv.h"

/*
 * Shortest decimal that strtod() reads back as exactly v.  Integers below
 * 2^53 print without an exponent ("1000000", not "1e+06"): these files are
 * opened by editors in spreadsheets.  We never call setlocale(), but a
 * program linking us might; the C library then writes and reads its own
 * decimal point, so the round trip still holds and we swap the point for
 * '.' afterwards.  NaN is the empty string (a missing value).
 */
int ms_format_double(double v, char *buf, size_t n) {
        char tmp[64];
        int w;

        if (n == 0)
                return -ENOBUFS;
        if (isnan(v))
                w = snprintf(tmp, sizeof(tmp), "%s", "");
        else if (isinf(v))
                w = snprintf(tmp, sizeof(tmp), "%s", v < 0 ? "-inf" : "inf");
        else if (v == floor(v) && fabs(v) < 9007199254740992.0)
                w = snprintf(tmp, sizeof(tmp), "%.0f", v);
        else {
                /* Any decimal of up to 15 significant digits (DBL_DIG)
                 * survives the trip through a double, so %.15g (which
                 * drops trailing zeros) already is the shortest text when
                 * it reads back; starting there saves a dozen tries. */
                w = 0;
                for (int prec = 15; prec <= 17; prec++) {
                        w = snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
                        if (strtod(tmp, NULL) == v)
                                break;
                }
                const char *dp = localeconv()->decimal_point;
                if (dp && strcmp(dp, ".") != 0 && dp[0]) {
                        char *p = strstr(tmp, dp);
                        if (p) {
                                size_t dl = strlen(dp);
                                *p = '.';
                                memmove(p + 1, p + dl, strlen(p + dl) + 1);
                                w -= (int) dl - 1;
                        }
                }
        }
        if (w < 0)
                return -EINVAL;
        if ((size_t) w >= n)
                return -ENOBUFS;
        memcpy(buf, tmp, (size_t) w + 1);
        return w;
}

static int put_value(const ms_cube *c, size_t off, ms_buf *out) {
        const char *text;
        int kind = ms_cube_text(c, off, &text);
        if (kind == MS_CELL_TEXT_STRING && text[0] == '\0')
                return ms_buf_puts(out, "\"\""); /* an empty string is not a missing value */
        if (kind != MS_CELL_TEXT_NONE)
                return ms_buf_put_csv_cell(out, text);
        if (isnan(c->values[off]))
                return 0;
        char num[64];
        int r = ms_format_double(c->values[off], num, sizeof(num));
        if (r < 0)
                return r;
        return ms_buf_append(out, num, (size_t) r);
}

static int put_header(const ms_cube *c, ms_buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < c->n_dims; i++) {
                r = ms_buf_put_csv_cell(out, c->dims[i].id);
                if (r >= 0)
                        r = ms_buf_append(out, ",", 1);
        }
        return r < 0 ? r : ms_buf_puts(out, "value,status\n");
}

static void advance(const ms_cube *c, size_t *pos) {
        for (size_t i = c->n_dims; i > 0; i--) {
                if (++pos[i - 1] < c->dims[i - 1].n_categories)
                        break;
                pos[i - 1] = 0;
        }
}

static bool cell_present(const ms_cube *c, size_t off) {
        return !isnan(c->values[off]) || ms_cube_status(c, off) ||
               ms_cube_text(c, off, &(const char *){NULL}) != MS_CELL_TEXT_NONE;
}

static int put_row(const ms_cube *c, size_t off, const size_t *pos, ms_buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < c->n_dims; i++) {
                r = ms_buf_put_csv_cell(out, c->dims[i].categories[pos[i]].code);
                if (r >= 0)
                        r = ms_buf_append(out, ",", 1);
        }
        if (r >= 0)
                r = put_value(c, off, out);
        if (r >= 0)
                r = ms_buf_append(out, ",", 1);
        const char *status = ms_cube_status(c, off);
        if (r >= 0 && status)
                r = ms_buf_put_csv_cell(out, status);
        return r < 0 ? r : ms_buf_append(out, "\n", 1);
}

/*
 * Rows from cell *cursor - 1 on (0: the header first) until out holds at
 * least max bytes; positions advance like an odometer (last dimension
 * fastest), which avoids a division per cell on cubes of millions of
 * cells.  1 when the last row is written.
 */
static int write_rows(const ms_cube *c, bool present_only, size_t *cursor, size_t max, ms_buf *out) {
        int r = 0;
        if (*cursor == 0) {
                r = put_header(c, out);
                *cursor = 1;
        }
        if (r < 0 || *cursor > c->n_cells)
                return r < 0 ? r : 1;
        _cleanup_free_ size_t *pos = calloc(c->n_dims ? c->n_dims : 1, sizeof(size_t));
        if (!pos)
                return -ENOMEM;
        ms_cube_positions(c, *cursor - 1, pos);
        size_t off = *cursor - 1;
        for (; off < c->n_cells && out->len < max; off++) {
                if (!present_only || cell_present(c, off))
                        r = put_row(c, off, pos, out);
                if (r < 0)
                        return r;
                advance(c, pos);
        }
        *cursor = off + 1;
        return off >= c->n_cells;
}

int ms_cube_write_csv_chunk(const ms_cube *c, size_t *cursor, size_t max, ms_buf *out) {
        return write_rows(c, true, cursor, max, out);
}

int ms_cube_write_csv(const ms_cube *c, ms_buf *out) {
        size_t cursor = 0;
        int r = write_rows(c, false, &cursor, SIZE_MAX, out);
        return r < 0 ? r : 0;
}
