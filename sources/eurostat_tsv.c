/* SPDX-License-Identifier: MIT */
/* Eurostat's bulk-download TSV -> cube.  Two passes: codes, then values. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/eurostat_tsv.h"
#include "migstat/period.h"
#include "strmap.h"

#define DEFAULT_MAX_CELLS ((size_t) 50000000)

typedef struct tsv_period {
        ms_period p;
        size_t col; /* header column (1-based among the period cells) */
        char *code; /* as written, trimmed */
} tsv_period;

typedef struct tsv_ctx {
        const char *buf;
        size_t len;
        ms_error *err;
        size_t max_cells, max_dims;
        size_t n_dims; /* row dimensions */
        char **dim_ids;
        char *time_id;
        size_t n_periods;
        tsv_period *periods;
        size_t *col_pos; /* header column -> sorted time position */
        ms_strmap *codes;
        size_t data_off; /* first byte after the header line */
} tsv_ctx;

static int fail(tsv_ctx *t, size_t off, int r, const char *fmt, ...) _printf_(4, 5);
static int fail(tsv_ctx *t, size_t off, int r, const char *fmt, ...) {
        va_list ap;
        char msg[sizeof(t->err->msg)];
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        ms_error_set(t->err, r, "", "%s", msg);
        ms_error_locate(t->err, t->buf, t->len, off);
        return r;
}

/* The line at *off (without CR LF); advances *off.  false at the end. */
static bool next_line(const tsv_ctx *t, size_t *off, size_t *ret_start, size_t *ret_len) {
        if (*off >= t->len)
                return false;
        const char *nl = memchr(t->buf + *off, '\n', t->len - *off);
        size_t end = nl ? (size_t) (nl - t->buf) : t->len;
        *ret_start = *off;
        *ret_len = end - *off;
        if (*ret_len > 0 && t->buf[end - 1] == '\r')
                (*ret_len)--;
        *off = nl ? end + 1 : t->len;
        return true;
}

static void trim(const char *buf, size_t *a, size_t *b) {
        while (*a < *b && buf[*a] == ' ')
                (*a)++;
        while (*b > *a && buf[*b - 1] == ' ')
                (*b)--;
}

static int period_cmp(const void *x, const void *y) {
        return ms_period_compare(&((const tsv_period *) x)->p, &((const tsv_period *) y)->p);
}

/* "freq,unit,geo\TIME_PERIOD": the row dimension ids and the time id. */
static int parse_dim_ids(tsv_ctx *t, size_t a, size_t b) {
        const char *bs = memchr(t->buf + a, '\\', b - a);
        if (!bs)
                return fail(t, a, -EBADMSG,
                            "expected a first header cell such as \"unit,geo\\time\", got no backslash");
        size_t mid = (size_t) (bs - t->buf);
        if (!(t->time_id = strndup(bs + 1, b - mid - 1)))
                return -ENOMEM;
        for (size_t s = a, i = a; i <= mid; i++) {
                if (i < mid && t->buf[i] != ',')
                        continue;
                if (i == s)
                        return fail(t, s, -EBADMSG, "expected a dimension id, got an empty one");
                if (t->n_dims + 1 >= t->max_dims) /* the time dimension is one more */
                        return fail(t, s, -E2BIG,
                                    "expected at most %zu dimensions, the time dimension included",
                                    t->max_dims);
                char **ids = reallocarray(t->dim_ids, t->n_dims + 1, sizeof(char *));
                if (!ids)
                        return -ENOMEM;
                t->dim_ids = ids;
                if (!(ids[t->n_dims++] = strndup(t->buf + s, i - s)))
                        return -ENOMEM;
                for (size_t j = 0; j + 1 < t->n_dims; j++)
                        if (strcmp(ids[j], ids[t->n_dims - 1]) == 0)
                                return fail(t, s, -EBADMSG,
                                            "expected distinct dimension ids, got \"%s\" twice", ids[j]);
                if (strcmp(ids[t->n_dims - 1], t->time_id) == 0)
                        return fail(
                                t, s, -EBADMSG,
                                "expected distinct dimension ids, got \"%s\" as a row and the time dimension",
                                t->time_id);
                s = i + 1;
        }
        return 0;
}

