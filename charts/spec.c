/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "migstat/chart_spec.h"
#include "migstat/cube_check.h"
#include "migstat/json_util.h"
#include "migstat/cube_csv.h"
#include "chart_kinds.h"

/* Limits on what an editor's file controls (STYLE.md, "Config"). */
#define SPEC_MAX_BYTES (256u * 1024u)
#define SPEC_MAX_TEXT 600u
/* Any key or string, before the fields are read (which have their own limits). */
#define SPEC_MAX_ANY_TEXT 65536u
#define SPEC_MAX_FILTERS 16u
/* ms_series_set holds at most 12 series: more cannot be told apart. */
#define SPEC_MAX_SERIES 12u
#define SPEC_MAX_WINDOW 10000u
#define SPEC_MIN_SIDE 200u
#define SPEC_MAX_SIDE 4000u

typedef struct spec_ctx {
        const char *buf;
        size_t len;
        ms_error *err;
} spec_ctx;

typedef int (*field_parser)(const spec_ctx *c, const char *path, const cJSON *v, void *field);

typedef struct field_rule {
        const char *key;
        field_parser parse;
        size_t offset;
        bool required;
} field_rule;

/* cJSON keeps no positions: point the error at the field the way a reader
 * would find it (ms_json_locate_path()). */
static void locate_path(const spec_ctx *c, const char *path) {
        (void) ms_json_locate_path(c->err, c->buf, c->len, path, 0);
}

static int field_error(const spec_ctx *c, const char *path, const char *fmt, ...) _printf_(3, 4);
static int field_error(const spec_ctx *c, const char *path, const char *fmt, ...) {
        char msg[sizeof(c->err->msg)];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        locate_path(c, path);
        return ms_error_set(c->err, -EINVAL, path, "%s", msg);
}

static int expected(const spec_ctx *c, const char *path, const char *what, const cJSON *v) {
        char got[64];
        return field_error(c, path, "expected %s, got %s", what, ms_json_describe(v, got, sizeof(got)));
}

/* A path too long for out is cut short and marked: it only names a place in
 * an error message. */
static void join(char *out, size_t n, const char *path, const char *key) {
        if (snprintf(out, n, "%s%s%s", path, *path ? "." : "", key) >= (int) n && n > 3)
                memcpy(out + n - 4, "...", 4);
}

/* Walk obj's members against a rule table: unknown and duplicate keys are
 * errors (they are typos far more often than intent), required ones must be there. */
static int parse_object(const spec_ctx *c, const char *path, const cJSON *obj, const field_rule *rules,
                        size_t n_rules, void *base) {
        bool seen[24] = {};
        char sub[sizeof(c->err->where)];

        assert(n_rules <= ELEMENTSOF(seen));
        if (!cJSON_IsObject(obj))
                return expected(c, *path ? path : "(top level)", "an object", obj);
        for (const cJSON *m = ms_json_members(obj); m; m = m->next) {
                size_t i;
                join(sub, sizeof(sub), path, m->string);
                for (i = 0; i < n_rules; i++)
                        if (strcmp(rules[i].key, m->string) == 0)
                                break;
                if (i == n_rules)
                        return field_error(c, sub, "unknown key \"%s\"", m->string);
                if (seen[i])
                        return field_error(c, sub, "duplicate key \"%s\"", m->string);
                seen[i] = true;
                int r = rules[i].parse(c, sub, m, (char *) base + rules[i].offset);
                if (r < 0)
                        return r;
        }
        for (size_t i = 0; i < n_rules; i++)
                if (rules[i].required && !seen[i]) {
                        join(sub, sizeof(sub), path, rules[i].key);
                        ms_error_locate(c->err, c->buf, c->len, 0);
                        return ms_error_set(c->err, -EINVAL, sub, "missing required field");
                }
        return 0;
}

