/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strv.h"
#include "migstat/json_util.h"
#include "config/source_rules.h"

/* One parse: the text to point errors into. */
typedef struct rules_parse {
        const char *text;
        size_t len;
        ms_error *err;
} rules_parse;

/* The path of key in the source file: "validate" or "validate.<key>". */
static int rules_error(const rules_parse *p, const char *key, const char *expected) {
        bool top = strcmp(key, "validate") == 0;
        char where[64];
        snprintf(where, sizeof(where), "validate%s%s", top ? "" : ".", top ? "" : key);
        ms_json_locate_key(p->err, p->text, p->len, key);
        return ms_error_set(p->err, -EINVAL, where, "expected %s", expected);
}

/* A JSON array of non-empty strings (at most 1000) into a new array. */
static int rules_strings(const rules_parse *p, const cJSON *a, const char *key, char ***ret, size_t *ret_n) {
        int n = cJSON_GetArraySize(a);
        if (!cJSON_IsArray(a) || n < 1 || n > 1000)
                return rules_error(p, key, "an array of 1 to 1000 strings");
        char **v = calloc((size_t) n, sizeof(*v));
        if (!v)
                return -ENOMEM;
        *ret = v; /* freed by ms_source_rules_done() on any error */
        const cJSON *e;
        cJSON_ArrayForEach(e, a) {
                const char *s = cJSON_GetStringValue(e);
                if (!s || !*s || strlen(s) > 255)
                        return rules_error(p, key, "an array of strings of 1 to 255 bytes");
                if (!(v[*ret_n] = strdup(s)))
                        return -ENOMEM;
                (*ret_n)++;
        }
        return 0;
}

static int rules_total(const rules_parse *p, const cJSON *t, ms_total_rule *ret) {
        static const char expected[] =
                "objects {\"dim\", \"total\", \"parts\": [...], \"rounding\": 0..1000, "
                "\"at_most\": true|false}";
        const char *dim = ms_json_string(t, "dim"), *total = ms_json_string(t, "total");
        const cJSON *rounding = cJSON_GetObjectItemCaseSensitive(t, "rounding"),
                    *at_most = cJSON_GetObjectItemCaseSensitive(t, "at_most");
        if (!cJSON_IsObject(t) || !dim || !total ||
            (rounding &&
             (!cJSON_IsNumber(rounding) || !(rounding->valuedouble >= 0 && rounding->valuedouble <= 1000))) ||
            (at_most && !cJSON_IsBool(at_most)))
                return rules_error(p, "totals", expected);
        ret->rounding = rounding ? rounding->valuedouble : 0;
        ret->at_most = cJSON_IsTrue(at_most);
        if (!(ret->dim = strdup(dim)) || !(ret->total = strdup(total)))
                return -ENOMEM;
        char **parts = NULL;
        size_t n = 0;
        int r = rules_strings(p, cJSON_GetObjectItemCaseSensitive(t, "parts"), "parts", &parts, &n);
        ret->parts = (const char *const *) parts;
        ret->n_parts = n;
        return r;
}

static int rules_totals(const rules_parse *p, const cJSON *a, ms_source_rules *ret) {
        int n = cJSON_GetArraySize(a);
        if (!cJSON_IsArray(a) || n < 1 || n > 100)
                return rules_error(p, "totals", "an array of 1 to 100 total rules");
        if (!(ret->totals = calloc((size_t) n, sizeof(*ret->totals))))
                return -ENOMEM;
        const cJSON *t;
        cJSON_ArrayForEach(t, a) {
                int r = rules_total(p, t, &ret->totals[ret->n_totals++]);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int rules_jump(const rules_parse *p, const cJSON *j, ms_source_rules *ret) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, "factor"),
                    *m = cJSON_GetObjectItemCaseSensitive(j, "min");
        if (!cJSON_IsObject(j) || !cJSON_IsNumber(f) || !(f->valuedouble > 1 && f->valuedouble <= 1e6) ||
            (m && (!cJSON_IsNumber(m) || !(m->valuedouble >= 0 && m->valuedouble <= 1e12))))
                return rules_error(p, "jump", "{\"factor\": above 1 up to 1000000, \"min\": 0..1e12}");
        ret->jump_factor = f->valuedouble;
        ret->jump_min = m ? m->valuedouble : 0;
        return 0;
}

const ms_plausibility ms_plausibility_defaults = {
        .max_revised_share = 0.25,
        .max_revision_change = 0.5,
        .revision_min = 50,
        .level_factor = 10,
        .level_min = 100,
        .zeros_min = 50,
        .member_distance = 0.02,
};

