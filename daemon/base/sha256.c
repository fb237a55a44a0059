/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "base/sha256.h"

void ms_sha256_hex(const void *data, size_t len, char out[65]) {
        unsigned char md[32];
        unsigned int mdlen = 0;
        if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
                memset(md, 0, sizeof(md)); /* cannot happen with the default provider */
        for (size_t i = 0; i < 32; i++)
                snprintf(out + 2 * i, 3, "%02x", md[i]);
}
