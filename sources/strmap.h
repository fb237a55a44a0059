/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A string -> index map (open addressing, FNV-1a) for interning category
 * codes while a parser reads rows.  Internal to sources/.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct ms_strmap {
        char **keys; /* by index, owned */
        size_t n; /* number of keys */
        size_t cap_keys;
        uint32_t *slots; /* index + 1, 0 = empty */
        size_t n_slots; /* power of two */
} ms_strmap;

/* Index of key, adding it when new (*ret_new set to 1 then).  -EINVAL for a
 * key holding a NUL byte, -ENOMEM. */
int ms_strmap_intern(ms_strmap *m, const char *key, size_t len, int *ret_new);
/* Index of key or -ENOENT. */
int ms_strmap_find(const ms_strmap *m, const char *key, size_t len);
void ms_strmap_done(ms_strmap *m);
