/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "base/sha256.h"

static void hex(const unsigned char md[32], char out[65]) {
        for (size_t i = 0; i < 32; i++)
                snprintf(out + 2 * i, 3, "%02x", md[i]);
}

ms_sha256 *ms_sha256_new(void) {
        EVP_MD_CTX *c = EVP_MD_CTX_new();
        if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1) {
                EVP_MD_CTX_free(c);
                return NULL;
        }
        return (ms_sha256 *) c;
}

int ms_sha256_update(ms_sha256 *h, const void *data, size_t len) {
        return EVP_DigestUpdate((EVP_MD_CTX *) h, data, len) == 1 ? 0 : -EIO;
}

void ms_sha256_final(ms_sha256 *h, char out[65]) {
        unsigned char md[32] = {0};
        unsigned int mdlen = 0;
        if (EVP_DigestFinal_ex((EVP_MD_CTX *) h, md, &mdlen) != 1 || mdlen != 32)
                memset(md, 0, sizeof(md));
        EVP_MD_CTX_free((EVP_MD_CTX *) h);
        hex(md, out);
}

void ms_sha256_hex(const void *data, size_t len, char out[65]) {
        unsigned char md[32];
        unsigned int mdlen = 0;
        if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
                memset(md, 0, sizeof(md)); /* cannot happen with the default provider */
        hex(md, out);
}
