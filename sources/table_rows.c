/* SPDX-License-Identifier: MIT */
/* The `table` kind: the header and each data row, checked as they come. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "table_internal.h"

static const char *field(const table_ctx *t, size_t k, size_t *ret_len) {
        if (ret_len)
                *ret_len = t->field_off[2 * k + 1];
        return t->row_buf.data + t->field_off[2 * k];
}

static bool is_time_name(const char *s) {
        return strcmp(s, "period") == 0 || strcmp(s, "time") == 0 || strcmp(s, "year") == 0 ||
               strcmp(s, "month") == 0;
}

/* For a label column "X_label..." the column it labels, or -1. */
static int label_target(const table_ctx *t, size_t col) {
        const char *name = t->col_names[col], *l = strstr(name, "_label");
        if (!l)
                return -1;
        size_t n = (size_t) (l - name);
        int found = -1;
        for (size_t c = 0; c < t->n_cols; c++) {
                const char *o = t->col_names[c];
                if (c == col || strstr(o, "_label"))
                        continue;
                if (strncmp(o, name, n) == 0 && o[n] == '\0')
                        return (int) c;
                if (strncmp(o, name, n) == 0 && o[n] == '_')
                        found = found == -1 ? (int) c : -2;
        }
        return found;
}

static int header_names(table_ctx *t) {
        t->col_names = calloc(t->n_fields, sizeof(char *));
        t->col_dim = calloc(t->n_fields, sizeof(int));
        t->col_label_of = calloc(t->n_fields, sizeof(int));
        if (!t->col_names || !t->col_dim || !t->col_label_of)
                return -ENOMEM;
        for (size_t c = 0; c < t->n_fields; c++) {
                size_t len;
                const char *s = field(t, c, &len);
                if (len == 0 || strlen(s) != len)
                        return table_fail_at(t, t->row_off, c, -EBADMSG, "expected a column name, got %s",
                                             len ? "a NUL byte" : "an empty field");
                for (size_t o = 0; o < c; o++)
                        if (strcmp(t->col_names[o], s) == 0)
                                return table_fail_at(
                                        t, t->row_off, c, -EBADMSG,
                                        "expected unique column names, \"%s\" is also column %zu", s, o + 1);
                if (!(t->col_names[c] = strdup(s)))
                        return -ENOMEM;
                t->n_cols = c + 1;
        }
        return 0;
}

static int header_dims(table_ctx *t) {
        t->dim_col = calloc(t->n_cols, sizeof(size_t));
        t->codes = calloc(t->n_cols, sizeof(ms_strmap));
        t->labels = calloc(t->n_cols, sizeof(char **));
        t->n_label_slots = calloc(t->n_cols, sizeof(size_t));
        t->first_off = calloc(t->n_cols, sizeof(size_t *));
        if (!t->dim_col || !t->codes || !t->labels || !t->n_label_slots || !t->first_off)
                return -ENOMEM;
        t->time_dim = t->geo_dim = -1;
        for (size_t c = 0; c < t->n_cols; c++) {
                const char *name = t->col_names[c];
                t->col_dim[c] = t->col_label_of[c] = -1;
                if (strcmp(name, "value") == 0)
                        t->value_col = (int) c;
                else if (strcmp(name, "status") == 0)
                        t->status_col = (int) c;
                else if (strstr(name, "_label"))
                        continue;
                else {
                        if (t->n_dims >= t->max_dims)
                                return table_fail_at(t, t->row_off, c, -E2BIG,
                                                     "expected at most %zu dimensions", t->max_dims);
                        if (t->time_dim < 0 && is_time_name(name))
                                t->time_dim = (int) t->n_dims;
                        if (t->geo_dim < 0 && strcmp(name, "geo") == 0)
                                t->geo_dim = (int) t->n_dims;
                        t->col_dim[c] = (int) t->n_dims;
                        t->dim_col[t->n_dims++] = c;
                }
        }
        if (t->value_col < 0)
                return table_fail_at(t, t->row_off, SIZE_MAX, -EBADMSG,
                                     "expected a column named \"value\" in the header");
        for (size_t c = 0; c < t->n_cols; c++) {
                if (!strstr(t->col_names[c], "_label") || (int) c == t->value_col || (int) c == t->status_col)
                        continue;
                int target = label_target(t, c);
                if (target < 0)
                        return table_fail_at(
                                t, t->row_off, c, -EBADMSG,
                                "expected a label column to name one dimension column before \"_label\"");
                t->col_label_of[c] = t->col_dim[target];
        }
        return 0;
}

