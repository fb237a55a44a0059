/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

#include "migstat/cube_check.h"
#include "migstat/eurostat_tsv.h"
#include "migstat/jsonstat.h"
#include "migstat/source.h"
#include "migstat/table.h"
#include "migstat/unhcr.h"
#include "migstat/worldbank.h"

static int parse_jsonstat(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                          ms_error *err) {
        ms_jsonstat_options jo = {.dataset = opts->dataset,
                                  .keep_text = opts->keep_text,
                                  .max_cells = opts->max_cells,
                                  .max_dims = opts->max_dims};
        ms_cube *c = NULL;
        int r = ms_jsonstat_parse(buf, len, &jo, &c, err);
        if (r < 0)
                return r;
        /* A JSON-stat time dimension whose codes are no periods keeps periods NULL. */
        r = ms_cube_parse_periods(c, NULL);
        if (r == -ENOMEM) {
                ms_cube_free(c);
                return r;
        }
        *ret = c;
        return 0;
}

static int parse_table(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                       ms_error *err) {
        ms_table_options to = {.allow_negative = opts->allow_negative,
                               .max_cells = opts->max_cells,
                               .max_dims = opts->max_dims};
        return ms_table_parse(buf, len, &to, ret, err);
}

static int parse_eurostat_tsv(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                              ms_error *err) {
        ms_eurostat_tsv_options eo = {.max_cells = opts->max_cells, .max_dims = opts->max_dims};
        return ms_eurostat_tsv_parse(buf, len, &eo, ret, err);
}

static int parse_unhcr(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                       ms_error *err) {
        ms_unhcr_options uo = {.max_cells = opts->max_cells};
        return ms_unhcr_parse(buf, len, &uo, ret, err);
}

static int parse_worldbank(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                           ms_error *err) {
        ms_worldbank_options wo = {.max_cells = opts->max_cells};
        return ms_worldbank_parse(buf, len, &wo, ret, err);
}

/* One row per kind.  Eurostat's API answers in JSON-stat 2.0 (eurostat.h builds its URLs). */
static const ms_source_kind source_kinds[] = {
        {"jsonstat", .json = true, .parse = parse_jsonstat},
        {"eurostat", .json = true, .parse = parse_jsonstat},
        {"table", .parse = parse_table},
        {"eurostat-tsv", .parse = parse_eurostat_tsv},
        {"unhcr", .json = true, .paged = true, .parse = parse_unhcr},
        {"worldbank", .json = true, .parse = parse_worldbank},
};

const ms_source_kind *ms_source_kind_find(const char *name) {
        for (size_t i = 0; name && i < ELEMENTSOF(source_kinds); i++)
                if (strcmp(name, source_kinds[i].name) == 0)
                        return &source_kinds[i];
        return NULL;
}

bool ms_source_kind_is_known(const char *kind) {
        return ms_source_kind_find(kind) != NULL;
}

static char kinds_list[128];

static void kinds_list_init(void) {
        size_t l = 0;
        for (size_t i = 0; i < ELEMENTSOF(source_kinds) && l < sizeof(kinds_list); i++)
                l += (size_t) snprintf(kinds_list + l, sizeof(kinds_list) - l, "%s%s", i ? ", " : "",
                                       source_kinds[i].name);
}

const char *ms_source_kinds_list(void) {
        static once_flag once = ONCE_FLAG_INIT;
        call_once(&once, kinds_list_init);
        return kinds_list;
}

/* Does the first line, split at the detected delimiter, hold a "value" field? */
static bool header_has_value(const char *buf, size_t len) {
        char delim = ms_table_detect_delimiter(buf, len);
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
                bool end = i == len || buf[i] == '\n' || buf[i] == '\r';
                if (end || buf[i] == delim) {
                        size_t a = start, b = i;
                        if (b > a + 1 && buf[a] == '"' && buf[b - 1] == '"')
                                a++, b--;
                        if (b - a == 5 && memcmp(buf + a, "value", 5) == 0)
                                return true;
                        start = i + 1;
                }
                if (end)
                        break;
        }
        return false;
}

int ms_source_detect(const char *buf, size_t len, const char **ret_kind, ms_error *err) {
        size_t i = 0;
        if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                i = 3;
        const char *csv = buf + i;
        size_t csv_len = len - i;
        while (i < len && strchr(" \t\r\n", buf[i]))
                i++;
        if (i < len && (buf[i] == '{' || buf[i] == '[')) {
                /* UNHCR pages carry "maxPages" and "items", the World Bank's
                 * array a header with "per_page" or an error's "message"
                 * list; JSON-stat none of them. */
                size_t head = len - i < 4096 ? len - i : 4096;
                if (buf[i] == '[' &&
                    (memmem(buf + i, head, "\"per_page\"", 10) || memmem(buf + i, head, "\"message\"", 9)))
                        *ret_kind = "worldbank";
                else
                        *ret_kind = memmem(buf + i, head, "\"maxPages\"", 10) ||
                                                    memmem(buf + i, head, "\"items\"", 7)
                                            ? "unhcr"
                                            : "jsonstat";
                return 0;
        }
        const char *nl = memchr(csv, '\n', csv_len);
        size_t first = nl ? (size_t) (nl - csv) : csv_len;
        if (memchr(csv, '\t', first) && memchr(csv, '\\', first)) {
                *ret_kind = "eurostat-tsv";
                return 0;
        }
        if (header_has_value(csv, csv_len)) {
                *ret_kind = "table";
                return 0;
        }
        ms_error_locate(err, buf, len, i);
        return ms_error_set(
                err, -EINVAL, "",
                "cannot tell the kind: expected a JSON-stat object or a CSV header with a \"value\" column (or give the kind: %s)",
                ms_source_kinds_list());
}

static int source_parse_kind(const char *kind, const char *buf, size_t len, const ms_source_options *opts,
                             ms_cube **ret, ms_error *err) {
        static const ms_source_options defaults = {0};
        assert(ret);
        if (!opts)
                opts = &defaults;
        if (!kind) {
                int r = ms_source_detect(buf, len, &kind, err);
                if (r < 0)
                        return r;
        }
        const ms_source_kind *k = ms_source_kind_find(kind);
        if (k)
                return k->parse(buf, len, opts, ret, err);
        return ms_error_set(err, -EINVAL, "", "unknown kind \"%s\" (expected one of %s)", kind,
                            ms_source_kinds_list());
}

int ms_source_parse(const char *kind, const char *buf, size_t len, const ms_source_options *opts,
                    ms_cube **ret, ms_error *err) {
        ms_cube *c = NULL;
        int r = source_parse_kind(kind, buf, len, opts, &c, err);
        if (r < 0)
                return r;
        /* Whatever the format, its text reaches the public: one check for all. */
        r = ms_cube_check_text(c, err);
        if (r >= 0)
                r = ms_cube_check_values(c, err);
        if (r < 0) {
                ms_cube_free(c);
                return r;
        }
        *ret = c;
        return 0;
}
