/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/buf.h"
#include "strmap.h"

static uint64_t hash(const char *s, size_t len) {
        uint64_t h = 14695981039346656037u;
        for (size_t i = 0; i < len; i++) {
                h ^= (unsigned char) s[i];
                h *= 1099511628211u;
        }
        return h;
}

static size_t probe(const ms_strmap *m, const char *key, size_t len, int *ret_found) {
        size_t mask = m->n_slots - 1, i = (size_t) hash(key, len) & mask;
        for (;; i = (i + 1) & mask) {
                uint32_t s = m->slots[i];
                if (s == 0) {
                        *ret_found = 0;
                        return i;
                }
                const char *k = m->keys[s - 1];
                if (strnlen(k, len + 1) == len && memcmp(k, key, len) == 0) {
                        *ret_found = 1;
                        return i;
                }
        }
}

static int grow(ms_strmap *m) {
        size_t n_slots = m->n_slots ? m->n_slots * 2 : 64;
        uint32_t *slots = calloc(n_slots, sizeof(*slots));
        if (!slots)
                return -ENOMEM;
        free(m->slots);
        m->slots = slots;
        m->n_slots = n_slots;
        for (size_t k = 0; k < m->n; k++) {
                int found;
                size_t i = probe(m, m->keys[k], strlen(m->keys[k]), &found);
                m->slots[i] = (uint32_t) k + 1;
        }
        return 0;
}

int ms_strmap_find(const ms_strmap *m, const char *key, size_t len) {
        int found;
        if (m->n_slots == 0 || memchr(key, '\0', len))
                return -ENOENT;
        size_t i = probe(m, key, len, &found);
        return found ? (int) m->slots[i] - 1 : -ENOENT;
}

int ms_strmap_intern(ms_strmap *m, const char *key, size_t len, int *ret_new) {
        int found, r;
        if (memchr(key, '\0', len))
                return -EINVAL; /* keys are C strings */
        if (m->n >= INT32_MAX - 1)
                return -E2BIG;
        if ((m->n + 1) * 2 > m->n_slots && (r = grow(m)) < 0)
                return r;
        size_t i = probe(m, key, len, &found);
        if (ret_new)
                *ret_new = !found;
        if (found)
                return (int) m->slots[i] - 1;
        if (MS_GROW(m->keys, m->cap_keys, m->n + 1) < 0)
                return -ENOMEM;
        char *copy = strndup(key, len);
        if (!copy)
                return -ENOMEM;
        m->keys[m->n] = copy;
        m->slots[i] = (uint32_t) ++m->n;
        return (int) m->n - 1;
}

void ms_strmap_done(ms_strmap *m) {
        for (size_t k = 0; m && k < m->n; k++)
                free(m->keys[k]);
        if (m) {
                free(m->keys);
                free(m->slots);
                *m = (ms_strmap){0};
        }
}
