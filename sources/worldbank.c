/* SPDX-License-Identifier: MIT */
/* World Bank API v2 indicator answers -> tidy rows -> the table builder's cube. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "migstat/buf.h"
#include "migstat/json_util.h"
#include "migstat/table.h"
#include "migstat/worldbank.h"

typedef struct wb_ctx {
        const char *buf;
        size_t len;
        ms_error *err;
        ms_buf csv;
} wb_ctx;

static int fail_at(wb_ctx *w, const char *where, const char *fmt, ...) _printf_(3, 4);
static int fail_at(wb_ctx *w, const char *where, const char *fmt, ...) {
        va_list ap;
        char msg[sizeof(w->err->msg)];
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        return ms_error_set(w->err, -EBADMSG, where, "%s", msg);
}

/* [{"message":[{"id":"120","key":"Invalid value","value":"..."}]}]: the
 * API's error, sent with HTTP 200. */
static int error_document(wb_ctx *w, const cJSON *first) {
        const cJSON *msgs = ms_json_get(first, "message");
        const cJSON *m = cJSON_IsArray(msgs) ? ms_json_elements(msgs) : msgs;
        const char *id = ms_json_string(m, "id"), *key = ms_json_string(m, "key"),
                   *value = ms_json_string(m, "value");
        ms_json_locate_key(w->err, w->buf, w->len, "message");
        return fail_at(w, "[0].message", "the World Bank answered with an error: %s%s%s%s%s%s", id ? id : "",
                       id ? " " : "", key ? key : "", key && value ? ": " : "", value ? value : "",
                       !id && !key && !value ? "(no text)" : "");
}

/* page/pages/per_page are numbers, per_page sometimes a string ("50"). */
static int check_header(wb_ctx *w, const cJSON *h) {
        const cJSON *pages = ms_json_get(h, "pages");
        if (!cJSON_IsObject(h))
                return fail_at(w, "[0]", "expected the header object (page, pages, per_page, total), got %s",
                               ms_json_type_name(h));
        if (!cJSON_IsNumber(pages))
                return fail_at(w, "[0].pages", "expected the number of pages, got %s",
                               ms_json_type_name(pages));
        if (pages->valuedouble > 1)
                return fail_at(w, "[0].pages",
                               "expected all rows on one page, got %g pages (ask with a larger per_page)",
                               pages->valuedouble);
        return 0;
}

static int row_code(wb_ctx *w, const char *path, const cJSON *row, const char *obj, const char *field,
                    const char **ret) {
        const cJSON *o = obj ? ms_json_get(row, obj) : row;
        const cJSON *v = ms_json_get(o, field);
        char where[96];
        snprintf(where, sizeof(where), "%s.%s%s%s", path, obj ? obj : "", obj ? "." : "", field);
        if (!cJSON_IsString(v) || !v->valuestring[0])
                return fail_at(w, where, "expected a code string, got %s", ms_json_type_name(v));
        *ret = v->valuestring;
        return 0;
}

static int put_row(wb_ctx *w, const char *path, const cJSON *row) {
        const char *indicator = NULL, *country = NULL, *date = NULL, *name = NULL;
        char where[96];
        int r;
        if (!cJSON_IsObject(row))
                return fail_at(w, path, "expected a row object, got %s", ms_json_type_name(row));
        if ((r = row_code(w, path, row, "indicator", "id", &indicator)) < 0 ||
            (r = row_code(w, path, row, "country", "id", &country)) < 0 ||
            (r = row_code(w, path, row, NULL, "date", &date)) < 0)
                return r;
        name = ms_json_string(ms_json_get(row, "country"), "value");
        const cJSON *v = ms_json_get(row, "value");
        snprintf(where, sizeof(where), "%s.value", path);
        if (!cJSON_IsNull(v) && !(cJSON_IsNumber(v) && isfinite(v->valuedouble)))
                return fail_at(w, where, "expected a number or null, got %s", ms_json_type_name(v));
        if ((r = ms_buf_put_csv_field(&w->csv, indicator)) < 0 || (r = ms_buf_puts(&w->csv, ",")) < 0 ||
            (r = ms_buf_put_csv_field(&w->csv, country)) < 0 || (r = ms_buf_puts(&w->csv, ",")) < 0 ||
            (r = ms_buf_put_csv_field(&w->csv, name ? name : "")) < 0 ||
            (r = ms_buf_puts(&w->csv, ",")) < 0 || (r = ms_buf_put_csv_field(&w->csv, date)) < 0)
                return r;
        return cJSON_IsNull(v) ? ms_buf_puts(&w->csv, ",\n")
                               : ms_buf_printf(&w->csv, ",%.17g\n", v->valuedouble);
}

static int collect(wb_ctx *w, const cJSON *root) {
        if (!cJSON_IsArray(root))
                return fail_at(w, "", "expected the API's array [header, rows], got %s",
                               ms_json_type_name(root));
        const cJSON *first = ms_json_elements(root);
        if (cJSON_IsObject(first) && ms_json_get(first, "message"))
                return error_document(w, first);
        if (cJSON_GetArraySize(root) != 2)
                return fail_at(w, "", "expected the API's array [header, rows] of 2 elements, got %d",
                               cJSON_GetArraySize(root));
        int r = check_header(w, first);
        if (r < 0)
                return r;
        const cJSON *rows = first->next;
        if (cJSON_IsNull(rows) || (cJSON_IsArray(rows) && !ms_json_elements(rows)))
                return fail_at(w, "[1]", "expected rows, got none (no data for this query)");
        if (!cJSON_IsArray(rows))
                return fail_at(w, "[1]", "expected an array of rows, got %s", ms_json_type_name(rows));
        r = ms_buf_puts(&w->csv, "indicator,country,country_label,time,value\n");
        size_t k = 0;
        for (const cJSON *row = ms_json_elements(rows); row && r >= 0; row = row->next, k++) {
                char path[48];
                snprintf(path, sizeof(path), "[1][%zu]", k);
                r = put_row(w, path, row);
        }
        return r;
}

int ms_worldbank_parse(const char *buf, size_t len, const ms_worldbank_options *opts, ms_cube **ret,
                       ms_error *err) {
        ms_error dummy = {.offset = -1};
        wb_ctx w = {.buf = buf, .len = len, .err = err ? err : &dummy};
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        int r = ms_json_parse(buf, len, &root, w.err);
        if (r < 0)
                return r;
        r = collect(&w, root);
        if (r >= 0) {
                ms_table_options to = {.max_cells = opts ? opts->max_cells : 0};
                ms_error terr = {.offset = -1};
                r = ms_table_parse(w.csv.data, w.csv.len, &to, ret, &terr);
                if (r < 0) /* a date that is no year, the same row twice, limits */
                        ms_error_set(w.err, r, "[1]", "%s", terr.msg);
        }
        ms_buf_done(&w.csv);
        if (r < 0)
                return r;
        int g = ms_cube_dim_index(*ret, "country");
        if (g >= 0)
                (*ret)->dims[g].role = MS_ROLE_GEO;
        return 0;
}
