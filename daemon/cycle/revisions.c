/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cycle/revisions.h"

/* One row: the key is everything before the last two fields (value and
 * status never contain a comma in the CSV ms_cube_write_csv() writes). */
typedef struct row {
        const char *key, *rest;
        size_t key_len, rest_len;
} row;

static const char *line_end(const char *p, const char *end) {
        const char *nl = memchr(p, '\n', (size_t) (end - p));
        return nl ? nl : end;
}

static int row_split(const char *p, const char *e, row *ret) {
        if (e > p && e[-1] == '\r')
                e--;
        const char *last = NULL, *prev = NULL;
        for (const char *q = p; q < e; q++)
                if (*q == ',') {
                        prev = last;
                        last = q;
                }
        if (!prev)
                return -EINVAL;
        *ret = (row){.key = p, .key_len = (size_t) (prev - p), .rest = prev + 1, .rest_len = (size_t) (e - prev - 1)};
        return 0;
}

static int row_cmp(const void *a, const void *b) {
        const row *x = a, *y = b;
        size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
        int c = memcmp(x->key, y->key, n);
        return c ? c : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* The data rows of csv (after its header), sorted by key. */
static ssize_t rows_sorted(const char *csv, size_t len, row **ret) {
        const char *p = csv, *end = csv + len;
        p = line_end(p, end) + 1; /* the header */
        size_t cap = 0, n = 0;
        row *rows = NULL;
        for (; p < end; p = line_end(p, end) + 1) {
                const char *e = line_end(p, end);
                if (e == p)
                        continue;
                if (n == cap) {
                        row *nr = reallocarray(rows, cap = cap ? cap * 2 : 256, sizeof(*rows));
                        if (!nr)
                                return free(rows), -ENOMEM;
                        rows = nr;
                }
                if (row_split(p, e, &rows[n]) >= 0)
                        n++;
        }
        if (n)
                qsort(rows, n, sizeof(*rows), row_cmp);
        *ret = rows;
        return (ssize_t) n;
}

static size_t header_len(const char *csv, size_t len) {
        return (size_t) (line_end(csv, csv + len) - csv);
}

ssize_t ms_revisions_count(const char *old_csv, size_t old_len, const char *new_csv, size_t new_len) {
        size_t ho = header_len(old_csv, old_len), hn = header_len(new_csv, new_len);
        if (ho != hn || memcmp(old_csv, new_csv, ho) != 0)
                return -EINVAL;
        row *a = NULL, *b = NULL;
        ssize_t na = rows_sorted(old_csv, old_len, &a);
        ssize_t nb = na < 0 ? na : rows_sorted(new_csv, new_len, &b);
        if (nb < 0) {
                free(a);
                return nb;
        }
        ssize_t revised = 0;
        for (ssize_t i = 0, j = 0; i < na && j < nb;) {
                int c = row_cmp(&a[i], &b[j]);
                if (c == 0 && (a[i].rest_len != b[j].rest_len || memcmp(a[i].rest, b[j].rest, a[i].rest_len) != 0))
                        revised++;
                i += c <= 0;
                j += c >= 0;
        }
        free(a);
        free(b);
        return revised;
}