static int parse_text(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        char **dst = field;
        if (!cJSON_IsString(v) || !v->valuestring[0])
                return expected(c, path, "a non-empty string", v);
        size_t n = strlen(v->valuestring);
        if (n > SPEC_MAX_TEXT)
                return field_error(c, path, "expected at most %u bytes, got %zu", SPEC_MAX_TEXT, n);
        if (!g_utf8_validate(v->valuestring, (gssize) n, NULL))
                return field_error(c, path, "expected UTF-8 text");
        for (const char *p = v->valuestring; *p; p++)
                if ((unsigned char) *p < 0x20)
                        return field_error(c, path, "expected text without control characters");
        char *s = strdup(v->valuestring);
        if (!s)
                return -ENOMEM;
        free(*dst);
        *dst = s;
        return 0;
}

static int parse_id(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        if (!cJSON_IsString(v) || !ms_id_is_valid(v->valuestring))
                return expected(c, path, "an id of 1-64 characters a-z, 0-9, -", v);
        return parse_text(c, path, v, field);
}

static int parse_kind(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        char names[256];
        if (cJSON_IsString(v) && chart_kind_from_name(v->valuestring, field) >= 0)
                return 0;
        chart_kind_names(names, sizeof(names));
        return expected(c, path, names, v);
}

static int parse_bool(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        if (!cJSON_IsBool(v))
                return expected(c, path, "true or false", v);
        *(bool *) field = cJSON_IsTrue(v);
        return 0;
}

static int parse_theme(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        if (!cJSON_IsString(v) ||
            (strcmp(v->valuestring, "light") != 0 && strcmp(v->valuestring, "dark") != 0))
                return expected(c, path, "\"light\" or \"dark\"", v);
        *(bool *) field = strcmp(v->valuestring, "dark") == 0;
        return 0;
}

static int parse_uint(const spec_ctx *c, const char *path, const cJSON *v, unsigned lo, unsigned hi,
                      unsigned *ret) {
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || v->valuedouble < 1)
                return expected(c, path, "a positive integer", v);
        if (v->valuedouble < lo || v->valuedouble > hi) {
                char what[64];
                snprintf(what, sizeof(what), "an integer from %u to %u", lo, hi);
                return expected(c, path, what, v);
        }
        *ret = (unsigned) v->valuedouble;
        return 0;
}

static int parse_window(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        unsigned u = 0;
        int r = parse_uint(c, path, v, 1, SPEC_MAX_WINDOW, &u);
        if (r >= 0)
                *(size_t *) field = u;
        return r;
}

static int parse_compare(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        if (!cJSON_IsString(v) || strcmp(v->valuestring, "previous-year") != 0)
                return expected(c, path, "\"previous-year\"", v);
        *(bool *) field = true;
        return 0;
}

static int parse_side(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        return parse_uint(c, path, v, SPEC_MIN_SIDE, SPEC_MAX_SIDE, field);
}

static int parse_filters(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        ms_chart_spec *s = field;
        char sub[sizeof(c->err->where)];

        if (!cJSON_IsObject(v))
                return expected(c, path, "an object of dimension: code", v);
        if (s->filters)
                return field_error(c, path, "duplicate key");
        size_t n = (size_t) cJSON_GetArraySize(v);
        if (n > SPEC_MAX_FILTERS)
                return field_error(c, path, "expected at most %u filters, got %zu", SPEC_MAX_FILTERS, n);
        s->filters = calloc(n ? n : 1, sizeof(ms_filter));
        if (!s->filters)
                return -ENOMEM;
        for (const cJSON *m = ms_json_members(v); m; m = m->next) {
                join(sub, sizeof(sub), path, m->string);
                if (!m->string[0] || strlen(m->string) > 100)
                        return field_error(c, sub, "expected a dimension id of 1-100 bytes");
                /* cJSON keeps both of {"geo": "DE", "geo": "AT"}: the second
                 * is a typo that would silently lose. */
                for (size_t i = 0; i < s->n_filters; i++)
                        if (strcmp(s->filters[i].dim, m->string) == 0) {
                                (void) ms_json_locate_path(c->err, c->buf, c->len, sub, 1);
                                return ms_error_set(c->err, -EINVAL, sub,
                                                    "duplicate filter key \"%s\": a dimension is fixed once",
                                                    m->string);
                        }
                int r = parse_text(c, sub, m, &s->filters[s->n_filters].code);
                if (r < 0)
                        return r;
                s->filters[s->n_filters].dim = strdup(m->string);
                if (!s->filters[s->n_filters++].dim)
                        return -ENOMEM;
        }
        return 0;
}