/* "plausibility": false, or an object of thresholds (each >= 0; 0 = off). */
static int rules_plausibility(const rules_parse *p, const cJSON *j, ms_plausibility *ret) {
        static const struct {
                const char *key;
                size_t offset;
                double max;
        } keys[] = {
                {"max_revised_share", offsetof(ms_plausibility, max_revised_share), 1},
                {"max_revision_change", offsetof(ms_plausibility, max_revision_change), 1e6},
                {"revision_min", offsetof(ms_plausibility, revision_min), 1e12},
                {"level_factor", offsetof(ms_plausibility, level_factor), 1e12},
                {"level_min", offsetof(ms_plausibility, level_min), 1e12},
                {"zeros_min", offsetof(ms_plausibility, zeros_min), 1e12},
                {"member_distance", offsetof(ms_plausibility, member_distance), 1},
        };
        static const char expected[] = "false or {max_revised_share 0..1, max_revision_change, revision_min, "
                                       "level_factor (0 or > 1), level_min, zeros_min, member_distance 0..1}";
        if (cJSON_IsFalse(j)) {
                *ret = (ms_plausibility){0};
                return 0;
        }
        if (!cJSON_IsObject(j))
                return rules_error(p, "plausibility", expected);
        for (const cJSON *m = ms_json_members(j); m; m = m->next) {
                size_t i = 0;
                while (i < ELEMENTSOF(keys) && strcmp(keys[i].key, m->string) != 0)
                        i++;
                if (i == ELEMENTSOF(keys) || !cJSON_IsNumber(m) ||
                    !(m->valuedouble >= 0 && m->valuedouble <= keys[i].max) ||
                    (i == 3 && m->valuedouble > 0 && m->valuedouble <= 1))
                        return rules_error(p, i == ELEMENTSOF(keys) ? "plausibility" : keys[i].key, expected);
                *(double *) ((char *) ret + keys[i].offset) = m->valuedouble;
        }
        return 0;
}

static int rules_member(const rules_parse *p, const cJSON *m, ms_source_rules *ret) {
        const char *k = m->string;
        if (strcmp(k, "dims") == 0)
                return rules_strings(p, m, k, &ret->dims, &ret->n_dims);
        if (strcmp(k, "required") == 0)
                return rules_strings(p, m, k, &ret->required, &ret->n_required);
        if (strcmp(k, "totals") == 0)
                return rules_totals(p, m, ret);
        if (strcmp(k, "jump") == 0)
                return rules_jump(p, m, ret);
        if (strcmp(k, "allow_negative") == 0) {
                if (!cJSON_IsBool(m))
                        return rules_error(p, k, "true or false");
                ret->allow_negative = cJSON_IsTrue(m);
                return 0;
        }
        if (strcmp(k, "plausibility") == 0)
                return rules_plausibility(p, m, &ret->plausibility);
        if (strcmp(k, "future_months") == 0) {
                if (!cJSON_IsNumber(m) || !(m->valuedouble >= 0 && m->valuedouble <= 120) ||
                    m->valuedouble != (double) (unsigned) m->valuedouble)
                        return rules_error(p, k, "months 0..120");
                ret->future_months = (unsigned) m->valuedouble;
                return 0;
        }
        if (strcmp(k, "max_age_months") == 0) {
                if (!cJSON_IsNumber(m) || !(m->valuedouble >= 1 && m->valuedouble <= 1200) ||
                    m->valuedouble != (double) (unsigned) m->valuedouble)
                        return rules_error(p, k, "months 1..1200");
                ret->max_age_months = (unsigned) m->valuedouble;
                return 0;
        }
        char where[64];
        ms_json_locate_key(p->err, p->text, p->len, k);
        return ms_error_set(p->err, -EINVAL, ms_json_path_key(where, sizeof(where), "validate", k),
                            "unknown field \"%s\" (expected dims, required, allow_negative, totals, jump, "
                            "max_age_months, future_months, plausibility)",
                            k);
}

int ms_source_rules_parse(const cJSON *j, const char *text, size_t len, ms_source_rules *ret, ms_error *err) {
        rules_parse p = {.text = text, .len = len, .err = err};
        ms_source_rules r = {.plausibility = ms_plausibility_defaults};
        if (!j) {
                *ret = r;
                return 0;
        }
        if (!cJSON_IsObject(j))
                return rules_error(&p, "validate", "an object of validation rules");
        int q = 0;
        for (const cJSON *m = ms_json_members(j); q >= 0 && m; m = m->next)
                q = rules_member(&p, m, &r);
        if (q == -ENOMEM)
                q = ms_error_set(err, -ENOMEM, "validate", "out of memory");
        if (q < 0) {
                ms_source_rules_done(&r);
                return q;
        }
        *ret = r;
        return 0;
}

void ms_source_rules_done(ms_source_rules *r) {
        ms_strv_free(r->dims, r->n_dims);
        ms_strv_free(r->required, r->n_required);
        for (size_t i = 0; r->totals && i < r->n_totals; i++) {
                free((char *) r->totals[i].dim);
                free((char *) r->totals[i].total);
                ms_strv_free((char **) r->totals[i].parts, r->totals[i].n_parts);
        }
        free(r->totals);
        *r = (ms_source_rules){0};
}

ms_validate_rules ms_source_rules_get(const ms_source_rules *r, const ms_period *now) {
        return (ms_validate_rules){
                .dims = (const char *const *) r->dims,
                .n_dims = r->n_dims,
                .required = (const char *const *) r->required,
                .n_required = r->n_required,
                .allow_negative = r->allow_negative,
                .totals = r->totals,
                .n_totals = r->n_totals,
                .jump_factor = r->jump_factor,
                .jump_min = r->jump_min,
                .now = now,
                .max_age_months = r->max_age_months,
                .check_future = now != NULL,
                .future_months = r->future_months,
                .plausibility = r->plausibility,
        };
}
