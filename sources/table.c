/* SPDX-License-Identifier: MIT */
/* The `table` kind: reading rows with libcsv.  table_build.c turns them into a cube. */
#include <assert.h>
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/table.h"
#include "table_internal.h"

static bool utf8_valid(const unsigned char *s, size_t len, size_t *ret_bad) {
        for (size_t i = 0; i < len;) {
                unsigned char c = s[i];
                size_t n = c < 0x80             ? 1
                           : (c & 0xE0) == 0xC0 ? 2
                           : (c & 0xF0) == 0xE0 ? 3
                           : (c & 0xF8) == 0xF0 ? 4
                                                : 0;
                if (n == 0 || i + n > len || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) {
                        *ret_bad = i;
                        return false;
                }
                for (size_t k = 1; k < n; k++)
                        if ((s[i + k] & 0xC0) != 0x80) {
                                *ret_bad = i;
                                return false;
                        }
                /* overlong 3-byte forms and surrogates */
                if (n == 3 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0))) {
                        *ret_bad = i;
                        return false;
                }
                i += n;
        }
        return true;
}

/* Rows end at LF (CRLF too: the CR is trimmed as trailing space).  A lone CR
 * inside an unquoted field stays in the field: BAMF's transcribed tables have
 * "Pers. aus palaestinensischen Gebieten<CR>(nicht als Staat anerkannt)". */
static int is_term(unsigned char c) {
        return c == '\n';
}

static int is_space(unsigned char c) {
        return c == ' ' || c == '\t' || c == '\r';
}

char ms_table_detect_delimiter(const char *buf, size_t len) {
        size_t comma = 0, semi = 0;
        bool quoted = false;
        for (size_t i = 0; i < len && (quoted || (buf[i] != '\n' && buf[i] != '\r')); i++) {
                if (buf[i] == '"')
                        quoted = !quoted;
                else if (!quoted && buf[i] == ',')
                        comma++;
                else if (!quoted && buf[i] == ';')
                        semi++;
        }
        return semi > comma ? ';' : ',';
}

static void on_field(void *s, size_t len, void *data) {
        table_ctx *t = data;
        if (t->r < 0)
                return;
        if (t->n_fields == 0) {
                t->row_off = t->chunk_off;
                t->row_buf.len = 0;
        }
        /* Two offsets a field: where it starts in row_buf and its length. */
        if (ms_grow_array((void **) &t->field_off, &t->cap_fields, t->n_fields + 1, 2 * sizeof(size_t)) < 0) {
                t->r = -ENOMEM;
                return;
        }
        t->field_off[2 * t->n_fields] = t->row_buf.len;
        t->field_off[2 * t->n_fields + 1] = len;
        int r = ms_buf_append(&t->row_buf, s ? s : "", len);
        if (r >= 0)
                r = ms_buf_append(&t->row_buf, "", 1);
        if (r < 0)
                t->r = r;
        t->n_fields++;
}

static void on_row(int c, void *data) {
        table_ctx *t = data;
        (void) c;
        if (t->r < 0)
                return;
        int r = t->n_cols == 0 ? table_header(t) : table_row(t);
        if (r < 0 && t->r >= 0)
                t->r = r;
        t->n_fields = 0;
}

static int feed(table_ctx *t, struct csv_parser *p, size_t start) {
        for (size_t off = start; off < t->len && t->r >= 0;) {
                const char *nl = memchr(t->buf + off, '\n', t->len - off);
                size_t n = nl ? (size_t) (nl - (t->buf + off)) + 1 : t->len - off;
                t->chunk_off = off;
                size_t done = csv_parse(p, t->buf + off, n, on_field, on_row, t);
                if (done != n && t->r >= 0) {
                        ms_error_set(t->err, -EBADMSG, "",
                                     "%s: expected a quote to close a field, a delimiter or a line end",
                                     csv_strerror(csv_error(p)));
                        ms_error_locate(t->err, t->buf, t->len, off + done);
                        return -EBADMSG;
                }
                off += n;
        }
        if (t->r >= 0 && csv_fini(p, on_field, on_row, t) != 0) {
                ms_error_set(t->err, -EBADMSG, "", "unterminated quoted field at the end of the file");
                ms_error_locate(t->err, t->buf, t->len, t->row_off);
                return -EBADMSG;
        }
        return t->r;
}

static void ctx_done(table_ctx *t) {
        for (size_t i = 0; i < t->n_cols; i++)
                free(t->col_names[i]);
        free(t->col_names);
        free(t->col_dim);
        free(t->col_label_of);
        for (size_t d = 0; d < t->n_dims; d++) {
                ms_strmap_done(&t->codes[d]);
                for (size_t k = 0; t->labels && t->labels[d] && k < t->n_label_slots[d]; k++)
                        free(t->labels[d][k]);
                if (t->labels)
                        free(t->labels[d]);
                if (t->first_off)
                        free(t->first_off[d]);
        }
        free(t->codes);
        free(t->labels);
        free(t->n_label_slots);
        free(t->first_off);
        free(t->dim_col);
        ms_strmap_done(&t->statuses);
        free(t->rows);
        free(t->row_values);
        free(t->row_status);
        free(t->row_offs);
        free(t->field_off);
        ms_buf_done(&t->row_buf);
}

int ms_table_parse(const char *buf, size_t len, const ms_table_options *opts, ms_cube **ret, ms_error *err) {
        static const ms_table_options defaults = {0};
        ms_error dummy = {.offset = -1};
        table_ctx t = {
                .buf = buf,
                .len = len,
                .err = err ? err : &dummy,
                .opts = opts ? opts : &defaults,
                .value_col = -1,
                .status_col = -1,
        };
        struct csv_parser p;
        size_t bad, start = 0;
        assert(buf || len == 0);
        assert(ret);

        t.max_cells = t.opts->max_cells ? t.opts->max_cells : TABLE_DEFAULT_MAX_CELLS;
        t.max_dims = ms_cube_dims_limit(t.opts->max_dims);
        if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                start = 3;
        if (!utf8_valid((const unsigned char *) buf, len, &bad)) {
                ms_error_set(t.err, -EBADMSG, "",
                             "expected UTF-8 text, got the byte 0x%02X (save the file as UTF-8)",
                             (unsigned char) buf[bad]);
                ms_error_locate(t.err, buf, len, bad);
                return -EBADMSG;
        }
        t.delim = ms_table_detect_delimiter(buf + start, len - start);
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
                return -ENOMEM;
        csv_set_delim(&p, (unsigned char) t.delim);
        csv_set_term_func(&p, is_term);
        csv_set_space_func(&p, is_space);
        int r = feed(&t, &p, start);
        csv_free(&p);
        if (r >= 0 && t.n_cols == 0)
                r = ms_error_set(t.err, -EBADMSG, "",
                                 "expected a header row with a \"value\" column, got an empty file");
        if (r >= 0)
                r = table_build(&t, ret);
        ctx_done(&t);
        return r;
}
