/* SPDX-License-Identifier: MIT */
#pragma once

/* The languages every chart is published in. */
typedef enum ms_lang {
        MS_LANG_DE,
        MS_LANG_EN,
        MS_LANG_COUNT,
} ms_lang;

/* "de", "en" */
const char *ms_lang_code(ms_lang l);
/* MS_LANG_* for "de"/"en", or -EINVAL. */
int ms_lang_from_code(const char *code);
