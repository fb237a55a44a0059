/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "base/strv.h"

void ms_strv_free(char **v, size_t n) {
        for (size_t i = 0; v && i < n; i++)
                free(v[i]);
        free(v);
}