static int parse_texts(const spec_ctx *c, const char *path, const cJSON *v, void *field);

/* One series: its names, and optionally its own source and measure. */
static int parse_series_entry(const spec_ctx *c, const char *path, const cJSON *v, ms_chart_series_label *l) {
        static const field_rule rules[] = {
                {"de", parse_text, offsetof(ms_chart_series_label, name) + MS_LANG_DE * sizeof(char *), true},
                {"en", parse_text, offsetof(ms_chart_series_label, name) + MS_LANG_EN * sizeof(char *), true},
                {"source", parse_id, offsetof(ms_chart_series_label, source), false},
                {"measure", parse_text, offsetof(ms_chart_series_label, measure), false},
        };
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), l);
}

/* {"CODE": {"de": "...", "en": "..."}, ...}: key order is legend order. */
static int parse_series_labels(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        ms_chart_spec *s = field;
        char sub[sizeof(c->err->where)];

        if (!cJSON_IsObject(v) || !v->child)
                return expected(c, path, "an object of code: {\"de\": name, \"en\": name}", v);
        if (s->series_labels)
                return field_error(c, path, "duplicate key");
        size_t n = (size_t) cJSON_GetArraySize(v);
        if (n > SPEC_MAX_SERIES)
                return field_error(c, path, "expected at most %u series, got %zu", SPEC_MAX_SERIES, n);
        s->series_labels = calloc(n, sizeof(ms_chart_series_label));
        if (!s->series_labels)
                return -ENOMEM;
        for (const cJSON *m = ms_json_members(v); m; m = m->next) {
                ms_chart_series_label *l = &s->series_labels[s->n_series_labels];
                join(sub, sizeof(sub), path, m->string);
                if (!m->string[0] || strlen(m->string) > 100)
                        return field_error(c, sub, "expected a category code of 1-100 bytes");
                if (!(l->code = strdup(m->string)))
                        return -ENOMEM;
                s->n_series_labels++;
                int r = parse_series_entry(c, sub, m, l);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int parse_select(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        /* Offsets are relative to the spec itself: filters fill two fields. */
        static const field_rule rules[] = {
                {"filters", parse_filters, 0, false},
                {"x", parse_text, offsetof(ms_chart_spec, x_dim), false},
                {"window", parse_window, offsetof(ms_chart_spec, window), false},
                {"compare", parse_compare, offsetof(ms_chart_spec, compare_previous_year), false},
                {"measure", parse_text, offsetof(ms_chart_spec, measure), false},
                {"population", parse_id, offsetof(ms_chart_spec, population), false},
                {"series", parse_text, offsetof(ms_chart_spec, series_dim), false},
                {"series_labels", parse_series_labels, 0, false},
        };
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), field);
}

static int parse_for_each(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        ms_chart_for_each **fe = field;
        static const field_rule rules[] = {
                {"dim", parse_text, offsetof(ms_chart_for_each, dim), true},
                {"source", parse_id, offsetof(ms_chart_for_each, source), true},
                {"measure", parse_text, offsetof(ms_chart_for_each, measure), true},
        };
        if (!(*fe = calloc(1, sizeof(**fe))))
                return -ENOMEM;
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), *fe);
}

static int parse_texts(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        char **texts = field;
        static const field_rule rules[] = {
                {"de", parse_text, MS_LANG_DE * sizeof(char *), true},
                {"en", parse_text, MS_LANG_EN * sizeof(char *), true},
        };
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), texts);
}

/* The placeholders layout fills (charts/layout.c, lo_fill()). */
static const char *const spec_placeholders[] = {"{first}", "{latest}", "{stand}", "{name}"};

/* Every '{' in a title, subtitle or note starts a known placeholder: a typo
 * ("{lastest}") would be published as literal text. */
