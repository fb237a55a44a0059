/* SPDX-License-Identifier: MIT */
/* Where in a table a problem is: the error names the row's line and column
 * and the field's column name, for the reader (table.c), the row checks
 * (table_rows.c) and the cube's build (table_build.c) alike. */
#include <stdarg.h>
#include <stdio.h>

#include "table_internal.h"

/* Byte offset where field `k` of the row starting at `off` begins. */
size_t table_field_offset(const table_ctx *t, size_t off, size_t k) {
        bool quoted = false;
        size_t i = off;
        for (; i < t->len && k > 0; i++) {
                if (t->buf[i] == '"')
                        quoted = !quoted;
                else if (!quoted && t->buf[i] == t->delim)
                        k--;
        }
        return i;
}

int table_fail_at(table_ctx *t, size_t row_off, size_t field, int r, const char *fmt, ...) {
        va_list ap;
        char msg[sizeof(t->err->msg)];
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        char where[64] = "";
        if (field < t->n_cols)
                snprintf(where, sizeof(where), "column %zu (%s)", field + 1, t->col_names[field]);
        else if (field != SIZE_MAX)
                snprintf(where, sizeof(where), "column %zu", field + 1);
        ms_error_set(t->err, r, where, "%s", msg);
        ms_error_locate(t->err, t->buf, t->len,
                        field == SIZE_MAX ? row_off : table_field_offset(t, row_off, field));
        if (t->r >= 0)
                t->r = r;
        return r;
}
