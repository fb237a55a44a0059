/* SPDX-License-Identifier: MIT */
/* The dissemination API URL of a dataset code and filters. */
#include <errno.h>
#include <string.h>

#include "migstat/eurostat.h"

static bool is_name(const char *s) {
        if (!s || !s[0] || strlen(s) > 64)
                return false;
        for (; *s; s++)
                if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", *s))
                        return false;
        return true;
}

/* RFC 3986: unreserved characters stay, everything else is %XX. */
static int put_encoded(ms_buf *b, const char *s) {
        int r = 0;
        for (; r >= 0 && *s; s++) {
                unsigned char c = (unsigned char) *s;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    strchr("-._~", c))
                        r = ms_buf_append(b, s, 1);
                else
                        r = ms_buf_printf(b, "%%%02X", c);
        }
        return r;
}

int ms_eurostat_url(const char *code, const ms_filter *filters, size_t n_filters, const char *lang,
                    ms_buf *out, ms_error *err) {
        if (!is_name(code))
                return ms_error_set(err, -EINVAL, "dataset",
                                    "expected a Eurostat dataset code such as migr_asyappctzm, got \"%s\"",
                                    code ? code : "");
        if (!lang || (strcmp(lang, "de") != 0 && strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0))
                return ms_error_set(err, -EINVAL, "lang", "expected the language de, en or fr, got \"%s\"",
                                    lang ? lang : "");
        for (size_t i = 0; i < n_filters; i++) {
                if (!is_name(filters[i].dim))
                        return ms_error_set(err, -EINVAL, "filters", "expected a dimension id, got \"%s\"",
                                            filters[i].dim ? filters[i].dim : "");
                if (!filters[i].code || !filters[i].code[0])
                        return ms_error_set(err, -EINVAL, "filters",
                                            "expected a code for the filter on \"%s\"", filters[i].dim);
        }
        ms_buf b = {0};
        int r = ms_buf_puts(&b, MS_EUROSTAT_API);
        if (r >= 0)
                r = put_encoded(&b, code);
        if (r >= 0)
                r = ms_buf_printf(&b, "?format=JSON&lang=%s", lang);
        for (size_t i = 0; r >= 0 && i < n_filters; i++) {
                r = ms_buf_printf(&b, "&%s=", filters[i].dim);
                if (r >= 0)
                        r = put_encoded(&b, filters[i].code);
        }
        if (r >= 0)
                r = ms_buf_append(&b, "", 1); /* NUL-terminate; not counted */
        if (r < 0) {
                ms_buf_done(&b);
                return r;
        }
        b.len--;
        ms_buf_done(out);
        *out = b;
        return 0;
}