static int check_placeholders(const spec_ctx *c, const char *path, const char *text) {
        for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
                bool known = false;
                for (size_t i = 0; i < ELEMENTSOF(spec_placeholders); i++)
                        known |= strncmp(p, spec_placeholders[i], strlen(spec_placeholders[i])) == 0;
                if (known)
                        continue;
                size_t n = strcspn(p, "} ");
                return field_error(
                        c, path,
                        "unknown placeholder \"%.*s%s\": expected {first}, {latest}, {stand} or {name}",
                        (int) (n > 40 ? 40 : n), p, p[n] == '}' ? "}" : "");
        }
        return 0;
}

/* Texts with placeholders: title, subtitle, note. */
static int parse_filled_texts(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        char **texts = field;
        char sub[sizeof(c->err->where)];
        int r = parse_texts(c, path, v, field);
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++) {
                join(sub, sizeof(sub), path, ms_lang_code((ms_lang) l));
                if (texts[l])
                        r = check_placeholders(c, sub, texts[l]);
        }
        return r;
}

static int parse_footer(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        static const field_rule rules[] = {
                {"source", parse_texts, offsetof(ms_chart_spec, source_line), false},
                {"licence", parse_texts, offsetof(ms_chart_spec, licence), false},
        };
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), field);
}

static int parse_size(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        static const field_rule rules[] = {
                {"width", parse_side, offsetof(ms_chart_spec, width), true},
                {"height", parse_side, offsetof(ms_chart_spec, height), true},
        };
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), field);
}

/* "narrow": {"width", "height"} or false (no phone variant). */
static int parse_narrow(const spec_ctx *c, const char *path, const cJSON *v, void *field) {
        static const field_rule rules[] = {
                {"width", parse_side, offsetof(ms_chart_spec, narrow_width), true},
                {"height", parse_side, offsetof(ms_chart_spec, narrow_height), true},
        };
        ms_chart_spec *s = field;
        if (cJSON_IsFalse(v)) {
                s->narrow_width = s->narrow_height = 0;
                return 0;
        }
        if (!cJSON_IsObject(v))
                return expected(c, path, "an object {\"width\", \"height\"} or false", v);
        return parse_object(c, path, v, rules, ELEMENTSOF(rules), field);
}

/* Rules whose offset is 0 and parser takes the whole spec: select, footer, size. */
static const field_rule spec_rules[] = {
        {"id", parse_id, offsetof(ms_chart_spec, id), true},
        {"kind", parse_kind, offsetof(ms_chart_spec, kind), true},
        {"source", parse_id, offsetof(ms_chart_spec, source), true},
        {"select", parse_select, 0, false},
        {"title", parse_filled_texts, offsetof(ms_chart_spec, title), true},
        {"subtitle", parse_filled_texts, offsetof(ms_chart_spec, subtitle), false},
        {"note", parse_filled_texts, offsetof(ms_chart_spec, note), false},
        {"footer", parse_footer, 0, false},
        {"size", parse_size, 0, false},
        {"narrow", parse_narrow, 0, false},
        {"unit", parse_texts, offsetof(ms_chart_spec, unit), false},
        {"verb", parse_texts, offsetof(ms_chart_spec, verb), false},
        {"highlight", parse_text, offsetof(ms_chart_spec, highlight), false},
        {"percent", parse_bool, offsetof(ms_chart_spec, percent), false},
        {"theme", parse_theme, offsetof(ms_chart_spec, dark), false},
        {"labels", parse_id, offsetof(ms_chart_spec, labels), false},
        {"for_each", parse_for_each, offsetof(ms_chart_spec, for_each), false},
};

/* Every key and string in the spec reaches SVG, HTML and CSV: refuse
 * control and bidirectional characters there (markup is escaped later). */
