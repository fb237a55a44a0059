/* SPDX-License-Identifier: MIT */
/* UNHCR API records -> tidy rows -> the table builder's cube. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/buf.h"
#include "migstat/json_util.h"
#include "migstat/table.h"
#include "migstat/unhcr.h"
#include "strmap.h"

static const char *const dim_fields[] = {"coo_iso",   "coa_iso", "procedure_type", "app_type",
                                         "dec_level", "app_pc",  "dec_pc"};
static const char *const label_fields[] = {"coo_name", "coa_name", NULL, NULL, NULL, NULL, NULL};
static const char *const count_fields[] = {"applied",      "dec_recognized", "dec_other",
                                           "dec_rejected", "dec_closed",     "dec_total"};
#define N_DIMS (sizeof(dim_fields) / sizeof(dim_fields[0]))
#define N_COUNTS (sizeof(count_fields) / sizeof(count_fields[0]))

typedef struct unhcr_ctx {
        const char *buf;
        size_t len;
        ms_error *err;
        bool has_dim[N_DIMS], has_count[N_COUNTS];
        ms_strmap seen; /* record keys */
        ms_buf csv;
} unhcr_ctx;

static int fail_at(unhcr_ctx *u, const char *where, const char *key, const char *fmt, ...) _printf_(4, 5);
static int fail_at(unhcr_ctx *u, const char *where, const char *key, const char *fmt, ...) {
        va_list ap;
        char msg[sizeof(u->err->msg)];
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        /* cJSON keeps no positions and a key repeats in every record: the
         * JSON path is the place; line:col only for a page's own keys. */
        if (key && !strchr(where, '['))
                ms_json_locate_key(u->err, u->buf, u->len, key);
        return ms_error_set(u->err, -EBADMSG, where, "%s", msg);
}

/* "items[3]" on a single page, "pages[1].items[3]" in an array of pages. */
static const char *item_path(char *buf, size_t n, bool array, size_t page, size_t k) {
        if (array)
                snprintf(buf, n, "pages[%zu].items[%zu]", page, k);
        else
                snprintf(buf, n, "items[%zu]", k);
        return buf;
}

/* Which dimension and count fields the items carry (the union over all
 * pages).  Each item must be a record: an array or a scalar there has no
 * keys to scan (issue 19: `"items":[[{...}]]` crashed here on a NULL key). */
static int scan_fields(unhcr_ctx *u, bool array, size_t page, const cJSON *items) {
        size_t k = 0;
        for (const cJSON *it = ms_json_elements(items); it; it = it->next, k++) {
                char path[64];
                if (!cJSON_IsObject(it))
                        return fail_at(u, item_path(path, sizeof(path), array, page, k), NULL,
                                       "expected a record object, got %s", ms_json_type_name(it));
                for (const cJSON *f = ms_json_members(it); f; f = f->next) {
                        for (size_t i = 0; i < N_DIMS; i++)
                                u->has_dim[i] |= strcmp(f->string, dim_fields[i]) == 0;
                        for (size_t i = 0; i < N_COUNTS; i++)
                                u->has_count[i] |= strcmp(f->string, count_fields[i]) == 0;
                }
        }
        return 0;
}

static int check_code(unhcr_ctx *u, const char *path, const cJSON *it, const char *field, const char **ret) {
        const cJSON *v = ms_json_get(it, field);
        char where[96];
        snprintf(where, sizeof(where), "%s.%s", path, field);
        if (!cJSON_IsString(v) || !v->valuestring[0])
                return fail_at(u, where, field, "expected a code string, got %s", ms_json_type_name(v));
        for (const char *p = v->valuestring; *p; p++)
                if ((unsigned char) *p < 0x20)
                        return fail_at(u, where, field, "expected a code without control characters");
        *ret = v->valuestring;
        return 0;
}

static int check_count(unhcr_ctx *u, const char *path, const cJSON *v, const char *field, double *ret) {
        char where[96];
        snprintf(where, sizeof(where), "%s.%s", path, field);
        if (cJSON_IsNull(v) || !v) {
                *ret = NAN;
                return 0;
        }
        /* The API mixes types within a row: a count may come as the string
         * "0" or "12", and "-" means not applicable / not collected. */
        if (cJSON_IsString(v) && strcmp(v->valuestring, "-") == 0) {
                *ret = NAN;
                return 0;
        }
        if (cJSON_IsString(v) && v->valuestring[0] &&
            strspn(v->valuestring, "0123456789") == strlen(v->valuestring) && strlen(v->valuestring) <= 12) {
                *ret = strtod(v->valuestring, NULL);
                return 0;
        }
        if (!cJSON_IsNumber(v))
                return fail_at(u, where, field,
                               "expected a count (a JSON number, a string of digits or \"-\"), got %s%s%s%s",
                               ms_json_type_name(v), cJSON_IsString(v) ? " \"" : "",
                               cJSON_IsString(v) ? v->valuestring : "", cJSON_IsString(v) ? "\"" : "");
        if (v->valuedouble < 0 || v->valuedouble != floor(v->valuedouble) || v->valuedouble > 1e12)
                return fail_at(u, where, field, "expected a count (a whole number >= 0), got %g",
                               v->valuedouble);
        *ret = v->valuedouble;
        return 0;
}

