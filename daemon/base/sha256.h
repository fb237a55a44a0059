/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* Lowercase hex SHA-256 of data into out[65]: the checksums of the manifest
 * and the cache (libcrypto). */
void ms_sha256_hex(const void *data, size_t len, char out[65]);
