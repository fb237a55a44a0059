/* SPDX-License-Identifier: MIT */
#pragma once

/* Arrays of n strings that own their strings and themselves. */
#include <stddef.h>

/* Free v[0..n) and v; v may be NULL, entries may be NULL. */
void ms_strv_free(char **v, size_t n);
