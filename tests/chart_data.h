/* SPDX-License-Identifier: MIT */
#pragma once
/*
 * Test helper: real figures for chart tests, read from the bundled CSVs
 * (data/ layout: header row, comma
 * separated, no quoted commas in the columns used).  Never invented numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/slice.h"

#define CD_MAX_COLS 12

/* Split line in place at commas (a field in double quotes may hold
 * commas; no doubled quotes in these files); returns the number of fields. */
static inline size_t cd_split(char *line, char **f) {
        size_t n = 0;
        line[strcspn(line, "\r\n")] = 0;
        for (char *p = line; n < CD_MAX_COLS; n++) {
                if (*p == '"') {
                        char *q = strchr(p + 1, '"');
                        if (q) {
                                *q = 0;
                                f[n] = p + 1;
                                if (q[1] != ',')
                                        return n + 1;
                                p = q + 2;
                                continue;
                        }
                }
                f[n] = p;
                char *c = strchr(p, ',');
                if (!c)
                        return n + 1;
                *c = 0;
                p = c + 1;
        }
        return n;
}

/* Rows whose columns match `match` (NULL entries match anything), in file
 * order, as a series: code from column code_col, label from label_col (or
 * the code when < 0), value from value_col (empty: NaN).  Keeps the last
 * `last` rows when last > 0.  NULL when the file is missing or nothing matches.
 * Free it with ms_series_free(). */
static inline ms_series *cd_load(const char *path, const char *const *match, size_t n_match, int code_col,
                                 int label_col, int value_col, size_t last) {
        FILE *fp = fopen(path, "re");
        char line[1024];
        ms_series *s = calloc(1, sizeof(*s));
        size_t cap = 0;
        if (!fp || !s || !fgets(line, sizeof(line), fp)) {
                if (fp)
                        fclose(fp);
                free(s);
                return NULL;
        }
        while (fgets(line, sizeof(line), fp)) {
                char *f[CD_MAX_COLS];
                size_t nf = cd_split(line, f), i;
                for (i = 0; i < n_match && i < nf; i++)
                        if (match[i] && strcmp(match[i], f[i]) != 0)
                                break;
                if (i < n_match || (size_t) value_col >= nf)
                        continue;
                if (s->n == cap) {
                        cap = cap ? cap * 2 : 64;
                        s->codes = realloc(s->codes, cap * sizeof(char *));
                        s->labels = realloc(s->labels, cap * sizeof(char *));
                        s->values = realloc(s->values, cap * sizeof(double));
                }
                s->codes[s->n] = strdup(f[code_col]);
                s->labels[s->n] = strdup(f[label_col >= 0 ? label_col : code_col]);
                s->values[s->n] = *f[value_col] ? strtod(f[value_col], NULL) : NAN;
                s->n++;
        }
        fclose(fp);
        if (s->n == 0) {
                free(s);
                return NULL;
        }
        if (last && s->n > last) {
                size_t off = s->n - last;
                for (size_t i = 0; i < off; i++) {
                        free(s->codes[i]);
                        free(s->labels[i]);
                }
                memmove(s->codes, s->codes + off, last * sizeof(char *));
                memmove(s->labels, s->labels + off, last * sizeof(char *));
                memmove(s->values, s->values + off, last * sizeof(double));
                s->n = last;
        }
        s->dim = strdup("time");
        return s;
}

/* The whole file as a string (for specs); NULL when missing. */
static inline char *cd_slurp(const char *path, size_t *ret_len) {
        FILE *fp = fopen(path, "re");
        char *buf = NULL;
        size_t len = 0;
        if (!fp)
                return NULL;
        buf = malloc(1 << 16);
        if (buf)
                len = fread(buf, 1, (1 << 16) - 1, fp);
        fclose(fp);
        if (buf)
                buf[len] = 0;
        *ret_len = len;
        return buf;
}

/* Keep the `top` largest values (ties in file order), largest first. */
static inline void cd_keep_top(ms_series *s, size_t top) {
        for (size_t k = 0; k < s->n && k < top; k++) { /* selection sort: small n */
                size_t best = k;
                for (size_t i = k + 1; i < s->n; i++)
                        if (s->values[i] > s->values[best])
                                best = i;
                char *c = s->codes[k], *lb = s->labels[k];
                double v = s->values[k];
                s->codes[k] = s->codes[best], s->labels[k] = s->labels[best], s->values[k] = s->values[best];
                s->codes[best] = c, s->labels[best] = lb, s->values[best] = v;
        }
        for (size_t i = top; i < s->n; i++) {
                free(s->codes[i]);
                free(s->labels[i]);
        }
        if (s->n > top)
                s->n = top;
}
