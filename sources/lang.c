/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include "migstat/lang.h"

static const char *const lang_codes[MS_LANG_COUNT] = {
        [MS_LANG_DE] = "de",
        [MS_LANG_EN] = "en",
};

const char *ms_lang_code(ms_lang l) {
        return (unsigned) l < MS_LANG_COUNT ? lang_codes[l] : NULL;
}

int ms_lang_from_code(const char *code) {
        for (int i = 0; i < MS_LANG_COUNT; i++)
                if (strcmp(code, lang_codes[i]) == 0)
                        return i;
        return -EINVAL;
}