static int put_row(unhcr_ctx *u, int year, const char *const *codes, const char *const *labels, size_t m,
                   double v) {
        int r = ms_buf_printf(&u->csv, "%d", year);
        for (size_t i = 0; r >= 0 && i < N_DIMS; i++) {
                if (!u->has_dim[i])
                        continue;
                if ((r = ms_buf_puts(&u->csv, ",")) >= 0)
                        r = ms_buf_put_csv_field(&u->csv, codes[i]);
                if (r >= 0 && label_fields[i] && (r = ms_buf_puts(&u->csv, ",")) >= 0)
                        r = ms_buf_put_csv_field(&u->csv, labels[i] ? labels[i] : "");
        }
        if (r >= 0)
                r = ms_buf_printf(&u->csv, ",%s,", count_fields[m]);
        if (r >= 0 && !isnan(v))
                r = ms_buf_printf(&u->csv, "%.0f", v);
        return r >= 0 ? ms_buf_puts(&u->csv, "\n") : r;
}

static int item_rows(unhcr_ctx *u, const char *path, const cJSON *it) {
        const char *codes[N_DIMS] = {0}, *labels[N_DIMS] = {0};
        char where[96], key[512];
        if (!cJSON_IsObject(it))
                return fail_at(u, path, NULL, "expected a record object, got %s", ms_json_type_name(it));
        const cJSON *y = ms_json_get(it, "year");
        snprintf(where, sizeof(where), "%s.year", path);
        if (!cJSON_IsNumber(y) || y->valuedouble != floor(y->valuedouble) || y->valuedouble < 1900 ||
            y->valuedouble > 2200)
                return fail_at(u, where, "year", "expected a year as a JSON number (1900..2200), got %s",
                               ms_json_type_name(y));
        int year = (int) y->valuedouble, r;
        size_t n = (size_t) snprintf(key, sizeof(key), "%d", year);
        for (size_t i = 0; i < N_DIMS; i++) {
                if (!u->has_dim[i])
                        continue;
                if ((r = check_code(u, path, it, dim_fields[i], &codes[i])) < 0)
                        return r;
                if (label_fields[i])
                        labels[i] = ms_json_string(it, label_fields[i]);
                /* Stop at the first code that does not fit: key + n must stay
                 * inside key (found by fuzz_unhcr, issue 10). */
                if (n >= sizeof(key))
                        break;
                n += (size_t) snprintf(key + n, sizeof(key) - n, "\x1f%s", codes[i]);
        }
        if (n >= sizeof(key))
                return fail_at(u, path, NULL, "expected shorter codes");
        int is_new = 0;
        r = ms_strmap_intern(&u->seen, key, n, &is_new);
        if (r < 0)
                return r;
        if (!is_new)
                return fail_at(u, path, NULL,
                               "expected each record once: an earlier one has the same year %d and codes",
                               year);
        for (size_t m = 0; m < N_COUNTS; m++) {
                double v = NAN;
                if (!u->has_count[m])
                        continue;
                if ((r = check_count(u, path, ms_json_get(it, count_fields[m]), count_fields[m], &v)) < 0 ||
                    (r = put_row(u, year, codes, labels, m, v)) < 0)
                        return r;
        }
        return 0;
}

/* Page i of n_pages: its "items" array.  Paths: "items" for a single page
 * object, "pages[i]" / "pages[i].items" in an array of pages. */
static int page_items(unhcr_ctx *u, const cJSON *page, bool array, size_t i, size_t n_pages,
                      const cJSON **ret) {
        char where[64], at[48];
        const cJSON *items = ms_json_get(page, "items");
        const cJSON *pg = ms_json_get(page, "page"), *mp = ms_json_get(page, "maxPages");
        snprintf(at, sizeof(at), "pages[%zu]", i);
        snprintf(where, sizeof(where), array ? "pages[%zu].items" : "items", i);
        if (!cJSON_IsObject(page))
                return fail_at(u, array ? at : "", NULL,
                               "expected a page object with an \"items\" array, got %s",
                               ms_json_type_name(page));
        if (!cJSON_IsArray(items))
                return fail_at(u, where, "items", "expected an \"items\" array, got %s",
                               ms_json_type_name(items));
        if (pg && !cJSON_IsNumber(pg))
                return fail_at(u, where, "page", "expected \"page\" as a number, got %s",
                               ms_json_type_name(pg));
        if (pg && pg->valuedouble != (double) (i + 1))
                return fail_at(u, where, "page", "expected page %zu (pages in order, from 1), got page %g",
                               i + 1, pg->valuedouble);
        if (mp && !cJSON_IsNumber(mp))
                return fail_at(u, where, "maxPages", "expected \"maxPages\" as a number, got %s",
                               ms_json_type_name(mp));
        if (mp && mp->valuedouble != (double) n_pages)
                return fail_at(u, where, "maxPages", "expected all %g pages (maxPages), got %zu",
                               mp->valuedouble, n_pages);
        *ret = items;
        return 0;
}

