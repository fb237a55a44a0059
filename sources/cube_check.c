/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube_check.h"

/* Decode one UTF-8 sequence at s (NUL-terminated); the code point, or -1
 * when it is not well-formed (overlong, surrogate, beyond U+10FFFF). */
static int32_t utf8_next(const unsigned char *s, size_t *ret_len) {
        unsigned char c = s[0];
        int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0)
                return -1;
        int32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int i = 1; i < n; i++) {
                if ((s[i] & 0xC0) != 0x80)
                        return -1;
                cp = (cp << 6) | (s[i] & 0x3F);
        }
        static const int32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return -1;
        *ret_len = (size_t) n;
        return cp;
}

static bool is_control(int32_t cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static bool is_bidi_control(int32_t cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069);
}

const char *ms_text_problem(const char *text, size_t max, char *why, size_t n) {
        size_t len = strlen(text);
        if (len > max) {
                snprintf(why, n, "expected at most %zu bytes, got %zu", max, len);
                return why;
        }
        for (size_t i = 0, l = 0; i < len; i += l) {
                int32_t cp = utf8_next((const unsigned char *) text + i, &l);
                if (cp < 0)
                        snprintf(why, n, "expected UTF-8, got byte 0x%02X at byte %zu",
                                 (unsigned char) text[i], i);
                else if (is_control(cp))
                        snprintf(why, n, "expected text, got control character U+%04X at byte %zu",
                                 (unsigned) cp, i);
                else if (is_bidi_control(cp))
                        snprintf(why, n, "expected text, got bidirectional control U+%04X at byte %zu",
                                 (unsigned) cp, i);
                else
                        continue;
                return why;
        }
        return NULL;
}

static int cmp_codes(const void *a, const void *b) {
        return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static int check_duplicates(const ms_dimension *d, ms_error *err) {
        if (d->n_categories < 2)
                return 0;
        const char **codes = calloc(d->n_categories, sizeof(*codes));
        if (!codes)
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        for (size_t i = 0; i < d->n_categories; i++)
                codes[i] = d->categories[i].code;
        qsort(codes, d->n_categories, sizeof(*codes), cmp_codes);
        int r = 0;
        for (size_t i = 1; r == 0 && i < d->n_categories; i++)
                if (strcmp(codes[i - 1], codes[i]) == 0)
                        r = ms_error_set(
                                err, -EBADMSG, "",
                                "dimension %s: expected unique category codes, \"%.64s\" appears twice",
                                d->id ? d->id : "?", codes[i]);
        free(codes);
        return r;
}

/* what = "label of dimension geo, category \"AT\"" for the message. */
static int check_one(const char *text, size_t max, const char *what, const char *code, ms_error *err) {
        char why[160];
        if (!text || !ms_text_problem(text, max, why, sizeof(why)))
                return 0;
        return ms_error_set(err, -EBADMSG, "", "%s%s%.64s%s: %s", what, code ? " \"" : "", code ? code : "",
                            code ? "\"" : "", why);
}

static int check_dimension(const ms_dimension *d, ms_error *err) {
        char what[200];
        const char *id = d->id ? d->id : "?";
        int r = check_one(d->id, MS_CUBE_MAX_CODE, "dimension id", NULL, err);
        snprintf(what, sizeof(what), "label of dimension %.64s", id);
        if (r >= 0)
                r = check_one(d->label, MS_CUBE_MAX_LABEL, what, NULL, err);
        for (size_t i = 0; r >= 0 && i < d->n_categories; i++) {
                const ms_category *cat = &d->categories[i];
                snprintf(what, sizeof(what), "dimension %.64s, category code", id);
                r = check_one(cat->code, MS_CUBE_MAX_CODE, what, NULL, err);
                snprintf(what, sizeof(what), "dimension %.64s, label of category", id);
                if (r >= 0)
                        r = check_one(cat->label, MS_CUBE_MAX_LABEL, what, cat->code, err);
        }
        return r < 0 ? r : check_duplicates(d, err);
}

int ms_cube_check_text(const ms_cube *c, ms_error *err) {
        int r = check_one(c->label, MS_CUBE_MAX_LABEL, "dataset label", NULL, err);
        if (r >= 0)
                r = check_one(c->source, MS_CUBE_MAX_LABEL, "dataset source", NULL, err);
        for (size_t i = 0; r >= 0 && i < c->n_dims; i++)
                r = check_dimension(&c->dims[i], err);
        return r;
}

/* "geo=AT, time=2019-04" for cell off. */
static void cell_name(const ms_cube *c, size_t off, char *buf, size_t n) {
        size_t pos[MS_CUBE_MAX_DIMS];
        buf[0] = '\0';
        ms_cube_positions(c, off, pos);
        size_t used = 0;
        for (size_t d = 0; d < c->n_dims && used < n; d++) {
                int k = snprintf(buf + used, n - used, "%s%.32s=%.32s", d ? ", " : "", c->dims[d].id,
                                 c->dims[d].categories[pos[d]].code);
                if (k < 0)
                        break;
                used += (size_t) k;
        }
}

int ms_cube_check_values(const ms_cube *c, ms_error *err) {
        for (size_t i = 0; i < c->n_cells; i++) {
                if (!(fabs(c->values[i]) > MS_CUBE_MAX_VALUE)) /* NaN: missing */
                        continue;
                char name[300];
                cell_name(c, i, name, sizeof(name));
                if (isinf(c->values[i]))
                        return ms_error_set(err, -ERANGE, "",
                                            "cell %s: expected a finite number, got %s (out of range)", name,
                                            c->values[i] > 0 ? "+Inf" : "-Inf");
                return ms_error_set(err, -ERANGE, "", "cell %s: expected a magnitude of at most %g, got %g",
                                    name, MS_CUBE_MAX_VALUE, c->values[i]);
        }
        return 0;
}