int table_header(table_ctx *t) {
        int r = header_names(t);
        if (r >= 0)
                r = header_dims(t);
        return r;
}

int table_parse_number(const char *s, size_t len, char decimal, double *ret, const char **ret_why) {
        char tmp[64];
        size_t n = 0, i = 0, digits = 0, group = 0;
        bool seen_decimal = false, grouped = false;
        if (len == 0 || (len == 1 && s[0] == ':')) {
                *ret = NAN;
                return 0;
        }
        if (len >= sizeof(tmp))
                return *ret_why = "a number of at most 63 characters", -EINVAL;
        if (s[0] == '-' || s[0] == '+')
                tmp[n++] = s[i++];
        for (; i < len; i++) {
                char c = s[i];
                if (c >= '0' && c <= '9') {
                        tmp[n++] = c;
                        digits++;
                        group++;
                } else if (c == decimal && !seen_decimal && digits > 0) {
                        if (grouped && group != 3)
                                return *ret_why = "thousands groups of three digits", -EINVAL;
                        tmp[n++] = '.';
                        seen_decimal = true;
                } else if (decimal == ',' && c == '.' && !seen_decimal && digits > 0 &&
                           (grouped ? group == 3 : group <= 3)) {
                        grouped = true; /* thousands separator: 1.234,5 */
                        group = 0;
                } else
                        return *ret_why = decimal == ',' ? "a number such as 1234 or 1.234,5"
                                                         : "a number such as 1234 or 1234.5",
                               -EINVAL;
        }
        if (digits == 0 || (grouped && !seen_decimal && group != 3) || tmp[n - 1] == '.')
                return *ret_why = "a number with digits on both sides of the separator", -EINVAL;
        tmp[n] = '\0';
        *ret = strtod(tmp, NULL);
        if (!isfinite(*ret))
                return *ret_why = "a finite number", -EINVAL;
        return 0;
}

/* Category index of the code in column c (dimension d) of the current row. */
static int row_category(table_ctx *t, size_t d, uint32_t *ret) {
        size_t c = t->dim_col[d], len, llen = 0;
        const char *code = field(t, c, &len), *label = NULL;
        for (size_t lc = 0; lc < t->n_cols; lc++)
                if (t->col_label_of[lc] == (int) d) {
                        label = field(t, lc, &llen);
                        break;
                }
        if (len == 0 && llen > 0) {
                code = label; /* the annual Eurostat extract names some citizenships only by label */
                len = llen;
        }
        if (len == 0)
                return table_fail_at(t, t->row_off, c, -EBADMSG, "expected a %s code, got an empty field",
                                     t->col_names[c]);
        for (size_t i = 0; i < len; i++)
                if ((unsigned char) code[i] < 0x20)
                        return table_fail_at(
                                t, t->row_off, c, -EBADMSG,
                                "expected a code without control characters, got the byte 0x%02X",
                                (unsigned char) code[i]);
        int is_new = 0, k = ms_strmap_intern(&t->codes[d], code, len, &is_new);
        if (k < 0)
                return k;
        if (is_new) {
                size_t cap = t->n_label_slots[d];
                if ((size_t) k >= cap) {
                        cap = cap ? cap * 2 : 16;
                        char **l = reallocarray(t->labels[d], cap, sizeof(char *));
                        size_t *f = reallocarray(t->first_off[d], cap, sizeof(size_t));
                        if (l)
                                t->labels[d] = l;
                        if (f)
                                t->first_off[d] = f;
                        if (!l || !f)
                                return -ENOMEM;
                        memset(l + t->n_label_slots[d], 0, (cap - t->n_label_slots[d]) * sizeof(char *));
                        t->n_label_slots[d] = cap;
                }
                t->first_off[d][k] = t->row_off;
                if (label && llen > 0) {
                        if (!(t->labels[d][k] = strndup(label, llen)))
                                return -ENOMEM;
                        for (char *p = t->labels[d][k]; *p; p++)
                                if ((unsigned char) *p < 0x20)
                                        *p = ' '; /* a line break kept in a cell */
                }
        }
        *ret = (uint32_t) k;
        return 0;
}