static int collect(unhcr_ctx *u, const cJSON *root) {
        bool array = cJSON_IsArray(root);
        size_t n_pages = array ? (size_t) cJSON_GetArraySize(root) : 1, i = 0;
        const cJSON *items;
        int r = 0;
        if (array && n_pages == 0)
                return fail_at(u, "", NULL, "expected at least one page, got an empty array");
        for (const cJSON *p = array ? ms_json_elements(root) : root; p && r >= 0;
             p = array ? p->next : NULL, i++)
                if ((r = page_items(u, p, array, i, n_pages, &items)) >= 0)
                        r = scan_fields(u, array, i, items);
        bool any = false;
        for (size_t m = 0; m < N_COUNTS; m++)
                any |= u->has_count[m];
        if (r >= 0 && !any)
                return fail_at(u, "items", NULL,
                               "expected records with a count (applied or dec_total ...), found none");
        r = r < 0 ? r : ms_buf_puts(&u->csv, "year");
        for (size_t d = 0; r >= 0 && d < N_DIMS; d++)
                if (u->has_dim[d])
                        r = ms_buf_printf(&u->csv, label_fields[d] ? ",%s,%s_label" : ",%s", dim_fields[d],
                                          dim_fields[d]);
        if (r >= 0)
                r = ms_buf_puts(&u->csv, ",measure,value\n");
        i = 0;
        for (const cJSON *p = array ? ms_json_elements(root) : root; p && r >= 0;
             p = array ? p->next : NULL, i++) {
                size_t k = 0;
                r = page_items(u, p, array, i, n_pages, &items);
                for (const cJSON *it = r >= 0 ? ms_json_elements(items) : NULL; it && r >= 0;
                     it = it->next, k++) {
                        char path[64];
                        r = item_rows(u, item_path(path, sizeof(path), array, i, k), it);
                }
        }
        return r;
}

int ms_unhcr_parse(const char *buf, size_t len, const ms_unhcr_options *opts, ms_cube **ret, ms_error *err) {
        ms_error dummy = {.offset = -1};
        unhcr_ctx u = {.buf = buf, .len = len, .err = err ? err : &dummy};
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        int r = ms_json_parse(buf, len, &root, u.err);
        if (r < 0)
                return r;
        const char *message = ms_json_string(root, "message");
        if (message && !ms_json_get(root, "items"))
                return fail_at(&u, "message", "message", "UNHCR answered with an error: %s", message);
        r = collect(&u, root);
        ms_strmap_done(&u.seen);
        if (r >= 0) {
                ms_table_options to = {.max_cells = opts ? opts->max_cells : 0};
                ms_error terr = {.offset = -1};
                r = ms_table_parse(u.csv.data, u.csv.len, &to, ret, &terr);
                if (r < 0) /* only limits remain: every record was checked above */
                        ms_error_set(u.err, r, "items", "%s", terr.msg);
        }
        ms_buf_done(&u.csv);
        if (r < 0)
                return r;
        int g = ms_cube_dim_index(*ret, "coa_iso");
        if (g >= 0)
                (*ret)->dims[g].role = MS_ROLE_GEO; /* the country of asylum reports the figure */
        return 0;
}

int ms_unhcr_page_info(const char *buf, size_t len, unsigned *ret_page, unsigned *ret_max_pages,
                       ms_error *err) {
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        int r = ms_json_parse(buf, len, &root, err);
        if (r < 0)
                return r;
        const cJSON *pg = ms_json_get(root, "page"), *mp = ms_json_get(root, "maxPages");
        if (!cJSON_IsNumber(pg) || !cJSON_IsNumber(mp) || pg->valuedouble < 1 ||
            mp->valuedouble < pg->valuedouble || mp->valuedouble > 100000) {
                ms_json_locate_key(err, buf, len, "maxPages");
                return ms_error_set(err, -EBADMSG, "maxPages",
                                    "expected numbers page >= 1 and maxPages >= page");
        }
        *ret_page = (unsigned) pg->valuedouble;
        *ret_max_pages = (unsigned) mp->valuedouble;
        return 0;
}
