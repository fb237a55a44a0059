/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "migstat/error.h"

void ms_error_clear(ms_error *e) {
        if (!e)
                return;
        /* The file, borrowed or owned, stays. */
        e->line = e->col = 0;
        e->offset = -1;
        e->where[0] = e->msg[0] = 0;
}

void ms_error_set_file(ms_error *e, const char *path) {
        if (!e)
                return;
        size_t n = strlen(path ? path : ""), max = sizeof(e->file_buf) - 1;
        if (n <= max)
                memcpy(e->file_buf, path, n + 1);
        else /* "…" and the end of the path */
                snprintf(e->file_buf, sizeof(e->file_buf), "\u2026%s", path + n - (max - 3));
        e->file = e->file_buf;
}

int ms_error_set(ms_error *e, int r, const char *where, const char *fmt, ...) {
        if (!e)
                return r;
        snprintf(e->where, sizeof(e->where), "%s", where ? where : "");
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
        va_end(ap);
        return r;
}

void ms_error_locate(ms_error *e, const char *buf, size_t len, size_t offset) {
        if (!e)
                return;
        if (offset > len)
                offset = len;
        unsigned line = 1, col = 1;
        for (size_t i = 0; i < offset; i++) {
                if (buf[i] == '\n') {
                        line++;
                        col = 1;
                } else if (((unsigned char) buf[i] & 0xC0) != 0x80) /* count characters, not bytes */
                        col++;
        }
        e->line = line;
        e->col = col;
        e->offset = (ssize_t) offset;
}

const char *ms_error_format(const ms_error *e, char *out, size_t n) {
        size_t k = 0;
        if (n == 0)
                return out;
        out[0] = '\0';
#define APPEND(...) \
        do { \
                if (k < n) { \
                        int _w = snprintf(out + k, n - k, __VA_ARGS__); \
                        if (_w > 0) \
                                k += (size_t) _w; \
                } \
        } while (0)
        if (e->file)
                APPEND("%s:", e->file);
        if (e->line > 0)
                APPEND("%u:%u:", e->line, e->col);
        else if (e->offset >= 0)
                APPEND("byte %zd:", e->offset);
        if (k > 0)
                APPEND(" ");
        if (e->where[0])
                APPEND("%s: ", e->where);
        APPEND("%s", e->msg[0] ? e->msg : "unknown error");
#undef APPEND
        return out;
}