static int row_grow(table_ctx *t) {
        if (t->n_rows < t->cap_rows)
                return 0;
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 256;
        if (cap > t->max_cells)
                cap = t->max_cells;
        if (t->n_rows >= cap)
                return table_fail_at(t, t->row_off, SIZE_MAX, -E2BIG, "expected at most %zu rows",
                                     t->max_cells);
        uint32_t *rows = reallocarray(t->rows, cap, (t->n_dims ? t->n_dims : 1) * sizeof(uint32_t));
        if (rows)
                t->rows = rows;
        double *v = reallocarray(t->row_values, cap, sizeof(double));
        if (v)
                t->row_values = v;
        uint16_t *st = reallocarray(t->row_status, cap, sizeof(uint16_t));
        if (st)
                t->row_status = st;
        size_t *o = reallocarray(t->row_offs, cap, sizeof(size_t));
        if (o)
                t->row_offs = o;
        if (!rows || !v || !st || !o)
                return -ENOMEM;
        t->cap_rows = cap;
        return 0;
}

static int row_value(table_ctx *t, double *ret_v, uint16_t *ret_status) {
        size_t len, slen = 0;
        const char *s = field(t, (size_t) t->value_col, &len), *why = NULL;
        const char *st = t->status_col >= 0 ? field(t, (size_t) t->status_col, &slen) : NULL;
        char decimal = t->delim == ';' ? ',' : '.';
        if (table_parse_number(s, len, decimal, ret_v, &why) < 0)
                return table_fail_at(t, t->row_off, (size_t) t->value_col, -EBADMSG,
                                     "expected %s, got \"%.40s\"", why, s);
        if (*ret_v < 0 && !t->opts->allow_negative)
                return table_fail_at(t, t->row_off, (size_t) t->value_col, -EBADMSG,
                                     "expected a count (>= 0), got %s", s);
        if (slen == 0 && len == 1 && s[0] == ':') {
                st = ":";
                slen = 1;
        }
        *ret_status = 0;
        for (size_t i = 0; i < slen; i++)
                if ((unsigned char) st[i] < 0x20)
                        return table_fail_at(t, t->row_off, (size_t) t->status_col, -EBADMSG,
                                             "expected a status flag such as p or e, got the byte 0x%02X",
                                             (unsigned char) st[i]);
        if (slen > 0) {
                int k = ms_strmap_intern(&t->statuses, st, slen, NULL);
                if (k < 0)
                        return k;
                if (k >= UINT16_MAX - 1)
                        return table_fail_at(t, t->row_off, (size_t) t->status_col, -E2BIG,
                                             "expected fewer distinct status flags");
                *ret_status = (uint16_t) (k + 1);
        }
        return 0;
}

int table_row(table_ctx *t) {
        if (t->n_fields != t->n_cols)
                return table_fail_at(t, t->row_off, SIZE_MAX, -EBADMSG,
                                     "expected %zu fields as in the header, got %zu", t->n_cols, t->n_fields);
        int r = row_grow(t);
        if (r < 0)
                return r;
        uint32_t *cats = t->rows + t->n_rows * t->n_dims;
        for (size_t d = 0; d < t->n_dims; d++)
                if ((r = row_category(t, d, &cats[d])) < 0)
                        return r;
        r = row_value(t, &t->row_values[t->n_rows], &t->row_status[t->n_rows]);
        if (r < 0)
                return r;
        t->row_offs[t->n_rows++] = t->row_off;
        return 0;
}
