/* SPDX-License-Identifier: MIT */
/* Measures by name: "filter:citizenship_bamf_code=TOTAL|annual|protection". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/measure.h"

#define MAX_ARGS 3

/* Split "op:a:b" in place; returns the number of parts. */
static size_t split(char *step, char **parts) {
        size_t n = 0;
        for (char *s = step, *save = NULL; n < MAX_ARGS + 1 && (s = strtok_r(s, ":", &save)); s = NULL)
                parts[n++] = s;
        return n;
}

static int parse_count(const char *s, size_t *ret) {
        char *end;
        unsigned long v = strtoul(s, &end, 10);
        if (!s[0] || *end || v == 0 || v > 100000)
                return -EINVAL;
        *ret = v;
        return 0;
}

/* "CODE=A+B+C" or "CODE=*" for every category (modified in place). */
static int combine(const ms_cube *c, const char *dim, char *spec, ms_cube **ret, ms_error *err) {
        char *eq = strchr(spec, '='), *parts[16];
        size_t n = 0;
        *eq = '\0';
        if (strcmp(eq + 1, "*") == 0)
                return ms_measure_combine(c, dim, spec, NULL, 0, ret, err);
        for (char *s = eq + 1, *save = NULL; (s = strtok_r(s, "+", &save)); s = NULL) {
                if (n == 16)
                        return ms_error_set(err, -EINVAL, "", "combine: expected at most 16 codes to add up");
                parts[n++] = s;
        }
        return ms_measure_combine(c, dim, spec, (const char *const *) parts, n, ret, err);
}

/* One step of a measure pipeline, already split at ':' into a[0..n-1] (the
 * operation, then its arguments): c is the input, *ret a new cube.  pop is the
 * population cube for per-100k (NULL when the chart names none).  An unknown
 * operation or a wrong number or form of arguments is -EINVAL naming the step;
 * the operations' own errors pass through. */
static int apply_step(const ms_cube *c, char **a, size_t n, const ms_cube *pop, ms_cube **ret,
                      ms_error *err) {
        const char *op = a[0];
        size_t count;
        if (strcmp(op, "filter") == 0 && n == 2 && strchr(a[1], '=')) {
                char *eq = strchr(a[1], '=');
                *eq = '\0';
                return ms_measure_filter(c, a[1], eq + 1, ret, err);
        }
        if (strcmp(op, "drop") == 0 && n == 2 && strchr(a[1], '=')) {
                char *eq = strchr(a[1], '=');
                *eq = '\0';
                return ms_measure_drop(c, a[1], eq + 1, ret, err);
        }
        if (strcmp(op, "rank") == 0 && n == 3 && parse_count(a[2], &count) >= 0)
                return ms_measure_rank(c, a[1], count, ret, err);
        if (strcmp(op, "sum") == 0 && n == 2)
                return ms_measure_sum(c, a[1], ret, err);
        if (strcmp(op, "window") == 0 && n == 2 && parse_count(a[1], &count) >= 0)
                return ms_measure_window(c, count, ret, err);
        if (strcmp(op, "top") == 0 && n == 3 && parse_count(a[2], &count) >= 0)
                return ms_measure_top(c, a[1], count, NULL, ret, err);
        if (strcmp(op, "top-latest") == 0 && n == 3 && parse_count(a[2], &count) >= 0)
                return ms_measure_top_latest(c, a[1], count, NULL, ret, err);
        if (strcmp(op, "combine") == 0 && n == 3 && strchr(a[2], '=') && strchr(a[2], '=')[1])
                return combine(c, a[1], a[2], ret, err);
        if (strcmp(op, "difference") == 0 && n == 4)
                return ms_measure_difference(c, a[1], a[2], a[3], ret, err);
        if (strcmp(op, "annual") == 0 && n == 1)
                return ms_measure_annual(c, ret, err);
        if (strcmp(op, "quarterly") == 0 && n == 1)
                return ms_measure_quarterly(c, ret, err);
        if (strcmp(op, "ytd") == 0 && n == 1)
                return ms_measure_ytd(c, ret, err);
        if (strcmp(op, "share") == 0 && (n == 2 || n == 3))
                return ms_measure_share(c, a[1], n == 3 ? a[2] : NULL, ret, err);
        if ((strcmp(op, "change") == 0 || strcmp(op, "change-year") == 0) &&
            (n == 1 || (n == 2 && strcmp(a[1], "pct") == 0)))
                return ms_measure_change(c, op[6] ? MS_CHANGE_PREVIOUS_YEAR : MS_CHANGE_PREVIOUS, n == 2, ret,
                                         err);
        if (strcmp(op, "per-100k") == 0 && n == 1) {
                if (!pop)
                        return ms_error_set(err, -EINVAL, "", "per-100k needs a population cube");
                return ms_measure_per_capita(c, pop, 100000, ret, err);
        }
        if ((strcmp(op, "protection") == 0 || strcmp(op, "protection-adjusted") == 0) && n <= 2) {
                ms_protection_codes codes = ms_protection_codes_bamf;
                if (n == 2)
                        codes.dim = a[1];
                return ms_measure_protection_rate(c, &codes, op[10] != '\0', ret, err);
        }
        if ((strcmp(op, "protection-unhcr") == 0 || strcmp(op, "protection-unhcr-adjusted") == 0) && n == 1)
                return ms_measure_protection_rate(c, &ms_protection_codes_unhcr, op[16] != '\0', ret, err);
        return ms_error_set(
                err, -EINVAL, "",
                "unknown measure \"%s\" (expected filter:DIM=CODE, drop:DIM=CODE, sum:DIM, rank:DIM:N, window:N, top:DIM:N, "
                "top-latest:DIM:N, difference:DIM:A:B, combine:DIM:CODE=A+B|*, annual, quarterly, "
                "ytd, share:DIM[:TOTAL], change[:pct], change-year[:pct], per-100k, protection[:DIM], "
                "protection-adjusted[:DIM], protection-unhcr, protection-unhcr-adjusted)",
                op);
}

int ms_measure_apply(const ms_cube *c, const char *pipeline, const ms_cube *pop, ms_cube **ret,
                     ms_error *err) {
        _cleanup_free_ char *copy = strdup(pipeline);
        if (!copy)
                return -ENOMEM;
        ms_cube *cur = NULL;
        size_t i = 0;
        int r = 0;
        for (char *step = copy, *save = NULL; (step = strtok_r(step, "|", &save)); step = NULL, i++) {
                char *parts[MAX_ARGS + 1];
                char text[120];
                snprintf(text, sizeof(text), "%s", step);
                size_t n = split(step, parts);
                ms_cube *next = NULL;
                r = n == 0 ? ms_error_set(err, -EINVAL, "", "empty measure")
                           : apply_step(cur ? cur : c, parts, n, pop, &next, err);
                ms_cube_free(cur);
                cur = next;
                if (r < 0) {
                        if (err)
                                snprintf(err->where, sizeof(err->where), "measure step %zu (%s)", i + 1,
                                         text);
                        return r;
                }
        }
        if (!cur)
                return ms_error_set(err, -EINVAL, "", "expected a measure name, got nothing");
        *ret = cur;
        return 0;
}