static int parse_header(tsv_ctx *t) {
        size_t off = 0, start, len;
        if (t->len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
                off = 3;
        if (!next_line(t, &off, &start, &len) || len == 0)
                return fail(t, 0, -EBADMSG, "expected a header line such as \"unit,geo\\time<TAB>2016M01\"");
        t->data_off = off;
        const char *tab = memchr(t->buf + start, '\t', len);
        size_t first_end = tab ? (size_t) (tab - t->buf) : start + len;
        int r = parse_dim_ids(t, start, first_end);
        for (size_t a = first_end + 1; r >= 0 && tab && a <= start + len;) {
                const char *next = memchr(t->buf + a, '\t', start + len - a);
                size_t b = next ? (size_t) (next - t->buf) : start + len, ta = a, tb = b;
                trim(t->buf, &ta, &tb);
                tsv_period *ps = reallocarray(t->periods, t->n_periods + 1, sizeof(*ps));
                if (!ps)
                        return -ENOMEM;
                t->periods = ps;
                tsv_period *p = &ps[t->n_periods];
                *p = (tsv_period){.col = t->n_periods, .code = strndup(t->buf + ta, tb - ta)};
                if (!p->code)
                        return -ENOMEM;
                t->n_periods++;
                if (ms_period_parse(p->code, &p->p) < 0)
                        return fail(t, ta, -EBADMSG,
                                    "expected a period such as 2016M02 or 2016, got \"%.40s\"", p->code);
                a = b + 1;
        }
        if (r < 0)
                return r;
        if (t->n_periods == 0)
                return fail(t, first_end, -EBADMSG, "expected period columns after the first header cell");
        qsort(t->periods, t->n_periods, sizeof(*t->periods), period_cmp);
        if (!(t->col_pos = calloc(t->n_periods, sizeof(size_t))))
                return -ENOMEM;
        for (size_t k = 0; k < t->n_periods; k++) {
                if (k > 0 && ms_period_compare(&t->periods[k].p, &t->periods[k - 1].p) == 0)
                        return fail(t, start, -EBADMSG,
                                    "expected each period once, \"%s\" and \"%s\" are the same",
                                    t->periods[k - 1].code, t->periods[k].code);
                t->col_pos[t->periods[k].col] = k;
        }
        return 0;
}

/* The row's codes (first cell) as category positions; interns when `add`. */
static int row_codes(tsv_ctx *t, size_t a, size_t b, bool add, size_t *pos) {
        size_t d = 0, s = a;
        for (size_t i = a; i <= b; i++) {
                if (i < b && t->buf[i] != ',')
                        continue;
                if (d >= t->n_dims)
                        return fail(t, s, -EBADMSG, "expected %zu codes (%s...), got more", t->n_dims,
                                    t->dim_ids[0]);
                size_t ca = s, cb = i;
                trim(t->buf, &ca, &cb);
                if (ca == cb)
                        return fail(t, s, -EBADMSG, "expected a %s code, got an empty one", t->dim_ids[d]);
                for (size_t x = ca; x < cb; x++)
                        if ((unsigned char) t->buf[x] < 0x20)
                                return fail(
                                        t, x, -EBADMSG,
                                        "expected a %s code without control characters, got the byte 0x%02X",
                                        t->dim_ids[d], (unsigned char) t->buf[x]);
                int k = add ? ms_strmap_intern(&t->codes[d], t->buf + ca, cb - ca, NULL)
                            : ms_strmap_find(&t->codes[d], t->buf + ca, cb - ca);
                if (k < 0)
                        return k;
                pos[d++] = (size_t) k;
                s = i + 1;
        }
        if (d != t->n_dims)
                return fail(t, a, -EBADMSG, "expected %zu codes separated by commas, got %zu", t->n_dims, d);
        return 0;
}

/* "1234", "1234 p", ":", ": c" */
static int parse_cell(tsv_ctx *t, size_t a, size_t b, double *ret, char *flags, size_t n_flags) {
        trim(t->buf, &a, &b);
        const char *sp = memchr(t->buf + a, ' ', b - a);
        size_t ne = sp ? (size_t) (sp - t->buf) : b, fa = ne, fb = b;
        trim(t->buf, &fa, &fb);
        snprintf(flags, n_flags, "%.*s", (int) (fb - fa), t->buf + fa);
        for (size_t i = fa; i < fb; i++)
                if (t->buf[i] < 'a' || t->buf[i] > 'z')
                        return fail(t, i, -EBADMSG,
                                    "expected flags such as p, e, c after the value, got \"%.*s\"",
                                    (int) (fb - fa), t->buf + fa);
        if (ne - a == 1 && t->buf[a] == ':') {
                *ret = NAN;
                if (!flags[0])
                        snprintf(flags, n_flags, ":");
                return 0;
        }
        char num[64], *end;
        if (ne == a || ne - a >= sizeof(num))
                return fail(t, a, -EBADMSG, "expected a number or \":\", got \"%.*s\"", (int) (b - a),
                            t->buf + a);
        memcpy(num, t->buf + a, ne - a);
        num[ne - a] = '\0';
        *ret = strtod(num, &end);
        if (*end || !isfinite(*ret) || strpbrk(num, "xXnNiI"))
                return fail(t, a, -EBADMSG, "expected a number or \":\", got \"%s\"", num);
        return 0;
}

static int pass_codes(tsv_ctx *t) {
        size_t off = t->data_off, start, len;
        _cleanup_free_ size_t *pos = calloc(t->n_dims + 1, sizeof(size_t));
        if (!pos)
                return -ENOMEM;
        while (next_line(t, &off, &start, &len)) {
                if (len == 0)
                        continue;
                const char *tab = memchr(t->buf + start, '\t', len);
                size_t cells = 0;
                for (const char *p = tab; p; p = memchr(p + 1, '\t', start + len - (size_t) (p + 1 - t->buf)))
                        cells++;
                if (cells != t->n_periods)
                        return fail(t, start, -EBADMSG, "expected %zu cells as in the header, got %zu",
                                    t->n_periods, cells);
                int r = row_codes(t, start, tab ? (size_t) (tab - t->buf) : start + len, true, pos);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int make_dims(tsv_ctx *t, ms_dimension **ret) {
        _cleanup_(ms_dimensions_freep) ms_dimension *dims = calloc(t->n_dims + 2, sizeof(*dims));
        size_t cells = t->n_periods;
        if (!dims)
                return -ENOMEM;
        for (size_t d = 0; d <= t->n_dims; d++) {
                bool time = d == t->n_dims;
                size_t n = time ? t->n_periods : t->codes[d].n;
                ms_dimension *dim = &dims[d];
                if (!time && n != 0 && cells > t->max_cells / n)
                        return ms_error_set(t->err, -E2BIG, "",
                                            "expected at most %zu cells, the table spans more", t->max_cells);
                cells *= time ? 1 : n;
                if (!(dim->id = strdup(time ? t->time_id : t->dim_ids[d])) ||
                    !(dim->label = strdup(dim->id)) ||
                    !(dim->categories = calloc(n ? n : 1, sizeof(ms_category))))
                        return -ENOMEM;
                dim->role = time ? MS_ROLE_TIME : strcmp(dim->id, "geo") == 0 ? MS_ROLE_GEO : MS_ROLE_NONE;
                dim->n_categories = n;
                for (size_t k = 0; k < n; k++) {
                        const char *code = time ? t->periods[k].code : t->codes[d].keys[k];
                        if (!(dim->categories[k].code = strdup(code)) ||
                            !(dim->categories[k].label = strdup(code)))
                                return -ENOMEM;
                }
        }
        *ret = TAKE_PTR(dims);
        return 0;
}

static int pass_values(tsv_ctx *t, ms_cube *c) {
        size_t off = t->data_off, start, len, n_rows = c->n_cells / (t->n_periods ? t->n_periods : 1);
        _cleanup_free_ size_t *pos = calloc(t->n_dims + 2, sizeof(size_t));
        _cleanup_free_ size_t *seen = calloc(n_rows ? n_rows : 1, sizeof(size_t));
        if (!pos || !seen)
                return -ENOMEM;
        while (next_line(t, &off, &start, &len)) {
                if (len == 0)
                        continue;
                const char *tab = memchr(t->buf + start, '\t', len);
                int r = row_codes(t, start, (size_t) (tab - t->buf), false, pos);
                if (r < 0)
                        return r;
                pos[t->n_dims] = 0;
                size_t row = ms_cube_offset(c, pos) / t->n_periods;
                if (seen[row]) {
                        ms_error e = {.offset = -1};
                        ms_error_locate(&e, t->buf, t->len, seen[row] - 1);
                        return fail(t, start, -EBADMSG,
                                    "expected each row of codes once, this one is also on line %u", e.line);
                }
                seen[row] = start + 1;
                for (size_t j = 0, a = (size_t) (tab - t->buf) + 1; j < t->n_periods; j++) {
                        const char *next = memchr(t->buf + a, '\t', start + len - a);
                        size_t b = next ? (size_t) (next - t->buf) : start + len;
                        char flags[16];
                        pos[t->n_dims] = t->col_pos[j];
                        size_t o = ms_cube_offset(c, pos);
                        if ((r = parse_cell(t, a, b, &c->values[o], flags, sizeof(flags))) < 0)
                                return r;
                        if (flags[0] && (r = ms_cube_set_status(c, o, flags)) < 0)
                                return r;
                        a = b + 1;
                }
        }
        return 0;
}

static void ctx_done(tsv_ctx *t) {
        for (size_t d = 0; d < t->n_dims; d++) {
                free(t->dim_ids[d]);
                if (t->codes)
                        ms_strmap_done(&t->codes[d]);
        }
        for (size_t k = 0; k < t->n_periods; k++)
                free(t->periods[k].code);
        free(t->dim_ids);
        free(t->codes);
        free(t->time_id);
        free(t->periods);
        free(t->col_pos);
}

int ms_eurostat_tsv_parse(const char *buf, size_t len, const ms_eurostat_tsv_options *opts, ms_cube **ret,
                          ms_error *err) {
        ms_error dummy = {.offset = -1};
        tsv_ctx t = {.buf = buf, .len = len, .err = err ? err : &dummy};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        ms_dimension *dims = NULL;
        assert(buf || len == 0);
        assert(ret);
        t.max_cells = opts && opts->max_cells ? opts->max_cells : DEFAULT_MAX_CELLS;
        t.max_dims = ms_cube_dims_limit(opts ? opts->max_dims : 0);
        int r = parse_header(&t);
        if (r >= 0 && !(t.codes = calloc(t.n_dims + 1, sizeof(ms_strmap))))
                r = -ENOMEM;
        if (r >= 0)
                r = pass_codes(&t);
        if (r >= 0)
                r = make_dims(&t, &dims);
        if (r >= 0 && (r = ms_cube_new(dims, t.n_dims + 1, &c)) == -E2BIG)
                ms_error_set(t.err, r, "", "expected at most %zu cells", t.max_cells);
        if (r >= 0)
                r = pass_values(&t, c);
        if (r >= 0)
                r = ms_cube_parse_periods(c, NULL);
        ctx_done(&t);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}
