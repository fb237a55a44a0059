/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* Lowercase hex SHA-256 of data into out[65]: the checksums of the manifest
 * and the cache (libcrypto). */
void ms_sha256_hex(const void *data, size_t len, char out[65]);

/* The same over data that comes in pieces (a file streamed into a release). */
typedef struct ms_sha256 ms_sha256;
ms_sha256 *ms_sha256_new(void);
int ms_sha256_update(ms_sha256 *h, const void *data, size_t len);
/* The digest into out[65]; frees h. */
void ms_sha256_final(ms_sha256 *h, char out[65]);
