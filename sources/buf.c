/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "migstat/buf.h"

static int buf_reserve(ms_buf *b, size_t extra) {
        if (extra > SIZE_MAX - b->len - 1)
                return -ENOMEM;
        size_t need = b->len + extra + 1; /* always room for a terminating NUL */
        if (need <= b->cap)
                return 0;
        size_t cap = b->cap ? b->cap : 256;
        while (cap < need)
                cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        char *p = realloc(b->data, cap);
        if (!p)
                return -ENOMEM;
        b->data = p;
        b->cap = cap;
        return 0;
}

int ms_buf_append(ms_buf *b, const void *p, size_t n) {
        int r = buf_reserve(b, n);
        if (r < 0)
                return r;
        if (n > 0)
                memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
}

int ms_buf_puts(ms_buf *b, const char *s) {
        return ms_buf_append(b, s, strlen(s));
}

int ms_buf_printf(ms_buf *b, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
                return -EINVAL;
        int r = buf_reserve(b, (size_t) n);
        if (r < 0)
                return r;
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t) n + 1, fmt, ap);
        va_end(ap);
        b->len += (size_t) n;
        return 0;
}

/* "prefix + s" in double quotes, inner quotes doubled (RFC 4180). */
static int put_csv_quoted(ms_buf *b, const char *prefix, const char *s) {
        int r = ms_buf_append(b, "\"", 1);
        if (r >= 0)
                r = ms_buf_puts(b, prefix);
        for (const char *p = s; r >= 0 && *p; p++)
                r = *p == '"' ? ms_buf_append(b, "\"\"", 2) : ms_buf_append(b, p, 1);
        return r < 0 ? r : ms_buf_append(b, "\"", 1);
}

int ms_buf_put_csv_field(ms_buf *b, const char *s) {
        /* ';' too: the German CSVs separate with it, and quoting is harmless
         * where ',' separates. */
        return strpbrk(s, ",;\"\r\n") ? put_csv_quoted(b, "", s) : ms_buf_puts(b, s);
}

int ms_buf_put_csv_cell(ms_buf *b, const char *s) {
        /* A spreadsheet runs a cell that starts like a formula (OWASP's CSV
         * injection): text from remote data gets a leading apostrophe, which
         * spreadsheets read as "this is text" and do not show. */
        if (s[0] && strchr("=+-@\t\r", s[0]))
                return put_csv_quoted(b, "'", s);
        return ms_buf_put_csv_field(b, s);
}

int ms_buf_put_xml_escaped(ms_buf *b, const char *s) {
        int r = 0;
        const char *run = s;
        for (const char *p = s; r >= 0; p++) {
                const char *rep = NULL;
                switch (*p) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&#39;"; break;
                case '\0': return ms_buf_append(b, run, (size_t) (p - run));
                default:
                        /* XML 1.0 forbids C0 controls but tab, LF, CR: drop them. */
                        if ((unsigned char) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                                rep = "";
                        break;
                }
                if (!rep)
                        continue;
                r = ms_buf_append(b, run, (size_t) (p - run));
                if (r >= 0)
                        r = ms_buf_puts(b, rep);
                run = p + 1;
        }
        return r;
}

void ms_buf_done(ms_buf *b) {
        free(b->data);
        *b = (ms_buf){0};
}

int ms_grow_array(void **array, size_t *cap, size_t need, size_t elem) {
        if (need <= *cap)
                return 0;
        size_t n = *cap ? *cap : 16;
        while (n < need)
                n = n > SIZE_MAX / 2 ? need : n * 2;
        void *p = reallocarray(*array, n, elem);
        if (!p)
                return -ENOMEM;
        *array = p;
        *cap = n;
        return 0;
}