static int spec_check_texts(const char *buf, size_t len, const cJSON *n, ms_error *err) {
        char why[160];
        for (; n; n = n->next) {
                const char *bad = n->string && ms_text_problem(n->string, SPEC_MAX_ANY_TEXT, why, sizeof(why))
                                          ? n->string
                                  : cJSON_IsString(n) && ms_text_problem(n->valuestring, SPEC_MAX_ANY_TEXT,
                                                                         why, sizeof(why))
                                          ? n->valuestring
                                          : NULL;
                if (bad) {
                        ms_json_locate_key(err, buf, len, n->string);
                        return ms_error_set(err, -EINVAL, n->string ? n->string : "", "%s", why);
                }
                int r = spec_check_texts(buf, len, n->child, err);
                if (r < 0)
                        return r;
        }
        return 0;
}

int ms_chart_spec_parse(const char *buf, size_t len, ms_chart_spec **ret, ms_error *err) {
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *s = NULL;
        _cleanup_(cJSON_Deletep) cJSON *root = NULL;
        ms_error dummy;
        const char *end = NULL;
        int r;

        if (!err)
                err = &dummy;
        ms_error_clear(err);
        if (len > SPEC_MAX_BYTES)
                return ms_error_set(err, -EFBIG, "", "expected at most %u bytes, got %zu", SPEC_MAX_BYTES,
                                    len);
        r = ms_json_check_nul(buf, len, err);
        if (r < 0)
                return r;
        root = cJSON_ParseWithLengthOpts(buf, len, &end, false);
        if (!root) {
                ms_error_locate(err, buf, len, end ? (size_t) (end - buf) : 0);
                return ms_error_set(err, -EBADMSG, "", "invalid JSON");
        }
        r = spec_check_texts(buf, len, root, err);
        if (r < 0)
                return r;
        s = calloc(1, sizeof(*s));
        if (!s)
                return -ENOMEM;
        s->width = 1200;
        s->height = 675;
        /* Every chart gets a phone variant unless it says otherwise: a
         * 1200 px chart shown 375 px wide has 5 px text. */
        s->narrow_width = 640;
        s->narrow_height = 800;
        const spec_ctx c = {.buf = buf, .len = len, .err = err};
        r = parse_object(&c, "", root, spec_rules, ELEMENTSOF(spec_rules), s);
        if (r < 0)
                return r;
        if (s->narrow_width >= s->width)
                s->narrow_width = s->narrow_height = 0;
        *ret = TAKE_PTR(s);
        return 0;
}

static void free_texts(char **t) {
        for (size_t i = 0; i < MS_LANG_COUNT; i++)
                free(t[i]);
}

ms_chart_spec *ms_chart_spec_free(ms_chart_spec *s) {
        if (!s)
                return NULL;
        free(s->id);
        free(s->source);
        for (size_t i = 0; i < s->n_filters; i++) {
                free(s->filters[i].dim);
                free(s->filters[i].code);
        }
        free(s->filters);
        free(s->x_dim);
        free(s->measure);
        free(s->population);
        free(s->series_dim);
        for (size_t i = 0; i < s->n_series_labels; i++) {
                free(s->series_labels[i].code);
                free_texts(s->series_labels[i].name);
                free(s->series_labels[i].source);
                free(s->series_labels[i].measure);
        }
        free(s->series_labels);
        free(s->highlight);
        free(s->labels);
        if (s->for_each) {
                free(s->for_each->dim);
                free(s->for_each->source);
                free(s->for_each->measure);
                free(s->for_each);
        }
        free(s->instance_code);
        free_texts(s->title);
        free_texts(s->subtitle);
        free_texts(s->note);
        free_texts(s->source_line);
        free_texts(s->licence);
        free_texts(s->unit);
        free_texts(s->verb);
        free(s);
        return NULL;
}

void ms_chart_spec_slice_request(const ms_chart_spec *s, ms_slice_request *ret) {
        *ret = (ms_slice_request){
                .filters = s->filters,
                .n_filters = s->n_filters,
                .free_dim = s->x_dim,
                .window = s->window && s->compare_previous_year ? s->window + 12 : s->window,
        };
}

int ms_id_is_valid(const char *id) {
        size_t n = 0;
        if (!id)
                return 0;
        for (; id[n]; n++)
                if (!((id[n] >= 'a' && id[n] <= 'z') || (id[n] >= '0' && id[n] <= '9') || id[n] == '-'))
                        return 0;
        return n >= 1 && n <= 64;
}
