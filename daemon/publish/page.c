/* SPDX-License-Identifier: MIT */
#include <errno.h>

#include "publish/page.h"

/* A meta tag with an escaped value. */
static int page_meta(ms_buf *b, const char *attr, const char *name, const char *value) {
        int r = ms_buf_printf(b, "<meta %s=\"%s\" content=\"", attr, name);
        if (r >= 0)
                r = ms_buf_put_xml_escaped(b, value ? value : "");
        return r >= 0 ? ms_buf_puts(b, "\" />\n") : r;
}

/* Link previews (Open Graph, Twitter): absolute URLs only. */
static int page_share_tags(const ms_page *p, ms_buf *b) {
        const char *lc = ms_lang_code(p->lang);
        ms_buf url = {0}, img = {0};
        int r = ms_buf_printf(&url, "%s%s.%s.page.html", p->base_url, p->id, lc);
        if (r >= 0)
                r = ms_buf_printf(&img, "%s%s.%s.share.png", p->base_url, p->id, lc);
        if (r >= 0)
                r = page_meta(b, "property", "og:type", "article");
        if (r >= 0)
                r = page_meta(b, "property", "og:title", p->title);
        if (r >= 0)
                r = page_meta(b, "property", "og:description", p->alt);
        if (r >= 0)
                r = page_meta(b, "property", "og:url", url.data);
        if (r >= 0)
                r = page_meta(b, "property", "og:image", img.data);
        if (r >= 0)
                r = page_meta(b, "property", "og:image:width", "1200");
        if (r >= 0)
                r = page_meta(b, "property", "og:image:height", "630");
        if (r >= 0)
                r = page_meta(b, "property", "og:image:alt", p->alt);
        if (r >= 0)
                r = page_meta(b, "property", "og:locale", p->lang == MS_LANG_DE ? "de_DE" : "en_GB");
        if (r >= 0)
                r = page_meta(b, "name", "twitter:card", "summary_large_image");
        if (r >= 0)
                r = page_meta(b, "name", "twitter:image", img.data);
        ms_buf_done(&url);
        ms_buf_done(&img);
        return r;
}

/* The same chart in the other languages. */
static int page_alternates(const ms_page *p, ms_buf *b) {
        int r = 0;
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++)
                if (l != (int) p->lang)
                        r = ms_buf_printf(
                                b, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s.%s.page.html\" />\n",
                                ms_lang_code((ms_lang) l), p->id, ms_lang_code((ms_lang) l));
        return r;
}

int ms_page_write(const ms_page *p, ms_buf *out) {
        const char *lc = ms_lang_code(p->lang);
        int r = ms_buf_printf(
                out,
                "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\" />\n"
                "<title>",
                lc);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(out, p->title ? p->title : "")) >= 0)
                r = ms_buf_puts(out, "</title>\n");
        if (r >= 0)
                r = page_meta(out, "name", "description", p->alt);
        if (r >= 0 && p->base_url)
                r = page_share_tags(p, out);
        if (r >= 0)
                r = page_alternates(p, out);
        if (r >= 0)
                r = ms_buf_puts(out,
                                "<style>body{margin:0;font-family:system-ui,sans-serif;color:#1a1a1a;"
                                "background:#fff}figure{margin:0 auto!important}</style>\n</head>\n<body>\n");
        if (r >= 0)
                r = ms_buf_puts(out, p->snippet ? p->snippet : "");
        return r >= 0 ? ms_buf_puts(out, "</body>\n</html>\n") : r;
}
